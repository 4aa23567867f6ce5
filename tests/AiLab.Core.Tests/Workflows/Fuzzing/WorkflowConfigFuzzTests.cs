using System.Globalization;
using AiLab.Core.Workflows;

namespace AiLab.Core.Tests.Workflows.Fuzzing;

/// <summary>Structure-aware fuzzing of the ailab.yaml loader: whatever the file says, it either loads or is
/// rejected with the domain's <see cref="ConfigException"/>, each problem placed at file:line. Seeded; the seed and
/// the input are in every failure, and AILAB_FUZZ_SEED replays another run.</summary>
public sealed class WorkflowConfigFuzzTests
{
    private const int Inputs = 25_000;
    private const int DefaultSeed = 10_2026;
    private const string File = "fuzz.yaml";

    [Fact]
    public void Parse_TwentyFiveThousandMutatedDocuments_LoadsOrRejectsEachWithALocation()
    {
        var seed = Seed();
        var mutator = new YamlMutator(seed);
        var (loaded, rejected) = (0, 0);

        for (var i = 0; i < Inputs; i++)
        {
            var input = mutator.Next();
            try
            {
                var suite = WorkflowConfig.Parse(input, File);
                loaded++;
                foreach (var workflow in suite.Workflows)
                {
                    Assert.Same(workflow, suite.Get(workflow.Name));
                    if (workflow.WorkingDirectory is { } dir) Assert.Null(WorkdirRule.Problem(dir));
                    Assert.True(workflow.Timeout > TimeSpan.Zero, $"input {i} (seed {seed}) loaded a non-positive timeout");
                    Assert.True(workflow.Trials is null or >= 2, $"input {i} (seed {seed}) loaded trials {workflow.Trials}");
                }
            }
            catch (ConfigException e)
            {
                rejected++;
                foreach (var diagnostic in e.Diagnostics)
                {
                    Assert.True(diagnostic.File == File && diagnostic.Line is > 0 && diagnostic.Column is > 0,
                        $"input {i} (seed {seed}): a rejection without file:line:column: {diagnostic}\n{YamlMutator.Describe(input)}");
                    Assert.False(string.IsNullOrWhiteSpace(diagnostic.Problem));
                }
            }
#pragma warning disable CA1031 // the point: any other exception is a crash of the loader, reported with its input
            catch (Exception e)
#pragma warning restore CA1031
            {
                Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                    $"input {i} (seed {seed}) crashed the loader with {e.GetType().Name}: {e.Message}\n{YamlMutator.Describe(input)}\n{e}"));
            }
        }

        // Both outcomes must be exercised, or the mutations are too weak (all rejected) or too timid (all loaded).
        Assert.True(loaded > Inputs / 50 && rejected > Inputs / 2, $"loaded {loaded}, rejected {rejected} (seed {seed})");
    }

    [Fact]
    public void Get_UnknownNameInAHugeFile_ListsAFewCloseNamesNotTheFile()
    {
        var names = Enumerable.Range(0, 5_000).Select(i => string.Create(CultureInfo.InvariantCulture, $"workflow-{i:D5}-with-a-long-name")).ToList();
        var yaml = "workflows:\n" + string.Concat(names.Select(n => $"  {n}: {{run: \"true\"}}\n"));
        var suite = WorkflowConfig.Parse(yaml, File);

        var e = Assert.Throws<ConfigException>(() => suite.Get("workflow-00042-with-a-long-nam"));

        Assert.True(e.Message.Length < 1_000, $"the message is {e.Message.Length} characters");
        Assert.Contains("5000 workflows", e.Message, StringComparison.Ordinal);
        Assert.Contains("workflow-00042-with-a-long-name", e.Message, StringComparison.Ordinal);
    }

    private static int Seed() =>
        int.TryParse(Environment.GetEnvironmentVariable("AILAB_FUZZ_SEED"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var s) ? s : DefaultSeed;
}
