using System.Text.Json;
using AiLab.Lab.Demo;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Demo;

public sealed class DemoRepositoryTests
{
    private const string Call = "telemetry_blocking.log_config(cfg)";

    private static string ExampleDirectory => SourceTree.PathOf("examples", "pytorch-train");

    [Fact]
    public void AddBlockingTelemetry_RealTrainPy_ImportsTheModuleAndCallsItFirstInValidateConfig()
    {
        var original = File.ReadAllText(Path.Combine(ExampleDirectory, "train.py"));

        var patched = DemoRepository.AddBlockingTelemetry(original);

        Assert.Contains("\nimport telemetry_blocking\n", patched, StringComparison.Ordinal);
        var outline = PythonSource.Outline(patched);
        Assert.Contains("import telemetry_blocking", outline);
        var body = outline.Where(l => l.StartsWith("body ", StringComparison.Ordinal)).ToList();
        Assert.Contains($"body 1 {Call}", body); // right after the docstring
        Assert.Single(body, l => l.Contains(Call, StringComparison.Ordinal));
    }

    [Fact]
    public void AddBlockingTelemetry_RealTrainPy_ChangesNothingButTheTwoAddedLines()
    {
        var original = File.ReadAllText(Path.Combine(ExampleDirectory, "train.py"));

        var patched = DemoRepository.AddBlockingTelemetry(original);

        var lines = patched.Split('\n').ToList();
        Assert.Equal(original.Split('\n').Length + 2, lines.Count);
        lines.RemoveAt(lines.IndexOf("import telemetry_blocking"));
        lines.RemoveAt(lines.FindIndex(l => l.TrimStart().StartsWith(Call, StringComparison.Ordinal)));
        Assert.Equal(original, string.Join('\n', lines));
    }

    [Fact]
    public void AddBlockingTelemetry_MultiLineDocstring_CallsAfterIt()
    {
        const string source = "import os\n\n\ndef validate_config(cfg):\n    \"\"\"Check the config.\n\n    Returns it.\n    \"\"\"\n    return cfg\n";

        var outline = PythonSource.Outline(DemoRepository.AddBlockingTelemetry(source));

        Assert.Equal(["import telemetry_blocking", "import os", "body 0 'Check the config.\\n\\n    Returns it.\\n    '", $"body 1 {Call}", "body 2 return cfg"], outline);
    }

    [Fact]
    public void AddBlockingTelemetry_NoDocstring_CallsFirst()
    {
        const string source = "from __future__ import annotations\nimport os\n\ndef validate_config(cfg):\n    return cfg\n";

        var patched = DemoRepository.AddBlockingTelemetry(source);

        Assert.StartsWith("from __future__ import annotations\nimport telemetry_blocking\nimport os\n", patched, StringComparison.Ordinal);
        Assert.Equal(["import telemetry_blocking", "import os", $"body 0 {Call}", "body 1 return cfg"], PythonSource.Outline(patched));
    }

    [Theory]
    [InlineData("def validate_config(cfg):  # types, ranges:\n    \"\"\"Check.\"\"\"\n    return cfg\n")]
    [InlineData("def validate_config(\n    cfg,\n):\n    \"\"\"Check.\"\"\"\n    return cfg\n")]
    [InlineData("def validate_config(cfg,\n                    strict=False):\n    \"\"\"Check.\"\"\"\n    return cfg\n")]
    [InlineData("def validate_config(\n    cfg: dict,\n    strict: bool = False,\n) -> dict:\n    \"\"\"Check.\"\"\"\n    return cfg\n")]
    public void AddBlockingTelemetry_SignatureShapes_CallsInsideTheBody(string function)
    {
        var outline = PythonSource.Outline(DemoRepository.AddBlockingTelemetry("import os\n\n\n" + function));

        Assert.Equal(["import telemetry_blocking", "import os", "body 0 'Check.'", $"body 1 {Call}", "body 2 return cfg"], outline);
    }

    [Fact]
    public void AddBlockingTelemetry_NoValidateConfig_ThrowsWithTheReason()
    {
        var ex = Assert.Throws<InvalidOperationException>(() => DemoRepository.AddBlockingTelemetry("import os\n\ndef main():\n    pass\n"));

        Assert.Contains("def validate_config(", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_ExampleFolder_MakesTwoCommitsWithTheCandidateOnTop()
    {
        using var dir = new TempDirectory();
        var repo = dir.Combine("demo");

        DemoRepository.Create(ExampleDirectory, repo);

        Assert.Equal("2", TempGitRepo.GitIn(repo, "rev-list", "--count", "HEAD"));
        Assert.Equal(DemoRepository.CandidateSubject, TempGitRepo.GitIn(repo, "log", "-1", "--format=%s"));
        Assert.Equal("Casey Candidate", TempGitRepo.GitIn(repo, "log", "-1", "--format=%an"));
        Assert.Equal(["config.json", "train.py"], TempGitRepo.GitIn(repo, "ls-tree", "--name-only", "HEAD~1").Split('\n'));
        Assert.Equal(["M\ttrain.py", "A\ttelemetry_blocking.py"],
            TempGitRepo.GitIn(repo, "diff", "--name-status", "HEAD~1", "HEAD").Split('\n').OrderByDescending(l => l[0]));
        Assert.Equal(File.ReadAllText(Path.Combine(ExampleDirectory, "train.py")), TempGitRepo.GitIn(repo, "show", "HEAD~1:train.py") + "\n");
        Assert.Equal("", TempGitRepo.GitIn(repo, "status", "--porcelain"));
    }

    [Fact]
    public void Create_NonEmptyDirectory_Throws()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.Combine("keep.txt"), "mine");

        var ex = Assert.Throws<InvalidOperationException>(() => DemoRepository.Create(ExampleDirectory, dir.Path));

        Assert.Contains("not empty", ex.Message, StringComparison.Ordinal);
        Assert.Equal("mine", File.ReadAllText(dir.Combine("keep.txt")));
    }

    [Fact]
    public void Create_CandidateTrainPy_RunsAndBlocksInConfigValidation()
    {
        using var dir = new TempDirectory();
        var repo = dir.Combine("demo");
        DemoRepository.Create(ExampleDirectory, repo);
        var events = dir.Combine("events.jsonl");

        var (exitCode, stdout, stderr) = ProcessRunner.RunWith(
            new Dictionary<string, string> { ["AILAB_EVENTS"] = events, ["PYTHONPATH"] = SourceTree.PathOf("probes", "python") },
            repo, PythonSource.Python, "train.py");

        Assert.True(exitCode == 0, $"train.py exited with {exitCode}:\n{stderr}");
        Assert.Contains("step 1 loss", stdout, StringComparison.Ordinal);
        var marks = File.ReadAllLines(events)
            .Select(l => JsonDocument.Parse(l).RootElement)
            .ToDictionary(e => e.GetProperty("mark").GetString()!, e => e.GetProperty("t_ns").GetInt64());
        var configValidationMs = (marks["config_validation"] - marks["imports"]) / 1e6;
        // The telemetry call sleeps 110 ms on its shipper thread and waits for it.
        Assert.True(configValidationMs >= 110, $"config_validation took {configValidationMs} ms");
    }
}
