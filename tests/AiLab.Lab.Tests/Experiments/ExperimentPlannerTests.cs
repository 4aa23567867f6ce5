using AiLab.Core.Experiments;
using AiLab.Core.Variants;
using AiLab.Core.Workflows;
using AiLab.Execution.Git;
using AiLab.Lab.Experiments;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Experiments;

public sealed class ExperimentPlannerTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 15, 0, TimeSpan.Zero);
    private readonly TempGitRepo _git = new();

    public void Dispose() => _git.Dispose();

    [Fact]
    public void Create_RepositoryVariants_PinsEachRevisionToItsCommit()
    {
        var first = _git.Commit("first", ("a.txt", "1"));
        var second = _git.Commit("second", ("a.txt", "2"));
        var plan = Plan(repository: _git.Path, new Variant("A", "HEAD~1", new Dictionary<string, string>()), Variant.Parse("B", "LAZY=1"));

        var experiment = ExperimentPlanner.Create(plan, new FixedTimeProvider(Now));
        _git.Commit("third", ("a.txt", "3")); // HEAD moves on; the experiment must not

        Assert.Equal(first, experiment.Commits["A"]);
        Assert.Equal(second, experiment.Commits["B"]);
        Assert.Equal("HEAD", experiment.Variants[1].Revision);
        Assert.Equal("1", experiment.Variants[1].Environment["LAZY"]);
        Assert.Equal(GitRepository.Open(_git.Path).Root, experiment.RepositoryPath);
    }

    [Fact]
    public void Create_Plan_CarriesCountsSeedTimeAndAnAbId()
    {
        var plan = Plan(repository: null, Variant.Parse("A", "X=1"), Variant.Parse("B", "X=2")) with { Seed = 99, Trials = 7, Warmup = 2 };

        var experiment = ExperimentPlanner.Create(plan, new FixedTimeProvider(Now));

        Assert.Matches("^ab-20261123-091500-[0-9a-f]{4}$", experiment.Id);
        Assert.Equal(Now, experiment.CreatedAt);
        Assert.Equal(99, experiment.Seed);
        Assert.Equal(7, experiment.TrialsPerVariant);
        Assert.Equal(2, experiment.WarmupPerVariant);
        Assert.Null(experiment.RepositoryPath);
        Assert.Empty(experiment.Commits);
        Assert.Null(experiment.Variants[0].Revision);
        Assert.Equal(ExperimentStatus.Running, experiment.Status);
    }

    [Fact]
    public void Create_PlainRun_GetsARunId()
    {
        var plan = Plan(repository: null, Variant.Parse("A", "X=1")) with { Kind = ExperimentKind.Run };

        Assert.StartsWith("run-", ExperimentPlanner.Create(plan, new FixedTimeProvider(Now)).Id, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_UnknownRevision_Throws()
    {
        _git.Commit("first", ("a.txt", "1"));
        var plan = Plan(repository: _git.Path, Variant.Parse("A", "no-such-branch"), Variant.Parse("B", "HEAD"));

        Assert.Throws<UnknownRevisionException>(() => ExperimentPlanner.Create(plan, new FixedTimeProvider(Now)));
    }

    [Theory]
    [InlineData(1, 0)]
    [InlineData(5, -1)]
    public void Create_BadCounts_Throw(int trials, int warmup)
    {
        var plan = Plan(repository: null, Variant.Parse("A", "X=1"), Variant.Parse("B", "X=2")) with { Trials = trials, Warmup = warmup };

        Assert.Throws<ArgumentException>(() => ExperimentPlanner.Create(plan, new FixedTimeProvider(Now)));
    }

    private ExperimentPlan Plan(string? repository, params Variant[] variants) => new()
    {
        Kind = ExperimentKind.AB,
        Workflow = WorkflowSpec.AdHoc("true"),
        RepositoryPath = repository,
        WorkingDirectory = _git.Path,
        Variants = variants,
        Trials = 3,
        Warmup = 0,
    };
}
