using AiLab.Lab.Probes;
using AiLab.Lab.Profiling.Running;
using AiLab.Lab.Tests.Experiments;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Profiling;

public sealed class ProfileRunnerTests
{
    [Fact]
    public async Task RunAsync_TwoVariants_AlternatesSampledTrialsThenOneCallCountTrialEachWithTheProfilerSwitchedOn()
    {
        using var home = new TempDirectory("ailab-profile-");
        var executor = new ProfilingExecutor();
        var runner = new ProfileRunner(executor, new FakeVariantPreparer(), new ProbeEnvironment("/opt/probe"));

        var set = await runner.RunAsync(Trials.AbExperiment(workingDirectory: home.Path),
            ProfileOptions.Default with { TrialsPerVariant = 3 },
            home.Combine("profiles"), null, CancellationToken.None);

        Assert.Equal(["A", "B", "A", "B", "A", "B", "A", "B"], executor.Requests.Select(r =>
            Path.GetFileName(r.LogPath)[4..5]));
        Assert.Equal(6, executor.Requests.Count(r => r.Environment["AILAB_PROFILE_MODE"] == "sample"));
        Assert.All(executor.Requests.TakeLast(2), r => Assert.Equal("calls", r.Environment["AILAB_PROFILE_MODE"]));
        Assert.All(executor.Requests, r => Assert.StartsWith("/opt/probe/autoinstrument", r.Environment["PYTHONPATH"],
            StringComparison.Ordinal));
        Assert.All(executor.Requests, r => Assert.StartsWith(home.Combine("profiles"), r.EventsPath,
            StringComparison.Ordinal));
        Assert.Equal(3, set.Baseline.Count);
        Assert.Equal(3, set.Candidate.Count);
        // Placed on the trial's timeline through first_batch: the profiler started 100 - 90 ms after the spawn.
        Assert.Equal(10, set.Baseline[0].UnprofiledMs, 6);
        Assert.Equal(11, set.Baseline[0].Imports[0].StartMs, 6);
        Assert.Contains(set.CandidateCalls, c => c.Function == "builtins.repr" && c.Caller == "features.memoize_key" &&
            c.Calls == 7);
        Assert.Empty(set.Problems);
    }

    [Fact]
    public async Task RunAsync_NoPythonProbe_ThrowsSayingWhatIsMissing()
    {
        var runner = new ProfileRunner(new ProfilingExecutor(), new FakeVariantPreparer(), new ProbeEnvironment(null));

        var e = await Assert.ThrowsAsync<InvalidOperationException>(() => runner.RunAsync(
            Trials.AbExperiment(), ProfileOptions.Default, Path.GetTempPath(), null, CancellationToken.None));

        Assert.Contains("Python probe", e.Message, StringComparison.Ordinal);
    }
}
