using AiLab.Core.Workflows;
using static AiLab.Core.Tests.Workflows.ConfigAssert;

namespace AiLab.Core.Tests.Workflows;

/// <summary><c>executor:</c> and <c>slurm:</c> of a workflow: read into <see cref="SlurmSettings"/>, or rejected at
/// file:line with a hint.</summary>
public class WorkflowConfigSlurmTests
{
    [Fact]
    public void Parse_SlurmExecutorWithEverySetting_ReadsThem()
    {
        var suite = WorkflowConfig.Parse(Lines(
            "workflows:",
            "  train:",
            "    run: python3 train.py",
            "    executor: slurm",
            "    slurm:",
            "      partition: gpu",
            "      account: ml-perf",
            "      cpus: 4",
            "      mem: 16G",
            "      gpus: a100:2",
            "      time: 30m",
            "      constraint: skylake&ib",
            "      same_node: false",
            "      retries: 1"), "ailab.yaml");

        var slurm = suite.Get("train").Slurm;
        Assert.NotNull(slurm);
        Assert.Equal(new SlurmSettings
        {
            Partition = "gpu", Account = "ml-perf", Cpus = 4, Memory = "16G", Gpus = "a100:2",
            TimeLimit = TimeSpan.FromMinutes(30), Constraint = "skylake&ib", SameNode = false, Retries = 1,
        }, slurm);
    }

    [Fact]
    public void Parse_SlurmExecutorAlone_UsesTheClusterDefaultsOnOneNode()
    {
        var suite = WorkflowConfig.Parse(Lines("workflows:", "  train:", "    run: x", "    executor: slurm"), "ailab.yaml");

        Assert.Equal(SlurmSettings.Default, suite.Get("train").Slurm);
        Assert.True(suite.Get("train").Slurm!.SameNode);
    }

    [Fact]
    public void Parse_NoExecutor_RunsLocally()
    {
        var suite = WorkflowConfig.Parse(Lines("workflows:", "  train:", "    run: x"), "ailab.yaml");

        Assert.Null(suite.Get("train").Slurm);
    }

    [Fact]
    public void Parse_UnknownExecutor_SuggestsTheClosest()
    {
        var error = Fails(Lines("workflows:", "  train:", "    run: x", "    executor: slrum"));

        var diagnostic = HasError(error, 4, 15, "unknown executor 'slrum'");
        Assert.Contains("did you mean 'slurm'?", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_SlurmBlockWithoutExecutor_SaysToSetIt()
    {
        var error = Fails(Lines("workflows:", "  train:", "    run: x", "    slurm: {cpus: 2}"));

        var diagnostic = HasError(error, 4, 5, "'slurm' settings in workflow 'train' but the workflow runs locally");
        Assert.Contains("executor: slurm", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cpus: 0", 13, "'cpus'")]
    [InlineData("mem: 16 GB", 12, "'mem'")]
    [InlineData("gpus: two", 13, "'gpus'")]
    [InlineData("time: 30", 13, "'time'")]
    [InlineData("same_node: yes", 18, "'same_node'")]
    [InlineData("retries: -1", 16, "'retries'")]
    [InlineData("partition: a b", 18, "'partition'")]
    [InlineData("nodes: 2", 7, "'nodes'")]
    public void Parse_BadSlurmSetting_ReportsItsLineAndColumn(string setting, int column, string fragment)
    {
        var error = Fails(Lines("workflows:", "  train:", "    run: x", "    executor: slurm", "    slurm:",
            "      " + setting));

        HasError(error, 6, column, fragment);
    }

    [Fact]
    public void Parse_FirstBatchPatternWithSlurm_IsRejected()
    {
        var error = Fails(Lines("workflows:", "  train:", "    run: x", "    first_batch_pattern: '^step 1'",
            "    executor: slurm"));

        HasError(error, 4, 5, "'first_batch_pattern'", "cannot be used with 'executor: slurm'");
    }
}
