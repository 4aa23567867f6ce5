using System.Text.RegularExpressions;
using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.BadInput;

/// <summary>Every command, every option with a value, driven with values a user gets wrong: each must exit 2 with a
/// message in the domain's words that names the option, never a .NET type name or a stack trace, and store nothing.</summary>
[Collection(ProcessWide.Name)]
public sealed partial class EveryOptionBadValueTests
{
    // A minimal valid command line per command, to which one bad option is added.
    private static readonly Dictionary<string, string[]> Base = new(StringComparer.Ordinal)
    {
        ["ab"] = ["ab", "--a", "X=1", "--b", "X=2", "--run", "exit 0"],
        ["run"] = ["run", "--run", "exit 0"],
        ["list"] = ["list"],
        ["show"] = ["show", "ab-none"],
        ["demo"] = ["demo"],
        ["bisect"] = ["bisect", "--good", "HEAD~10", "--bad", "HEAD", "--run", "exit 0"],
        ["release"] = ["release", "--from", "HEAD~1", "--to", "HEAD"],
        ["incidents list"] = ["incidents", "list"],
        ["incidents show"] = ["incidents", "show", "inc-none"],
        ["incidents notify"] = ["incidents", "notify"],
        ["calibrate"] = ["calibrate", "--run", "exit 0"],
        ["history"] = ["history", "--from", "HEAD~10", "--run", "exit 0"],
        ["doctor"] = ["doctor"],
        ["outputs list"] = ["outputs", "list"],
        ["outputs show"] = ["outputs", "show", "out-none"],
        ["profile"] = ["profile", "--a", "X=1", "--b", "X=2", "--run", "exit 0"],
        ["capacity"] = ["capacity"],
    };

    private static readonly string[] WorkflowCommands = ["ab", "run", "bisect", "calibrate", "history"];

    // Option -> bad values; each applies to every command that has the option.
    private static readonly (string Option, string[] Values, string[] Commands)[] Table =
    [
        ("--trials", ["abc", "1", "0", "-3", "99999999999", "2.5", ""], [.. WorkflowCommands, "demo", "release"]),
        ("--warmup", ["abc", "-1", ""], [.. WorkflowCommands, "demo", "release"]),
        ("--timeout", ["soon", "5", "0s", "-5s", "", "5m5m", "1x"], [.. WorkflowCommands, "release"]),
        ("--seed", ["x", "1.5", "99999999999"], [.. WorkflowCommands, "demo", "release"]),
        ("--cpus", ["a", "3-1", "9999", "", "1-"], [.. WorkflowCommands, "demo", "release"]),
        ("--workdir", ["../..", "/etc", "", "a/../../b"], WorkflowCommands),
        ("--repo", ["/etc/passwd", "/nonexistent/dir", ""], [.. WorkflowCommands, "release"]),
        ("--db", [""],
            [
                .. WorkflowCommands, "list", "show", "demo", "release", "incidents list", "incidents show",
                "incidents notify", "doctor", "outputs list", "outputs show", "capacity",
            ]),
        ("--env", ["NOEQUALS", "=x"], WorkflowCommands),
        ("--first-batch-pattern", ["(", "[a-"], WorkflowCommands),
        ("--auto-instrument", ["tf", ""], WorkflowCommands),
        ("--run-to", ["forever", ""], WorkflowCommands),
        ("--config", ["/nonexistent/ailab.yaml"], ["incidents notify", "capacity"]),
        ("--since", ["bogus", "", "5x", "0d"], ["capacity"]),
        ("--experiments", ["x", "-1"], ["capacity"]),
        ("--limit", ["0", "x", "-1"], ["list", "incidents list"]),
        ("--limit", ["x"], ["outputs list"]),
        ("--from", ["no-such-revision-xyz", ""], ["release", "history"]),
        ("--to", ["no-such-revision-xyz", ""], ["release", "history"]),
        ("--good", ["no-such-revision-xyz", ""], ["bisect"]),
        ("--bad", ["no-such-revision-xyz", ""], ["bisect"]),
        ("--calibration", ["cal-none"], ["ab"]),
        ("--budget", ["x", "1/", "0/week", "1/week"], ["calibrate"]),
        ("--volume", ["x", "500/day"], ["calibrate"]),
        ("--dir", ["", "/etc"], ["demo"]),
        ("--b", ["", "=1"], ["ab"]),
        ("--resume", ["", "no-such-id"], ["ab", "run"]),
        ("--min-effect", ["x", "-1"], ["ab"]),
        ("--min-effect-ms", ["x", "0", "-5"], ["ab"]),
        ("--alpha", ["x", "2", "0"], ["ab"]),
        ("--fail-on", ["slower", ""], ["ab", "bisect", "release"]),
        ("--max-trials", ["x", "1"], ["ab", "bisect"]),
        ("--parallel", ["x", "0", "-1", ""], ["ab"]),
        ("--jobs", ["x", "0"], ["bisect", "release"]),
        ("--metric", ["", "phase:"], ["bisect", "release"]),
        ("--experiments", ["x", "0"], ["calibrate"]),
        ("--a", ["", "=1"], ["ab"]),
        ("--rev", ["no-such-revision-xyz"], ["run", "calibrate"]),
        ("--profile-trials", ["x", "1", "-2"], ["ab", "profile"]),
        ("--profile-interval", ["x", "0", "5000"], ["ab", "profile"]),
        ("--experiment", ["", "no-such-id"], ["profile"]),
    ];

    [Fact]
    public async Task EveryCommand_EachOptionWithABadValue_ExitsTwoWithAMessageInTheDomainsWords()
    {
        using var sandbox = new Sandbox();
        var repo = new GitRepo(sandbox.Work);
        for (var i = 0; i < 11; i++)
            repo.Commit($"commit {i}", new Dictionary<string, string> { ["work.sh"] = $"echo {i}\n" });
        var problems = new List<string>();
        var cases = 0;

        foreach (var (option, values, commands) in Table)
        {
            foreach (var command in commands)
            {
                foreach (var value in values)
                {
                    cases++;
                    var args = Base[command].Concat([option, value]).ToArray();
                    var result = await InProcessCli.RunAsync(sandbox.Work, sandbox.Home, args);
                    if (Problem(result, option) is { } problem)
                        problems.Add($"ailab {string.Join(' ', args.Select(Quote))}: {problem}\n{result.Stderr.Trim()}");
                }
            }
        }

        Assert.True(cases > 200, $"only {cases} cases");
        Assert.True(problems.Count == 0, $"{problems.Count} of {cases} bad inputs were not handled:\n\n{string.Join("\n\n", problems)}");
        Assert.False(File.Exists(Path.Combine(sandbox.Home, "ailab.db")) && HasExperiments(sandbox), "a bad input stored an experiment");
    }

    [Theory]
    [InlineData("--trials", "abc", "--trials 'abc' is not a whole number")]
    [InlineData("--trials", "99999999999", "--trials '99999999999' is too large")]
    [InlineData("--min-effect", "x", "--min-effect 'x' is not a number")]
    [InlineData("--timeout", "0s", "--timeout '0s' must be positive")]
    [InlineData("--workdir", "../..", "--workdir ('../..') leaves the repository root with '..'")]
    [InlineData("--workdir", "/etc", "--workdir must be relative to the repository root")]
    [InlineData("--repo", "/etc/passwd", "--repo /etc/passwd is a file, not a directory")]
    [InlineData("--db", "", "--store (or --db) is empty")]
    [InlineData("--resume", "", "--resume is empty")]
    public async Task Ab_BadValue_SaysWhatIsWrongInTheDomainsWords(string option, string value, string message)
    {
        using var sandbox = new Sandbox();

        var result = await InProcessCli.RunAsync(sandbox.Work, sandbox.Home, [.. Base["ab"], option, value]);

        result.AssertExit(2);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task History_TrialsOne_ExitsTwo()
    {
        using var sandbox = new Sandbox();
        var repo = new GitRepo(sandbox.Work);
        for (var i = 0; i < 11; i++)
            repo.Commit($"commit {i}", new Dictionary<string, string> { ["work.sh"] = $"echo {i}\n" });

        var result = await InProcessCli.RunAsync(sandbox.Work, sandbox.Home, [.. Base["history"], "--trials", "1"]);

        result.AssertExit(2);
        Assert.Contains("--trials must be at least 2", result.Stderr, StringComparison.Ordinal);
    }

    private static string? Problem(CliResult result, string option)
    {
        if (result.ExitCode != 2) return $"exit {result.ExitCode}, expected 2";
        var err = result.Stderr;
        if (string.IsNullOrWhiteSpace(err)) return "no message";
        if (DotNetTypeName().IsMatch(err)) return "the message names a .NET type";
        if (err.Contains("   at ", StringComparison.Ordinal) || err.Contains("Exception", StringComparison.Ordinal)) return "a stack trace or exception name";
        if (err.Contains("AILAB_DEBUG", StringComparison.Ordinal)) return "reported as an internal error";
        return null;
    }

    private static bool HasExperiments(Sandbox sandbox) =>
        sandbox.Ailab("list", "--json").AssertExit(0).Json().GetProperty("experiments").GetArrayLength() > 0;

    private static string Quote(string arg) => arg.Length == 0 || arg.Contains(' ', StringComparison.Ordinal) ? $"'{arg}'" : arg;

    [GeneratedRegex(@"System\.[A-Z]\w+|Nullable`|\bInt32\b|\bDouble\b")]
    private static partial Regex DotNetTypeName();
}
