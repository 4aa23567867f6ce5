using AiLab.Core.Experiments;
using AiLab.Core.Variants;
using AiLab.Core.Workflows;
using AiLab.Execution.Git;
using AiLab.Lab.Probes;
using AiLab.Lab.Tests.Support;
using AiLab.Lab.Variants;

namespace AiLab.Lab.Tests.Variants;

public sealed class WorkspacePreparerTests : IDisposable
{
    private static readonly Dictionary<string, string> Empty = [];

    private readonly TempGitRepo _git = new();
    private readonly TempDirectory _probe = new("ailab-lab-probe-");
    private readonly BuildCache _cache;
    private readonly WorkspacePreparer _preparer;
    private readonly string _first;
    private readonly string _second;

    public WorkspacePreparerTests()
    {
        _first = _git.Commit("first", ("jobs/train/job.txt", "old"), ("README", "x"));
        _second = _git.Commit("second", ("jobs/train/job.txt", "new"));
        _cache = new BuildCache(_git.Outside("builds"));
        _preparer = new WorkspacePreparer(_cache, new ProbeEnvironment(_probe.Path));
    }

    public void Dispose()
    {
        _probe.Dispose();
        _git.Dispose();
    }

    [Fact]
    public void Prepare_RevisionWithWorkdir_RunsInThatFolderOfItsOwnCheckout()
    {
        var workflow = new WorkflowSpec { Name = "w", Run = "cat job.txt", WorkingDirectory = "jobs/train" };
        var experiment = FromRepo(workflow, new Variant("A", "HEAD~1", Empty), new Variant("B", "HEAD", Empty));

        var a = _preparer.Prepare(experiment, experiment.Variants[0], CancellationToken.None);
        var b = _preparer.Prepare(experiment, experiment.Variants[1], CancellationToken.None);

        Assert.True(a.Succeeded, a.Reason);
        Assert.True(b.Succeeded, b.Reason);
        Assert.Equal("old", File.ReadAllText(Path.Combine(a.WorkingDirectory, "job.txt")));
        Assert.Equal("new", File.ReadAllText(Path.Combine(b.WorkingDirectory, "job.txt")));
        Assert.StartsWith(_cache.Root + Path.DirectorySeparatorChar, a.WorkingDirectory, StringComparison.Ordinal);
        Assert.EndsWith(Path.Combine("jobs", "train"), a.WorkingDirectory, StringComparison.Ordinal);
        Assert.NotEqual(a.WorkingDirectory, b.WorkingDirectory);
        // The user's own checkout is never where trials run.
        Assert.False(a.WorkingDirectory.StartsWith(_git.Path + Path.DirectorySeparatorChar, StringComparison.Ordinal));
    }

    [Fact]
    public void Prepare_FreshBuilds_UsesAWorktreeOfItsOwnNotTheSharedEntry()
    {
        var workflow = new WorkflowSpec { Name = "w", Run = "cat job.txt", WorkingDirectory = "jobs/train" };
        var shared = FromRepo(workflow, new Variant("A", "HEAD", Empty), new Variant("B", "HEAD", Empty));
        var fresh = shared with { Id = "ab-confirm-0002", FreshBuilds = true, ConfirmationOf = shared.Id };

        var first = _preparer.Prepare(shared, shared.Variants[0], CancellationToken.None);
        var again = _preparer.Prepare(shared, shared.Variants[0], CancellationToken.None);
        var own = _preparer.Prepare(fresh, fresh.Variants[0], CancellationToken.None);

        Assert.True(again.BuildReused);
        Assert.Equal(first.WorkingDirectory, again.WorkingDirectory);
        Assert.False(own.BuildReused);
        Assert.NotEqual(first.WorkingDirectory, own.WorkingDirectory);
        Assert.Equal("new", File.ReadAllText(Path.Combine(own.WorkingDirectory, "job.txt")));
    }

    [Fact]
    public void Prepare_ExperimentCommits_WinOverTheVariantsRevision()
    {
        // The experiment pinned "HEAD" to the first commit when it was created; a later commit must not leak in.
        var workflow = new WorkflowSpec { Name = "w", Run = "true", WorkingDirectory = "jobs/train" };
        var experiment = FromRepo(workflow, new Variant("A", "HEAD", Empty), new Variant("B", "HEAD", Empty)) with
        {
            Commits = new Dictionary<string, string> { ["A"] = _first, ["B"] = _second },
        };

        var a = _preparer.Prepare(experiment, experiment.Variants[0], CancellationToken.None);

        Assert.Equal("old", File.ReadAllText(Path.Combine(a.WorkingDirectory, "job.txt")));
    }

    [Fact]
    public void Prepare_Environment_LayersVariantOverWorkflow()
    {
        var workflow = new WorkflowSpec
        {
            Name = "w", Run = "true",
            Environment = new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1", ["MODE"] = "workflow" },
        };
        var variant = new Variant("B", "HEAD", new Dictionary<string, string> { ["MODE"] = "variant", ["LAZY"] = "1" });
        var experiment = FromRepo(workflow, new Variant("A", "HEAD", Empty), variant);

        var prepared = _preparer.Prepare(experiment, variant, CancellationToken.None);

        Assert.True(prepared.Succeeded, prepared.Reason);
        Assert.Equal("1", prepared.Environment["OMP_NUM_THREADS"]);
        Assert.Equal("variant", prepared.Environment["MODE"]);
        Assert.Equal("1", prepared.Environment["LAZY"]);
        Assert.Same(variant, prepared.Variant);
    }

    [Fact]
    public void Prepare_PythonPath_PutsTheProbeFirstAndKeepsTheWorkflowsPath()
    {
        var workflow = new WorkflowSpec
        {
            Name = "w", Run = "true", Environment = new Dictionary<string, string> { ["PYTHONPATH"] = "/opt/mylib" },
        };
        var experiment = FromRepo(workflow, new Variant("A", "HEAD", Empty), new Variant("B", "HEAD", Empty));

        var prepared = _preparer.Prepare(experiment, experiment.Variants[0], CancellationToken.None);

        Assert.Equal($"{_probe.Path}:/opt/mylib", prepared.Environment["PYTHONPATH"]);
        Assert.False(prepared.Environment.ContainsKey("AILAB_AUTO"));
    }

    [Fact]
    public void Prepare_AutoInstrumentTorch_AddsTheSwitchAndTheAutoinstrumentFolderFirst()
    {
        var workflow = new WorkflowSpec
        {
            Name = "w", Run = "true", AutoInstrument = AutoInstrument.Torch,
            Environment = new Dictionary<string, string> { ["PYTHONPATH"] = "/opt/mylib" },
        };
        var experiment = FromRepo(workflow, new Variant("A", "HEAD", Empty), new Variant("B", "HEAD", Empty));

        var prepared = _preparer.Prepare(experiment, experiment.Variants[1], CancellationToken.None);

        Assert.Equal("torch", prepared.Environment["AILAB_AUTO"]);
        Assert.Equal(
            string.Join(Path.PathSeparator, Path.Combine(_probe.Path, "autoinstrument"), _probe.Path, "/opt/mylib"),
            prepared.Environment["PYTHONPATH"]);
    }

    [Fact]
    public void Prepare_MissingWorkdir_FailsWithAReason()
    {
        var workflow = new WorkflowSpec { Name = "w", Run = "true", WorkingDirectory = "no/such/dir" };
        var experiment = FromRepo(workflow, new Variant("A", "HEAD~1", Empty), new Variant("B", "HEAD", Empty));

        var prepared = _preparer.Prepare(experiment, experiment.Variants[0], CancellationToken.None);

        Assert.False(prepared.Succeeded);
        Assert.Contains("does not exist", prepared.Reason, StringComparison.Ordinal);
        Assert.Contains(Path.Combine("no", "such", "dir"), prepared.Reason, StringComparison.Ordinal);
        Assert.Contains("HEAD~1", prepared.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_BuildCommand_RunsOnceWithTheVariantsEnvironmentAndIsReused()
    {
        var workflow = new WorkflowSpec
        {
            Name = "w", Run = "cat built.txt", Build = "printf '%s' \"$FLAVOUR\" > built.txt",
            Environment = new Dictionary<string, string> { ["FLAVOUR"] = "plain" },
        };
        var variant = new Variant("B", "HEAD", new Dictionary<string, string> { ["FLAVOUR"] = "spicy" });
        var experiment = FromRepo(workflow, new Variant("A", "HEAD", Empty), variant);

        var first = _preparer.Prepare(experiment, variant, CancellationToken.None);
        var again = _preparer.Prepare(experiment, variant, CancellationToken.None);
        var baseline = _preparer.Prepare(experiment, experiment.Variants[0], CancellationToken.None);

        Assert.True(first.Succeeded, first.Reason);
        Assert.Equal("spicy", File.ReadAllText(Path.Combine(first.WorkingDirectory, "built.txt")));
        Assert.False(first.BuildReused);
        Assert.True(File.Exists(first.BuildLogPath));
        Assert.True(again.BuildReused);
        Assert.Equal(first.WorkingDirectory, again.WorkingDirectory);
        Assert.Equal("plain", File.ReadAllText(Path.Combine(baseline.WorkingDirectory, "built.txt")));
    }

    [Fact]
    public void Prepare_BuildFails_IsAValueWithTheLogsTail()
    {
        var workflow = new WorkflowSpec { Name = "w", Run = "true", Build = "echo 'compiler says no' >&2; exit 3" };
        var experiment = FromRepo(workflow, new Variant("A", "HEAD", Empty), new Variant("B", "HEAD", Empty));

        var prepared = _preparer.Prepare(experiment, experiment.Variants[0], CancellationToken.None);

        Assert.False(prepared.Succeeded);
        Assert.Contains("exited with code 3", prepared.Reason, StringComparison.Ordinal);
        Assert.Contains("compiler says no", prepared.Reason, StringComparison.Ordinal);
        Assert.True(File.Exists(prepared.BuildLogPath));
    }

    [Fact]
    public void Prepare_NoRepository_RunsInTheWorkingDirectoryAsItIs()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.Combine("sub"));
        var workflow = new WorkflowSpec { Name = "w", Run = "true", WorkingDirectory = "sub" };
        var experiment = Trials.AbExperiment(workflow: workflow, workingDirectory: dir.Path);

        var prepared = _preparer.Prepare(experiment, experiment.Variants[0], CancellationToken.None);

        Assert.True(prepared.Succeeded, prepared.Reason);
        Assert.Equal(dir.Combine("sub"), prepared.WorkingDirectory);
        Assert.Null(prepared.BuildLogPath);
    }

    [Fact]
    public void Prepare_NoRepositoryButABuildCommand_IsRefused()
    {
        using var dir = new TempDirectory();
        var workflow = new WorkflowSpec { Name = "w", Run = "true", Build = "touch built" };
        var experiment = Trials.AbExperiment(workflow: workflow, workingDirectory: dir.Path);

        var prepared = _preparer.Prepare(experiment, experiment.Variants[0], CancellationToken.None);

        Assert.False(prepared.Succeeded);
        Assert.Contains("needs a git repository", prepared.Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(dir.Combine("built")));
    }

    [Fact]
    public void Prepare_AutoInstrumentWithoutAProbe_Throws()
    {
        var preparer = new WorkspacePreparer(_cache, new ProbeEnvironment(null));
        var workflow = new WorkflowSpec { Name = "w", Run = "true", AutoInstrument = AutoInstrument.Torch };
        var experiment = FromRepo(workflow, new Variant("A", "HEAD", Empty), new Variant("B", "HEAD", Empty));

        var ex = Assert.Throws<InvalidOperationException>(() => preparer.Prepare(experiment, experiment.Variants[0], CancellationToken.None));

        Assert.Contains("probes/python", ex.Message, StringComparison.Ordinal);
    }

    private Experiment FromRepo(WorkflowSpec workflow, Variant a, Variant b) => Trials.AbExperiment(workflow: workflow) with
    {
        RepositoryPath = _git.Path,
        WorkingDirectory = null,
        Variants = [a, b],
    };
}
