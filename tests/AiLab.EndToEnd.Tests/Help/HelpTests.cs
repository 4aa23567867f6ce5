using System.CommandLine;
using AiLab.Cli;
using AiLab.EndToEnd.Tests.Harness;

namespace AiLab.EndToEnd.Tests.Help;

public sealed class HelpTests
{
    [Fact]
    public void Help_Root_ListsEveryOptionAndCommandWithItsDescription()
    {
        using var sandbox = new Sandbox();
        var result = sandbox.Ailab("--help").AssertExit(0);

        var root = AiLabCli.CreateRoot();
        AssertListed(result.Stdout, root.Options);
        foreach (var command in root.Subcommands)
        {
            Assert.False(string.IsNullOrWhiteSpace(command.Description), $"command {command.Name} has no description");
            Assert.Contains(result.Stdout.Split('\n'), l => l.TrimStart().StartsWith(command.Name, StringComparison.Ordinal) && l.Contains(command.Description!, StringComparison.Ordinal));
        }

        Assert.Contains("Exit codes: 0 success", result.Stdout, StringComparison.Ordinal);
        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void Help_Ab_ListsEveryOptionWithItsDescription()
    {
        using var sandbox = new Sandbox();
        var result = sandbox.Ailab("ab", "--help").AssertExit(0);

        var ab = AiLabCli.CreateRoot().Subcommands.Single(c => c.Name == "ab");
        Assert.True(ab.Options.Count >= 20, $"ab has only {ab.Options.Count} options");
        AssertListed(result.Stdout, ab.Options);
        Assert.Equal("", result.Stderr);
    }

    [Theory]
    [InlineData("bisect")]
    [InlineData("calibrate")]
    [InlineData("release")]
    [InlineData("change")]
    [InlineData("submit")]
    public void Help_CommandThatStores_ListsServerAndTokenEnvWithTheirDescriptions(string name)
    {
        using var sandbox = new Sandbox();
        var result = sandbox.Ailab(name, "--help").AssertExit(0);

        var command = AiLabCli.CreateRoot().Subcommands.Single(c => c.Name == name);
        var lines = result.Stdout.Split('\n').Select(l => l.TrimStart()).ToList();
        foreach (var (option, help) in new[] { ("--server", "--server <URL>"), ("--token-env", "--token-env <VAR>") })
        {
            var description = command.Options.Single(o => o.Name == option).Description!;
            Assert.Contains(lines, l => l.StartsWith(help, StringComparison.Ordinal)
                && l.Contains(description, StringComparison.Ordinal));
        }

        Assert.Equal("", result.Stderr);
    }

    [Fact]
    public void Ab_UnknownOption_ExitsTwoNamingTheOptionAndTheHelp()
    {
        using var sandbox = new Sandbox();
        var result = sandbox.Ailab("ab", "--a", "X=1", "--b", "X=2", "--run", "true", "--trails", "3").AssertExit(2);

        Assert.Contains("'--trails'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("See: ailab ab --help", result.Stderr, StringComparison.Ordinal);
        Assert.Equal("", result.Stdout);
        Assert.False(File.Exists(Path.Combine(sandbox.Home, "ailab.db")), "a usage error must not create the lab's database");
    }

    [Fact]
    public void Root_UnknownCommand_ExitsTwo()
    {
        using var sandbox = new Sandbox();
        var result = sandbox.Ailab("bisekt").AssertExit(2);

        Assert.Contains("'bisekt'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("See: ailab --help", result.Stderr, StringComparison.Ordinal);
    }

    /// <summary>Every option has a description, and help shows it on the option's own line.</summary>
    private static void AssertListed(string help, IEnumerable<Option> options)
    {
        var lines = help.Split('\n');
        foreach (var option in options)
        {
            Assert.False(string.IsNullOrWhiteSpace(option.Description), $"option {option.Name} has no description");
            var names = option.Aliases.Append(option.Name).ToList();
            var line = lines.FirstOrDefault(l => l.StartsWith("  ", StringComparison.Ordinal) &&
                                                 l.TrimStart().Split([',', ' '], StringSplitOptions.RemoveEmptyEntries).Intersect(names).Any());
            Assert.True(line is not null, $"option {option.Name} is not listed in:\n{help}");
            Assert.Contains(option.Description!, line, StringComparison.Ordinal);
        }
    }
}
