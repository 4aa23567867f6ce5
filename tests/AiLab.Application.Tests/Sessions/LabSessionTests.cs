using AiLab.Application.Settings;
using AiLab.Application.Workflows;
using AiLab.Core.Experiments;
using AiLab.Core.Variants;
using AiLab.Lab;
using AiLab.Lab.Analysis;
using AiLab.Lab.Experiments;
using AiLab.Storage;

namespace AiLab.Application.Tests.Sessions;

/// <summary>What the ailab command's <c>run</c> does, done by a front end that is not the command line: resolve the
/// workflow, validate the settings, plan, store, run real trials, read the result back.</summary>
public sealed class LabSessionTests
{
    // A workload that marks first_batch through the probe protocol and exits.
    private const string Workload = "printf '{\"mark\":\"first_batch\"}\\n' >> \"$AILAB_EVENTS\"";

    [Fact]
    public async Task RunExperiment_WithoutTheCli_StoresEveryTrialAndCompletes()
    {
        using var home = new TempDirectory();
        var paths = new LabPaths(home.Path);
        var request = new WorkflowRequest { AdHocCommand = Workload, Timeout = "60s" };
        var spec = WorkflowResolver.Resolve(request, null, home.Path);
        var trials = TrialSettings.Trials(2, spec.Trials);
        var warmup = TrialSettings.Warmup(0, spec.Warmup);

        using (var lab = LabSession.Open(paths, StoreLocation.Parse(paths.Database), StoreAccess.ReadWrite))
        {
            var experiment = ExperimentPlanner.Create(
                new ExperimentPlan
                {
                    Kind = ExperimentKind.Run, Workflow = spec, WorkingDirectory = home.Path,
                    Variants = [CurrentDirectory()], Trials = trials, Warmup = warmup,
                },
                TimeProvider.System);
            await lab.Store.CreateAsync(experiment);

            var outcome = await lab.Runner.RunAsync(experiment, VerdictPolicy.Default, null, CancellationToken.None);

            Assert.Equal(ExperimentStatus.Completed, outcome.Experiment.Status);
            Assert.Equal(2, outcome.Trials.Count(t => t.Result.Succeeded));
        }

        using var reader = LabSession.Open(paths, StoreLocation.Parse(paths.Database), StoreAccess.ReadOnly);
        var stored = Assert.Single(await reader.Store.ListAsync(10));
        Assert.Equal(2, (await reader.Store.GetTrialsAsync(stored.Id)).Count);
    }

    [Fact]
    public async Task RunExperiment_Cancelled_StoresAReasonThatNamesNoCommand()
    {
        using var home = new TempDirectory();
        var paths = new LabPaths(home.Path);
        var request = new WorkflowRequest { AdHocCommand = "sleep 30", Timeout = "60s" };
        var spec = WorkflowResolver.Resolve(request, null, home.Path);
        using var lab = LabSession.Open(paths, StoreLocation.Parse(paths.Database), StoreAccess.ReadWrite);
        var experiment = ExperimentPlanner.Create(
            new ExperimentPlan
            {
                Kind = ExperimentKind.Run, Workflow = spec, WorkingDirectory = home.Path,
                Variants = [CurrentDirectory()], Trials = 2, Warmup = 0,
            },
            TimeProvider.System);
        await lab.Store.CreateAsync(experiment);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(2));

        var outcome = await lab.Runner.RunAsync(experiment, VerdictPolicy.Default, null, cancel.Token);

        Assert.Equal(ExperimentStatus.Interrupted, outcome.Experiment.Status);
        Assert.StartsWith("interrupted during trial", outcome.Experiment.StatusReason, StringComparison.Ordinal);
        Assert.DoesNotContain("ailab", outcome.Experiment.StatusReason, StringComparison.Ordinal);
    }

    // The variant of `ailab run` without --rev: the directory as it is.
    private static Variant CurrentDirectory() => new("A", null, new Dictionary<string, string>());
}
