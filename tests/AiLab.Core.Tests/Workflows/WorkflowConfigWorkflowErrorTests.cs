using AiLab.Core.Workflows;
using static AiLab.Core.Tests.Workflows.ConfigAssert;

namespace AiLab.Core.Tests.Workflows;

/// <summary>Problems inside one workflow: each test's workflow starts on line 2 and its keys are at column 5.</summary>
public class WorkflowConfigWorkflowErrorTests
{
    private static ConfigException Workflow(params string[] keys) =>
        Fails(Lines(["workflows:", "  train:", .. keys.Select(k => "    " + k)]));

    [Fact]
    public void Parse_WorkflowIsAString_HintsAtRunKey()
    {
        var error = Fails(Lines(
            "workflows:",
            "  train: python3 train.py"));

        var diagnostic = HasError(error, 2, 10, "workflow 'train' must be a mapping", "found the string 'python3 train.py'");
        Assert.Equal("to run a command, write 'train: {run: python3 train.py}'", diagnostic.Hint);
    }

    [Fact]
    public void Parse_WorkflowIsAList_ReportsKind()
    {
        var error = Fails(Lines(
            "workflows:",
            "  train:",
            "    - run: python3 train.py"));

        HasError(error, 3, 5, "workflow 'train' must be a mapping", "found a list");
    }

    [Fact]
    public void Parse_MissingRun_ReportsAtWorkflowName()
    {
        var error = Workflow("build: make", "timeout: 5m");

        var diagnostic = HasError(error, 2, 3, "workflow 'train' has no 'run' command");
        Assert.Contains("run:", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run: ''", 3, 10, "'run' in workflow 'train' is empty")]
    [InlineData("run: \"  \"", 3, 10, "'run' in workflow 'train' is empty")]
    [InlineData("run:", 3, 5, "'run' in workflow 'train' has no value")]
    public void Parse_EmptyRun_ReportsRun(string line, int row, int column, string problem)
    {
        var error = Workflow(line);

        HasError(error, row, column, problem);
    }

    [Theory]
    [InlineData("run: [python3, train.py]", "'run' in workflow 'train' must be a string, found a list")]
    [InlineData("run: {python3: train.py}", "'run' in workflow 'train' must be a string, found a mapping")]
    [InlineData("build: [make, all]", "'build' in workflow 'train' must be a string, found a list")]
    [InlineData("workdir: [a]", "'workdir' in workflow 'train' must be a string, found a list")]
    [InlineData("timeout: [5m]", "'timeout' in workflow 'train' must be a duration, found a list")]
    [InlineData("trials: {n: 3}", "'trials' in workflow 'train' must be an integer >= 2, found a mapping")]
    [InlineData("first_batch_pattern: [a]", "'first_batch_pattern' in workflow 'train' must be a string, found a list")]
    public void Parse_WrongType_ReportsExpectedAndFound(string line, string problem)
    {
        var column = line.IndexOf(':', StringComparison.Ordinal) + 2 + 5;
        var error = Workflow(line, "run: python3 train.py");

        HasError(error, 3, column, problem);
    }

    [Theory]
    [InlineData("5 minutes", "'5 minutes'")]
    [InlineData("5min", "unknown unit 'min'")]
    [InlineData("-1m", "negative")]
    [InlineData("0s", "greater than zero")]
    [InlineData("300", "no unit")]
    public void Parse_BadDuration_ReportsReasonAtValue(string value, string reason)
    {
        var error = Workflow("run: x", $"timeout: {value}");

        var diagnostic = HasError(error, 4, 14, "invalid duration", "for 'timeout' in workflow 'train'", reason);
        Assert.Contains("250ms, 90s, 5m or 1h30m", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DurationWithoutUnit_SuggestsSeconds()
    {
        var error = Workflow("run: x", "timeout: 300");

        Assert.StartsWith("did you mean 300s?", error.Hint, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("trials: 1", 13, "'trials' in workflow 'train' must be an integer >= 2, found 1")]
    [InlineData("trials: 0", 13, "must be an integer >= 2, found 0")]
    [InlineData("trials: 2.5", 13, "'trials' in workflow 'train' must be a whole number, found the number '2.5'")]
    [InlineData("trials: ten", 13, "must be an integer >= 2, found the string 'ten'")]
    [InlineData("trials: '10'", 13, "must be an integer >= 2, found the string '10'")]
    [InlineData("trials: 99999999999", 13, "must be an integer >= 2, found 99999999999")]
    [InlineData("warmup: -1", 13, "'warmup' in workflow 'train' must be an integer >= 0, found -1")]
    [InlineData("warmup: true", 13, "'warmup' in workflow 'train' must be an integer >= 0, found the boolean 'true'")]
    public void Parse_BadTrialsOrWarmup_ReportsAtValue(string line, int column, string problem)
    {
        var error = Workflow("run: x", line);

        HasError(error, 4, column, problem);
    }

    [Fact]
    public void Parse_QuotedInteger_HintsToRemoveQuotes()
    {
        var error = Workflow("run: x", "trials: '10'");

        Assert.StartsWith("remove the quotes", error.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_InvalidRegex_ShowsTheRegexError()
    {
        var error = Workflow("run: x", "first_batch_pattern: '^step ('");

        var diagnostic = HasError(error, 4, 26, "'first_batch_pattern' in workflow 'train' is not a valid regular expression");
        // The .NET parser's own words, so the user sees which construct broke and where.
        Assert.Contains("Not enough )'s", diagnostic.Problem, StringComparison.Ordinal);
        Assert.Contains("offset 7", diagnostic.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("troch", "did you mean 'torch'? allowed values: none, torch")]
    [InlineData("pytorch", "allowed values: none, torch")]
    [InlineData("Torch", "did you mean 'torch'? allowed values: none, torch")]
    public void Parse_BadAutoInstrument_ListsAllowedValues(string value, string hint)
    {
        var error = Workflow("run: x", $"auto_instrument: {value}");

        var diagnostic = HasError(error, 4, 22, $"unknown auto_instrument '{value}' in workflow 'train'");
        Assert.Equal(hint, diagnostic.Hint);
    }

    [Fact]
    public void Parse_UnknownKeys_SuggestEachAndExplainName()
    {
        var error = Workflow("run: x", "tiemout: 5m", "first-batch-pattern: x", "name: train", "command: y");

        Assert.StartsWith("did you mean 'timeout'?", HasError(error, 4, 5, "unknown key 'tiemout' in workflow 'train'").Hint, StringComparison.Ordinal);
        Assert.StartsWith("did you mean 'first_batch_pattern'?", HasError(error, 5, 5, "unknown key 'first-batch-pattern'").Hint, StringComparison.Ordinal);
        Assert.StartsWith("the workflow's name is its key", HasError(error, 6, 5, "unknown key 'name'").Hint, StringComparison.Ordinal);
        Assert.StartsWith("allowed keys: run, build,", HasError(error, 7, 5, "unknown key 'command'").Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MergeKey_PointsToDefaults()
    {
        var error = Workflow("run: x", "<<: {timeout: 5m}");

        var diagnostic = HasError(error, 4, 5, "unknown key '<<' in workflow 'train'");
        Assert.StartsWith("YAML merge keys are not supported: put shared settings under 'defaults:'", diagnostic.Hint, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_DuplicateKeyInWorkflow_ReportsSecondWithFirstLine()
    {
        var error = Workflow("run: x", "timeout: 5m", "run: y");

        HasError(error, 5, 5, "duplicate key 'run' in workflow 'train'", "first set on line 3");
        Assert.Single(error.Diagnostics);
    }

    [Fact]
    public void Parse_DuplicateKeyInFlowMapping_ReportsItsColumn()
    {
        var error = Fails(Lines("workflows:", "  train: {run: x, run: y}"));

        HasError(error, 2, 19, "duplicate key 'run' in workflow 'train'");
    }

    [Theory]
    [InlineData("expect_phases: imports", 4, 20, "must be a list of phase names, found the string 'imports'")]
    [InlineData("expect_phases: [imports, '']", 4, 30, "must be a non-empty name, found an empty name")]
    [InlineData("expect_phases: [imports, [a]]", 4, 30, "must be a non-empty name, found a list")]
    [InlineData("expect_phases: [imports, first_batch, imports]", 4, 43, "phase 'imports' is listed twice", "first on line 4")]
    public void Parse_BadExpectPhases_ReportsAtItem(string line, int row, int column, params string[] fragments)
    {
        var error = Workflow("run: x", line);

        HasError(error, row, column, fragments);
    }

    [Theory]
    [InlineData("env: [A=1]", 10, "'env' in workflow 'train' must be a mapping of NAME: value, found a list")]
    [InlineData("env: {A: [1, 2]}", 14, "environment variable 'A' in 'env' in workflow 'train' must be a string, number or boolean, found a list")]
    [InlineData("env: {A: }", 11, "environment variable 'A' in 'env' in workflow 'train' has no value")]
    [InlineData("env: {A: 1, A: 2}", 17, "duplicate key 'A' in 'env' in workflow 'train'")]
    [InlineData("env: {'A=B': 1}", 11, "invalid environment variable name 'A=B'")]
    public void Parse_BadEnv_ReportsAtOffendingNode(string line, int column, string problem)
    {
        var error = Workflow("run: x", line);

        HasError(error, 4, column, problem);
    }

    [Theory]
    [InlineData("workdir: /abs/path", "must be relative to the repository root, found the absolute path '/abs/path'")]
    [InlineData("workdir: ../elsewhere", "('../elsewhere') leaves the repository root")]
    [InlineData("workdir: examples/../../x", "leaves the repository root")]
    [InlineData("workdir: ''", "'workdir' in workflow 'train' is empty")]
    public void Parse_BadWorkdir_ReportsAtValue(string line, string problem)
    {
        var error = Workflow("run: x", line);

        HasError(error, 4, 14, problem);
    }

    [Fact]
    public void Parse_KeyWithoutValue_SaysSoAtKey()
    {
        var error = Workflow("run: x", "timeout:");

        HasError(error, 4, 5, "'timeout' in workflow 'train' has no value");
    }

    [Fact]
    public void Parse_UnknownAlias_ReportsSyntaxErrorWithPosition()
    {
        var error = Workflow("run: x", "env: *missing");

        HasError(error, 4, 10, "invalid YAML", "'*missing'");
    }
}
