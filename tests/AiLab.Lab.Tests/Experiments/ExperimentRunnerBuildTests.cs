using System.Diagnostics;
using AiLab.Core.Experiments;
using AiLab.Core.Variants;
using AiLab.Core.Workflows;
using AiLab.Execution.Git;
using AiLab.Lab.Analysis;
using AiLab.Lab.Experiments;
using AiLab.Lab.Probes;
using AiLab.Lab.Tests.Support;
using AiLab.Lab.Variants;
using AiLab.Storage.Sqlite;

namespace AiLab.Lab.Tests.Experiments;

/// <summary>The runner with the real preparer: a real repository, a real build cache, real build commands.</summary>
public sealed class ExperimentRunnerBuildTests : IDisposable
{
    private readonly TempGitRepo _git = new();
    private readonly SqliteExperimentStore _store;
    private readonly LabPaths _paths;

    public ExperimentRunnerBuildTests()
    {
        _git.Commit("first", ("train.sh", "echo hi"));
        _paths = new LabPaths(_git.Outside("home"));
        _store = new SqliteExperimentStore(_paths.Database);
    }

    public void Dispose()
    {
        _store.Dispose();
        _git.Dispose();
    }

    [Fact]
    public async Task RunAsync_CancelledDuringARealBuild_IsInterrupted()
    {
        var experiment = Create(build: "sleep 30");
        using var ctrlC = new CancellationTokenSource(TimeSpan.FromMilliseconds(500));
        var stopwatch = Stopwatch.StartNew();

        var outcome = await Runner(new NoTrials()).RunAsync(experiment, VerdictPolicy.Default, null, ctrlC.Token);

        Assert.Equal(ExperimentStatus.Interrupted, outcome.Experiment.Status);
        Assert.Contains("interrupted while building", outcome.Experiment.StatusReason, StringComparison.Ordinal);
        Assert.Equal(ExperimentStatus.Interrupted, _store.Find(experiment.Id)!.Status);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(20), $"the build was not stopped on cancellation ({stopwatch.Elapsed})");
    }

    [Fact]
    public async Task RunAsync_FailingRealBuild_IsFailedWithTheBuildLog()
    {
        var experiment = Create(build: "echo 'missing header foo.h' >&2; exit 4");

        var outcome = await Runner(new NoTrials()).RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);

        Assert.Equal(ExperimentStatus.Failed, outcome.Experiment.Status);
        Assert.Contains("variant A (HEAD) could not be prepared", outcome.Experiment.StatusReason, StringComparison.Ordinal);
        Assert.Contains("missing header foo.h", outcome.Experiment.StatusReason, StringComparison.Ordinal);
        Assert.Empty(outcome.Trials);
    }

    private ExperimentRunner Runner(AiLab.Core.Trials.ITrialExecutor executor) =>
        new(_store, executor, new WorkspacePreparer(new BuildCache(_paths.Builds), new ProbeEnvironment(null)), _paths);

    private Experiment Create(string build)
    {
        var none = new Dictionary<string, string>();
        var experiment = Trials.AbExperiment(workflow: new WorkflowSpec { Name = "w", Run = "sh train.sh", Build = build }) with
        {
            RepositoryPath = _git.Path,
            WorkingDirectory = null,
            Variants = [new Variant("A", "HEAD", none), new Variant("B", "HEAD", none)],
        };
        _store.Create(experiment);
        return experiment;
    }
}
