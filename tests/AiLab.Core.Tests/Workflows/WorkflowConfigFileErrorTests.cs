using AiLab.Core.Workflows;
using static AiLab.Core.Tests.Workflows.ConfigAssert;

namespace AiLab.Core.Tests.Workflows;

/// <summary>Problems with the file as a whole and with its top-level keys.</summary>
public class WorkflowConfigFileErrorTests
{
    [Fact]
    public void Parse_UnterminatedQuote_ReportsSyntaxErrorAtQuote()
    {
        var error = Fails(Lines(
            "workflows:",
            "  train:",
            "    run: 'python3 train.py",
            "    timeout: 5m"));

        var diagnostic = HasError(error, 3, 10, "invalid YAML", "quoted scalar");
        Assert.Single(error.Diagnostics);
        Assert.Contains("indentation", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadIndentation_ReportsSyntaxErrorLine()
    {
        var error = Fails(Lines(
            "workflows:",
            "  train:",
            "    run: python3 train.py",
            "   timeout: 5m"));

        Assert.Equal(4, error.Line);
        Assert.Contains("invalid YAML", error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\trun: x", 3, 1)]
    [InlineData("  \trun: x", 3, 3)]
    public void Parse_TabIndentation_PointsAtTheTab(string line, int row, int column)
    {
        var error = Fails(Lines(
            "workflows:",
            "  train:",
            line));

        HasError(error, row, column, "invalid YAML", "tab");
    }

    [Fact]
    public void Parse_UnclosedFlowMapping_PointsAtTheBrace()
    {
        var error = Fails(Lines(
            "workflows:",
            "  train: {run: python3 train.py",
            "  eval: {run: python3 eval.py}"));

        var diagnostic = HasError(error, 2, 10, "invalid YAML");
        Assert.Single(error.Diagnostics);
        Assert.Contains('}', diagnostic.Problem + diagnostic.Hint);
    }

    [Fact]
    public void Parse_FlowMappingOpenAtEndOfFile_NamesTheOpenBrace()
    {
        var error = Fails(Lines(
            "workflows: {train: {run: x}",
            "# end"));

        HasError(error, 3, 1, "invalid YAML", "expected ',' or '}'", "the '{' opened on line 1 is still open");
    }

    [Theory]
    [InlineData("")]
    [InlineData("# only a comment\n")]
    [InlineData("---\n")]
    public void Parse_EmptyFile_ReportsEmpty(string yaml)
    {
        var error = Fails(yaml);

        HasError(error, 1, 1, "the file is empty");
        Assert.Contains("workflows:", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TopLevelList_ReportsNotAMapping()
    {
        var error = Fails(Lines(
            "# ailab",
            "- run: python3 train.py"));

        HasError(error, 2, 1, "top level must be a mapping", "found a list");
    }

    [Fact]
    public void Parse_UnknownTopLevelKey_SuggestsClosestAndReportsMissingWorkflows()
    {
        var error = Fails(Lines(
            "version: 1",
            "workflow:",
            "  train:",
            "    run: python3 train.py"));

        var unknown = HasError(error, 2, 1, "unknown key 'workflow' at the top level");
        Assert.Equal("did you mean 'workflows'? allowed keys: version, defaults, workflows, notify, env_policy, capacity, outputs", unknown.Hint);
        HasError(error, 1, 1, "missing required key 'workflows'");
    }

    [Fact]
    public void Parse_WorkflowAtTopLevel_HintsToIndentIt()
    {
        var error = Fails(Lines(
            "workflows:",
            "  a:",
            "    run: x",
            "train:",
            "  run: python3 train.py"));

        var diagnostic = HasError(error, 4, 1, "unknown key 'train' at the top level");
        Assert.StartsWith("'train' looks like a workflow", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MissingWorkflows_PointsAtTopLevelMapping()
    {
        var error = Fails(Lines(
            "# settings",
            "version: 1",
            "defaults:",
            "  timeout: 5m"));

        HasError(error, 2, 1, "missing required key 'workflows'");
        Assert.Single(error.Diagnostics);
    }

    [Theory]
    [InlineData("workflows: []", 1, 12, "found a list")]
    [InlineData("workflows: python3 train.py", 1, 12, "found the string 'python3 train.py'")]
    public void Parse_WorkflowsNotAMapping_ReportsKind(string line, int row, int column, string found)
    {
        var error = Fails(Lines(line));

        HasError(error, row, column, "'workflows' must be a mapping", found);
    }

    [Theory]
    [InlineData("workflows:")]
    [InlineData("workflows: {}")]
    public void Parse_NoWorkflows_ReportsEmpty(string line)
    {
        var error = Fails(Lines("version: 1", line));

        HasError(error, 2, 1, "defines no workflow");
    }

    [Theory]
    [InlineData("2", "unsupported version 2")]
    [InlineData("'1'", "must be the integer 1, found the string '1'")]
    [InlineData("1.0", "must be the integer 1, found the number '1.0'")]
    public void Parse_BadVersion_ReportsAtValue(string version, string problem)
    {
        var error = Fails(Lines(
            $"version: {version}",
            "workflows:",
            "  train:",
            "    run: python3 train.py"));

        var diagnostic = HasError(error, 1, 10, problem);
        Assert.Contains("version 1", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_TwoDocuments_ReportsSecond()
    {
        var error = Fails(Lines(
            "workflows:",
            "  a: {run: x}",
            "---",
            "workflows:",
            "  b: {run: y}"));

        HasError(error, 3, 1, "more than one YAML document");
    }

    [Fact]
    public void Parse_DuplicateTopLevelKey_ReportsSecondWithFirstLine()
    {
        var error = Fails(Lines(
            "workflows:",
            "  a: {run: x}",
            "workflows:",
            "  b: {run: y}"));

        HasError(error, 3, 1, "duplicate key 'workflows' at the top level", "first set on line 1");
    }

    [Fact]
    public void Parse_DuplicateWorkflowName_ReportsSecondWithFirstLine()
    {
        var error = Fails(Lines(
            "workflows:",
            "  train:",
            "    run: x",
            "  train:",
            "    run: y"));

        HasError(error, 4, 3, "duplicate workflow 'train'", "first defined on line 2");
    }

    [Theory]
    [InlineData("my train")]
    [InlineData("train/1")]
    [InlineData("'train:v2'")]
    public void Parse_InvalidWorkflowName_ReportsAtName(string name)
    {
        var error = Fails(Lines(
            "workflows:",
            $"  {name}:",
            "    run: python3 train.py"));

        var diagnostic = HasError(error, 2, 3, "invalid workflow name");
        Assert.Contains("letters, digits", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_UnknownKeyInDefaults_ExplainsWorkflowOnlyKeys()
    {
        var error = Fails(Lines(
            "defaults:",
            "  run: python3 train.py",
            "  trails: 5",
            "workflows:",
            "  train: {run: x}"));

        var run = HasError(error, 2, 3, "unknown key 'run' in 'defaults'");
        Assert.StartsWith("'run' has no default: set it in each workflow; allowed keys: timeout, trials, warmup, env", run.Hint, StringComparison.Ordinal);
        var trails = HasError(error, 3, 3, "unknown key 'trails' in 'defaults'");
        Assert.StartsWith("did you mean 'trials'?", trails.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_BadDefaults_ReportsEachValue()
    {
        var error = Fails(Lines(
            "defaults:",
            "  timeout: soon",
            "  trials: 1",
            "  warmup: -1",
            "  env: [A=1]",
            "workflows:",
            "  train: {run: x}"));

        HasError(error, 2, 12, "invalid duration 'soon' for 'timeout' in 'defaults'");
        HasError(error, 3, 11, "'trials' in 'defaults' must be an integer >= 2, found 1");
        HasError(error, 4, 11, "'warmup' in 'defaults' must be an integer >= 0, found -1");
        HasError(error, 5, 8, "'env' in 'defaults' must be a mapping", "found a list");
    }

    [Fact]
    public void Parse_ManyProblems_ReportsAllInFileOrderInOneMessage()
    {
        var error = Fails(Lines(
            "version: 3",
            "workflows:",
            "  train:",
            "    run: python3 train.py",
            "    tiemout: 5m",
            "    trials: many",
            "  eval:",
            "    build: make"));

        Assert.Equal([(1, 10), (5, 5), (6, 13), (7, 3)], error.Diagnostics.Select(d => (d.Line!.Value, d.Column!.Value)));
        Assert.Equal(string.Join('\n', error.Diagnostics), error.Message);
        Assert.Equal((1, 10, "unsupported version 3"), (error.Line, error.Column, error.Problem));
    }

    [Fact]
    public void Message_UnknownKey_IsFormattedLikeACompiler()
    {
        var error = Fails(Lines(
            "workflows:",
            "  train:",
            "    run: python3 train.py",
            "    tiemout: 5m"));

        Assert.Equal(
            "ailab.yaml:4:5: error: unknown key 'tiemout' in workflow 'train'\n"
            + "  hint: did you mean 'timeout'? allowed keys: run, build, workdir, env, timeout, first_batch_pattern, "
            + "expect_phases, auto_instrument, trials, warmup, run_to, gpus, footprint, shrink, shrunk_from, executor, slurm",
            error.Message);
    }

    [Fact]
    public void Load_MissingFile_ReportsFileWithoutPosition()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ailab-missing-{Guid.NewGuid():N}", "ailab.yaml");

        var error = Assert.Throws<ConfigException>(() => WorkflowConfig.Load(path));

        Assert.Equal((path, null, null), (error.File, error.Line, error.Column));
        Assert.Equal($"{path}: error: file not found\n  hint: {error.Hint}", error.Message);
    }

    [Fact]
    public void Load_InvalidFile_NamesTheFileAsGiven()
    {
        var dir = Directory.CreateTempSubdirectory("ailab-config-");
        try
        {
            var path = Path.Combine(dir.FullName, "ailab.yaml");
            File.WriteAllText(path, "workflows:\n  train:\n    build: make\n");

            var error = Assert.Throws<ConfigException>(() => WorkflowConfig.Load(path));

            Assert.StartsWith($"{path}:2:3: error: workflow 'train' has no 'run' command", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
