using System.Globalization;
using System.Text.RegularExpressions;

namespace AiLab.Probe.Tests;

[Trait("Category", "Integration")]
public sealed partial class MlnetTrainExampleTests(MlnetTrainExample example) : IClassFixture<MlnetTrainExample>
{
    private static readonly string[] Phases = ["imports", "config_validation", "preprocessing", "model_build", "first_batch", "done"];

    [Fact]
    public void Run_WithEventsFile_MarksEveryPhaseInOrderAndLearns()
    {
        using var events = new TempEventsFile();

        var run = example.Run(events.Path);

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}:\n{run.Stderr}");
        var marks = ParsedMark.ParseAll(events.ReadLines());
        Assert.Equal(Phases, marks.Select(m => m.Mark));
        Assert.All(marks.Zip(marks.Skip(1)), pair => Assert.True(pair.Second.TNs >= pair.First.TNs, $"{pair.Second.Mark} stamped before {pair.First.Mark}"));
        var modelBuild = marks.Single(m => m.Mark == "model_build").TNs;
        var firstBatch = marks.Single(m => m.Mark == "first_batch").TNs;
        Assert.True(firstBatch > modelBuild, $"first_batch {firstBatch} not after model_build {modelBuild}");
        // Labels are drawn from a logistic model, so a trained classifier lands well above chance but below 1.
        var accuracy = double.Parse(AccuracyPattern().Match(run.Stdout).Groups[1].Value, CultureInfo.InvariantCulture);
        Assert.InRange(accuracy, 0.7, 0.99);
    }

    [Fact]
    public async Task Run_TwoProcessesOnOneEventsFile_KeepEveryLineOfBoth()
    {
        using var events = new TempEventsFile();

        var runs = await Task.WhenAll(
            Task.Run(() => example.Run(events.Path, "--rows", "2000")),
            Task.Run(() => example.Run(events.Path, "--rows", "2000")));

        Assert.All(runs, r => Assert.True(r.ExitCode == 0, r.Stderr));
        var marks = ParsedMark.ParseAll(events.ReadLines());
        Assert.Equal(Phases.SelectMany(p => new[] { p, p }).Order(StringComparer.Ordinal), marks.Select(m => m.Mark).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Run_InvalidConfig_ExitsWithCodeTwoBeforeConfigValidation()
    {
        using var events = new TempEventsFile();
        var config = Path.Combine(Path.GetTempPath(), $"mlnet-train-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, """{"rows": 20000, "trainer": "xgboost", "test_fraction": 1.5}""");
        try
        {
            var run = example.Run(events.Path, "--config", config);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("trainer must be one of sdca, lbfgs, got 'xgboost'", run.Stderr, StringComparison.Ordinal);
            Assert.Contains("test_fraction", run.Stderr, StringComparison.Ordinal);
            Assert.Equal(["imports"], ParsedMark.ParseAll(events.ReadLines()).Select(m => m.Mark));
        }
        finally
        {
            File.Delete(config);
        }
    }

    [Fact]
    public void Run_UnknownConfigKey_ExitsWithCodeTwo()
    {
        var config = Path.Combine(Path.GetTempPath(), $"mlnet-train-{Guid.NewGuid():N}.json");
        File.WriteAllText(config, """{"rowz": 500}""");
        try
        {
            var run = example.Run(null, "--config", config);

            Assert.Equal(2, run.ExitCode);
            Assert.Contains("rowz", run.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(config);
        }
    }

    [GeneratedRegex(@"accuracy=([0-9.]+)")]
    private static partial Regex AccuracyPattern();
}
