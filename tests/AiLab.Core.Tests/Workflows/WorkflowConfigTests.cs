using AiLab.Core.Workflows;

namespace AiLab.Core.Tests.Workflows;

/// <summary>Valid files: every key read into <see cref="WorkflowSpec"/>, defaults merged, lookup by name.</summary>
public class WorkflowConfigTests
{
    private const string FullFile = """
        # The demo suite.
        version: 1
        defaults:
          timeout: 10m
          trials: 10
          warmup: 1
          env:
            OMP_NUM_THREADS: 1
            PYTHONHASHSEED: "7"
        workflows:
          pytorch-train:
            run: /usr/bin/python3 train.py --epochs 1
            build: pip install -r requirements.txt
            workdir: examples/pytorch-train
            env: {PYTHONHASHSEED: "0", AILAB_DEBUG: true, RATE: 0.5}
            timeout: 5m
            first_batch_pattern: '^step 1 \(loss'
            expect_phases: [imports, config_validation]
            auto_instrument: torch
            trials: 20
            warmup: 0
          mlnet.eval_v2:
            run: |
              dotnet run --project examples/mlnet
            auto_instrument: none
        """;

    [Fact]
    public void Parse_FullFile_ReadsEveryKey()
    {
        var suite = WorkflowConfig.Parse(FullFile, "ailab.yaml");

        Assert.Equal("ailab.yaml", suite.Path);
        Assert.Equal(["pytorch-train", "mlnet.eval_v2"], suite.Workflows.Select(w => w.Name));
        var train = suite.Workflows[0];
        Assert.Equal("/usr/bin/python3 train.py --epochs 1", train.Run);
        Assert.Equal("pip install -r requirements.txt", train.Build);
        Assert.Equal("examples/pytorch-train", train.WorkingDirectory);
        Assert.Equal(TimeSpan.FromMinutes(5), train.Timeout);
        Assert.Equal(@"^step 1 \(loss", train.FirstBatchPattern);
        Assert.Equal(["imports", "config_validation"], train.ExpectedPhases);
        Assert.Equal(AutoInstrument.Torch, train.AutoInstrument);
        Assert.Equal(20, train.Trials);
        Assert.Equal(0, train.Warmup);
    }

    [Fact]
    public void Parse_FullFile_MergesDefaultsUnlessTheWorkflowSetsTheKey()
    {
        var suite = WorkflowConfig.Parse(FullFile, "ailab.yaml");

        var train = suite.Get("pytorch-train");
        var expectedTrainEnv = new Dictionary<string, string>
        {
            ["OMP_NUM_THREADS"] = "1",
            ["PYTHONHASHSEED"] = "0",
            ["AILAB_DEBUG"] = "true",
            ["RATE"] = "0.5",
        };
        Assert.Equal(expectedTrainEnv.OrderBy(p => p.Key), train.Environment.OrderBy(p => p.Key));

        var eval = suite.Get("mlnet.eval_v2");
        Assert.Equal("dotnet run --project examples/mlnet\n", eval.Run);
        Assert.Null(eval.Build);
        Assert.Null(eval.WorkingDirectory);
        Assert.Null(eval.FirstBatchPattern);
        Assert.Empty(eval.ExpectedPhases);
        Assert.Equal(AutoInstrument.None, eval.AutoInstrument);
        Assert.Equal(TimeSpan.FromMinutes(10), eval.Timeout);
        Assert.Equal(10, eval.Trials);
        Assert.Equal(1, eval.Warmup);
        Assert.Equal(new Dictionary<string, string> { ["OMP_NUM_THREADS"] = "1", ["PYTHONHASHSEED"] = "7" }.OrderBy(p => p.Key),
            eval.Environment.OrderBy(p => p.Key));
    }

    [Fact]
    public void Parse_MinimalFile_UsesSpecDefaults()
    {
        var suite = WorkflowConfig.Parse("workflows:\n  smoke: {run: 'true'}\n", "ci/ailab.yaml");

        var smoke = Assert.Single(suite.Workflows);
        Assert.Equal(("smoke", "true"), (smoke.Name, smoke.Run));
        Assert.Equal("ci/ailab.yaml", suite.Path);
        Assert.Null(smoke.Build);
        Assert.Null(smoke.WorkingDirectory);
        Assert.Null(smoke.FirstBatchPattern);
        Assert.Empty(smoke.ExpectedPhases);
        Assert.Equal(AutoInstrument.None, smoke.AutoInstrument);
        Assert.Equal(WorkflowSpec.DefaultTimeout, smoke.Timeout);
        Assert.Null(smoke.Trials);
        Assert.Null(smoke.Warmup);
        Assert.Empty(smoke.Environment);
    }

    [Fact]
    public void Parse_AnchorsAndAliases_AreResolved()
    {
        var yaml = """
            workflows:
              a:
                run: python3 a.py
                env: &common {SEED: "1"}
              b:
                run: python3 b.py
                env: *common
            """;

        var suite = WorkflowConfig.Parse(yaml, "ailab.yaml");

        Assert.Equal("1", suite.Get("b").Environment["SEED"]);
    }

    [Fact]
    public void Parse_WindowsLineEndings_ReportSameLines()
    {
        var error = Assert.Throws<ConfigException>(() =>
            WorkflowConfig.Parse("workflows:\r\n  train:\r\n    run: x\r\n    trials: 1\r\n", "ailab.yaml"));

        Assert.Equal((4, 13), (error.Line, error.Column));
    }

    [Fact]
    public void Get_UnknownName_ListsNamesAndSuggestsClosest()
    {
        var suite = WorkflowConfig.Parse(FullFile, "ailab.yaml");

        var error = Assert.Throws<ConfigException>(() => suite.Get("pytorch-trian"));

        Assert.Equal(
            "ailab.yaml: error: no workflow named 'pytorch-trian' in ailab.yaml; it defines: pytorch-train, mlnet.eval_v2\n"
            + "  hint: did you mean 'pytorch-train'?",
            error.Message);
        Assert.Null(error.Line);
    }

    [Fact]
    public void Get_UnrelatedName_ListsNamesWithoutGuessing()
    {
        var suite = WorkflowConfig.Parse(FullFile, "ailab.yaml");

        var error = Assert.Throws<ConfigException>(() => suite.Get("resnet"));

        Assert.Equal("no workflow named 'resnet' in ailab.yaml; it defines: pytorch-train, mlnet.eval_v2", error.Problem);
        Assert.DoesNotContain("did you mean", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_FileOnDisk_ReadsItAndKeepsThePathAsGiven()
    {
        var dir = Directory.CreateTempSubdirectory("ailab-config-");
        try
        {
            var path = Path.Combine(dir.FullName, "ailab.yaml");
            File.WriteAllText(path, FullFile);

            var suite = WorkflowConfig.Load(path);

            Assert.Equal(path, suite.Path);
            Assert.Equal(2, suite.Workflows.Count);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
