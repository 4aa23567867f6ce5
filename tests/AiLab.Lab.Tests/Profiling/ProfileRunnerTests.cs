using System.Globalization;
using AiLab.Core.Trials;
using AiLab.Lab.Probes;
using AiLab.Lab.Profiling.Running;
using AiLab.Lab.Tests.Experiments;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Profiling;

public sealed class ProfileRunnerTests
{
    /// <summary>Plays the workload: records each request and writes the profile file the probe would write.</summary>
    private sealed class ProfilingExecutor : ITrialExecutor
    {
        public List<TrialRequest> Requests { get; } = [];

        public Task<TrialResult> RunAsync(TrialRequest request, CancellationToken cancellationToken)
        {
            Requests.Add(request);
            var path = request.Environment["AILAB_PROFILE"]!;
            var mode = request.Environment["AILAB_PROFILE_MODE"];
            var calls = mode == "calls"
                ? ""","calls":[{"function":"builtins.repr","file":"~","line":0,"calls":7,"self_ms":1,"callers":[{"function":"features.memoize_key","file":"/w/f.py","line":4,"calls":7}]}]"""
                : "";
            File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $$"""
                {"format":"ailab-profile/1","mode":"{{mode}}","interval_ms":5,"start_ns":1000000000,"stop_ns":1090000000,
                 "stopped_by":"first_batch","marks":[{"mark":"first_batch","t_ns":1090000000}],
                 "frames":[{"module":"train","name":"<module>","file":"/w/train.py","line":1}],
                 "stacks":[{"phase":"first_batch","stack":[0],"samples":18,"ms":90}],
                 "imports":[{"module":"json","parent":null,"depth":0,"start_ns":1001000000,"end_ns":1009000000,"self_ms":8,"total_ms":8}]{{calls}}}
                """));
            return Task.FromResult(Trials.Succeeded([("first_batch", 100)]));
        }
    }

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
