using AiLab.Core.Workflows;
using AiLab.Execution.Processes;
using AiLab.Lab.Probes;
using AiLab.Lab.Profiling.Diff;
using AiLab.Lab.Profiling.Running;
using AiLab.Lab.Tests.Experiments;
using AiLab.Lab.Tests.Support;
using AiLab.Testing;

namespace AiLab.Lab.Tests.Profiling.Dotnet;

/// <summary>Issue 14 on the ML.NET example itself (real processes, real EventPipe traces): its planted slow method
/// is the top finding, and the same program on both sides (A/A) gives no finding above noise, through the many
/// distinct framework stacks an ML.NET start-up walks.</summary>
public sealed class MlnetProfileTests(MlnetExampleBuild example) : IClassFixture<MlnetExampleBuild>
{
    private static readonly WorkflowSpec Workflow = new()
    {
        Name = "mlnet-train", Run = MlnetExampleBuild.Command, Timeout = TimeSpan.FromMinutes(2),
    };

    [Fact]
    public async Task RunAsync_MlnetExampleWithThePlantedAudit_TopFindingNamesConfigAuditFingerprint()
    {
        using var home = new TempDirectory("ailab-mlnet-profile-");
        var experiment = Trials.AbExperiment(workingDirectory: example.Folder, workflow: Workflow,
            envB: new Dictionary<string, string> { ["MLNET_TRAIN_AUDIT"] = "full" });
        var options = ProfileOptions.Default;

        var set = await Runner().RunAsync(experiment, options, home.Combine("profiles"), null, CancellationToken.None);
        var diff = ProfileDiff.Compute(set, options);

        Assert.Empty(set.Problems);
        var findings = string.Join("; ", diff.Findings.Select(f => f.Summary));
        Console.WriteLine($"mlnet planted: {findings}");
        Assert.NotEmpty(diff.Findings);
        var top = diff.Findings[0];
        // The planted leaf, named with its caller; or its caller when the samples land there.
        Assert.True(top.Path[0] == "MlnetTrain.ConfigAudit.Fingerprint" && top.Path[1] ==
            "MlnetTrain.ConfigAudit.AuditIfEnabled" || top.Path[0] == "MlnetTrain.ConfigAudit.AuditIfEnabled",
            findings);
        Assert.Equal("config_validation", top.Phase);
        Assert.True(top.Change.DeltaMs > 0, top.Summary);
    }

    [Fact]
    public async Task RunAsync_MlnetExampleSameOnBothSides_NoFindingAboveNoise()
    {
        using var home = new TempDirectory("ailab-mlnet-profile-");
        var experiment = Trials.AbExperiment(workingDirectory: example.Folder, workflow: Workflow,
            envA: new Dictionary<string, string> { ["AA"] = "1" },
            envB: new Dictionary<string, string> { ["AA"] = "2" });
        var options = ProfileOptions.Default;

        var set = await Runner().RunAsync(experiment, options, home.Combine("profiles"), null, CancellationToken.None);
        var diff = ProfileDiff.Compute(set, options);
        // The same trials judged without the sampling-noise floor: what the floor removed (docs/benchmarks.md).
        var unfloored = ProfileDiff.Compute(set, options with { SamplingNoiseFloor = false });

        Assert.Empty(set.Problems);
        Console.WriteLine($"mlnet A/A: {diff.Stacks.Count} paths, {diff.NoisePaths} could be findings, " +
            $"{diff.SampleMs:0.00} ms a sample, z {diff.NoiseZ:0.00}; findings {diff.Findings.Count}, without the " +
            $"floor {unfloored.Findings.Count}: {string.Join("; ", unfloored.Findings.Select(f => f.Summary))}");
        Assert.True(diff.Findings.Count == 0, string.Join("; ", diff.Findings.Select(f => f.Summary)));
    }

    private static ProfileRunner Runner() =>
        new(new LocalExecutor(), new FakeVariantPreparer(), new ProbeEnvironment("/opt/probe"));
}
