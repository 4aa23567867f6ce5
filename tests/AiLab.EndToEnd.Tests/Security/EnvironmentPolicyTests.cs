using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Security;

/// <summary>Credentials in the caller's environment do not reach the workload or its logs; the experiment names
/// (never shows the values of) what was withheld.</summary>
public sealed class EnvironmentPolicyTests
{
    private const string Token = "ghp_e2eSecretValue123";

    [Fact]
    public void Ab_CallerHasATokenInItsEnvironment_WorkloadNeverSeesItAndShowNamesIt()
    {
        using var sandbox = new Sandbox();
        var env = new Dictionary<string, string?> { ["GITHUB_TOKEN"] = Token, ["MY_API_KEY"] = Token, ["PLAIN_SETTING"] = "kept" };

        var result = sandbox.AilabWith(env, "ab", "--a", "X=1", "--b", "X=2", "--run", "env", "--trials", "2",
            "--warmup", "0", "--json");

        Assert.InRange(result.ExitCode, 0, 3);
        var doc = result.Json();
        var withheld = doc.GetProperty("withheld_env").EnumerateArray().Select(e => e.GetString()).ToList();
        Assert.Contains("GITHUB_TOKEN", withheld);
        Assert.Contains("MY_API_KEY", withheld);
        Assert.DoesNotContain("PLAIN_SETTING", withheld);
        var logs = Directory.EnumerateFiles(sandbox.Home, "*.log", SearchOption.AllDirectories).ToList();
        Assert.NotEmpty(logs);
        foreach (var log in logs)
        {
            var text = File.ReadAllText(log);
            Assert.Contains("PLAIN_SETTING=kept", text, StringComparison.Ordinal);
            Assert.DoesNotContain(Token, text, StringComparison.Ordinal);
        }

        var show = sandbox.Ailab("show", doc.Id()).AssertExit(0);
        Assert.Contains("withheld from trials by env_policy: ", show.Stdout, StringComparison.Ordinal);
        Assert.Contains("GITHUB_TOKEN", show.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, show.Stdout + result.Stdout + result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Ab_AllowListedInAilabYaml_ReachesTheWorkload()
    {
        using var sandbox = new Sandbox();
        sandbox.Write("ailab.yaml", "env_policy:\n  allow: [GITHUB_TOKEN]\nworkflows:\n  dump: {run: env}\n");
        var env = new Dictionary<string, string?> { ["GITHUB_TOKEN"] = Token };

        var result = sandbox.AilabWith(env, "ab", "--a", "X=1", "--b", "X=2", "--workflow", "dump", "--trials", "2",
            "--warmup", "0", "--json");

        var doc = result.Json();
        Assert.DoesNotContain("GITHUB_TOKEN", doc.GetProperty("withheld_env").EnumerateArray().Select(e => e.GetString()));
        var logs = Directory.EnumerateFiles(sandbox.Home, "*.log", SearchOption.AllDirectories);
        Assert.All(logs, log => Assert.Contains($"GITHUB_TOKEN={Token}", File.ReadAllText(log), StringComparison.Ordinal));
    }
}
