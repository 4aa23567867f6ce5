using System.Globalization;
using System.Text;
using AiLab.Execution.Probes;

namespace AiLab.Execution.Tests.Probes.Fuzzing;

/// <summary>Structure-aware fuzzing of the probe's event lines: every line is either an event with a non-empty mark
/// or a warning that names its line and stays short, never an exception. Seeded (AILAB_FUZZ_SEED replays another run).</summary>
public sealed class ProbeEventParserFuzzTests
{
    private const int Inputs = 100_000;
    private const int DefaultSeed = 10_2026;

    [Fact]
    public void TryParse_HundredThousandMutatedLines_ReturnsAnEventOrALocatedWarningAndNeverThrows()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("AILAB_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
        var mutator = new ProbeLineMutator(seed);
        var (events, warnings, blank) = (0, 0, 0);

        for (var i = 0; i < Inputs; i++)
        {
            var line = mutator.Next();
            var lineNumber = 1 + (i % 5_000);
            bool ok;
            ProbeEvent? probeEvent;
            string? warning;
            try
            {
                ok = ProbeEventParser.TryParse(line, lineNumber, out probeEvent, out warning);
            }
#pragma warning disable CA1031 // the point: any exception is a crash of the parser, reported with its input
            catch (Exception e)
#pragma warning restore CA1031
            {
                Assert.Fail($"line {i} (seed {seed}) crashed the parser with {e.GetType().Name}: {e.Message}\n{Describe(line)}");
                return;
            }

            if (ok)
            {
                events++;
                // A warning beside an event only drops an optional field (cpu_ns, pid), never the mark.
                var optionalOnly = warning is null || warning.StartsWith("events line", StringComparison.Ordinal);
                Assert.True(probeEvent is not null && !string.IsNullOrWhiteSpace(probeEvent.Mark) && optionalOnly,
                    $"line {i} (seed {seed}): an event without a mark: {Describe(line)}");
            }
            else if (warning is null)
            {
                blank++;
                Assert.True(line.AsSpan().Trim(" \t\r"u8).IsEmpty, $"line {i} (seed {seed}) was dropped without a warning: {Describe(line)}");
            }
            else
            {
                warnings++;
                Assert.Null(probeEvent);
                Assert.StartsWith($"events line {lineNumber}: ", warning, StringComparison.Ordinal);
                // The snippet is cut: a megabyte line must not become a megabyte warning in every report.
                Assert.True(warning.Length < 300, $"line {i} (seed {seed}): a {warning.Length}-character warning");
            }
        }

        Assert.True(events > Inputs / 50 && warnings > Inputs / 10 && blank > 0, $"events {events}, warnings {warnings}, blank {blank} (seed {seed})");
    }

    private static string Describe(byte[] line)
    {
        var text = Encoding.UTF8.GetString(line);
        return text.Length <= 300 ? text : $"{text[..300]}... ({line.Length} bytes)";
    }
}
