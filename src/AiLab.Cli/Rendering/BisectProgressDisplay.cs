using System.Diagnostics;
using System.Globalization;
using AiLab.Lab.Bisection;

namespace AiLab.Cli.Rendering;

/// <summary>Live bisection progress on stderr, one line per event with the time since the start: which step, which
/// commits, what each comparison concluded. Lines, not a redrawn screen, so CI logs read like the terminal.</summary>
internal sealed class BisectProgressDisplay(TextWriter output, string command) : IProgress<BisectProgress>
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();

    public void Report(BisectProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var t = _clock.Elapsed;
        var marker = value.Kind switch
        {
            BisectProgressKind.ComparisonStarted => "run ",
            BisectProgressKind.ComparisonFinished => "  = ",
            BisectProgressKind.Culprit => "FOUND ",
            BisectProgressKind.Skipped => "skip ",
            BisectProgressKind.Unresolved => "unresolved ",
            _ => "",
        };
        var line = string.Create(CultureInfo.InvariantCulture,
            $"ailab {command} [{(int)t.TotalMinutes:00}:{t.Seconds:00}] {marker}{value.Message}");
        lock (_gate) output.WriteLine(line);
    }
}
