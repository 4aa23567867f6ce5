using AiLab.Core.Trials;
using AiLab.Core.Workflows;
using AiLab.Execution.Processes;
using AiLab.Lab.Probes;
using AiLab.Lab.Profiling.Diff;
using AiLab.Lab.Profiling.Running;
using AiLab.Lab.Tests.Experiments;
using AiLab.Lab.Tests.Support;
using AiLab.Testing;
using AiLab.Stats.Estimators;

namespace AiLab.Lab.Tests.Profiling.Dotnet;

/// <summary>Issue 14 for a .NET workload: real processes recording real EventPipe traces, read with TraceEvent into
/// the profile model the diff already understands.</summary>
public sealed class DotnetProfileTests(PlantedDotnetProgram program) : IClassFixture<PlantedDotnetProgram>
{
    [Fact]
    public async Task RunAsync_PlantedSlowMethodInB_TopFindingNamesTheMethodInItsPhaseAndOverheadIsPrinted()
    {
        using var home = new TempDirectory("ailab-dotnet-profile-");
        var experiment = Trials.AbExperiment(workingDirectory: program.Folder,
            workflow: new WorkflowSpec { Name = "planted", Run = PlantedDotnetProgram.Command,
                Timeout = TimeSpan.FromMinutes(2) },
            envB: new Dictionary<string, string> { ["PLANTED_SLOW"] = "1" });
        var executor = new LocalExecutor();
        var options = ProfileOptions.Default with { TrialsPerVariant = 4 };
        var runner = new ProfileRunner(executor, new FakeVariantPreparer(), new ProbeEnvironment("/opt/probe"));

        var set = await runner.RunAsync(experiment, options, home.Combine("profiles"), null, CancellationToken.None);
        var diff = ProfileDiff.Compute(set, options);

        Assert.Empty(set.Problems);
        Assert.Equal(4, set.Baseline.Count);
        Assert.Equal(4, set.Candidate.Count);
        Assert.All(set.Baseline.Concat(set.Candidate), p => Assert.EndsWith(".nettrace", p.Path,
            StringComparison.Ordinal));
        var top = diff.Findings[0];
        var findings = string.Join("; ", diff.Findings.Select(f => f.Summary + " in " + f.Phase));
        // The planted method spends its time in a helper it shares with the baseline's work: the finding names both.
        Assert.True(top.Path[0] == "Planted.Spin" && top.Path[1] == "Planted.ParseConfigSlowly", findings);
        Assert.Equal("preprocessing", top.Phase);
        Assert.True(top.Change.DeltaMs > 0 && top.Change.Significant, top.Summary);
        Assert.DoesNotContain(diff.Findings, f => f.Path.Contains("Planted.Baseline"));

        // The profiler's overhead on TTFB: the same program, same variants, unprofiled, alternating A and B.
        var plain = new Dictionary<string, List<double>>(StringComparer.Ordinal) { ["A"] = [], ["B"] = [] };
        for (var i = 0; i < 4; i++)
        {
            foreach (var variant in experiment.Variants)
            {
                var stem = home.Combine($"plain-{i}-{variant.Label}");
                var env = variant.Environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value,
                    StringComparer.Ordinal);
                var result = await executor.RunAsync(new TrialRequest(PlantedDotnetProgram.Command, program.Folder,
                    env, TimeSpan.FromMinutes(2), stem + ".log", stem + ".events.jsonl", null), CancellationToken.None);
                Assert.True(result.Succeeded, result.Reason);
                plain[variant.Label].Add(result.TtfbMs!.Value);
            }
        }

        var profiledA = Descriptive.Median(set.Baseline.Select(p => p.TtfbMs).ToList());
        var profiledB = Descriptive.Median(set.Candidate.Select(p => p.TtfbMs).ToList());
        Console.WriteLine($"dotnet profile: top finding {top.Summary}; TTFB A {Descriptive.Median(plain["A"]):0} ms " +
            $"plain, {profiledA:0} ms profiled; B {Descriptive.Median(plain["B"]):0} ms plain, {profiledB:0} ms " +
            $"profiled; unprofiled start-up A {set.Baseline[0].UnprofiledMs:0} ms");
    }

    [Fact]
    public async Task RunAsync_SameProgramBothSides_NoFindingAboveNoise()
    {
        using var home = new TempDirectory("ailab-dotnet-profile-");
        var experiment = Trials.AbExperiment(workingDirectory: program.Folder,
            workflow: new WorkflowSpec { Name = "planted", Run = PlantedDotnetProgram.Command,
                Timeout = TimeSpan.FromMinutes(2) });
        var options = ProfileOptions.Default with { TrialsPerVariant = 4 };
        var runner = new ProfileRunner(new LocalExecutor(), new FakeVariantPreparer(),
            new ProbeEnvironment("/opt/probe"));

        var set = await runner.RunAsync(experiment, options, home.Combine("profiles"), null, CancellationToken.None);
        var diff = ProfileDiff.Compute(set, options);

        Assert.Empty(set.Problems);
        Assert.True(diff.Findings.Count == 0, string.Join("; ", diff.Findings.Select(f => f.Summary)));
    }
}
