using AiLab.Execution.Processes;

namespace AiLab.Execution.Tests.Processes;

public sealed class CommandLineTests
{
    [Theory]
    [InlineData("python3 train.py --epochs 1", new[] { "python3", "train.py", "--epochs", "1" })]
    [InlineData("  a   'b c'  \"d e\"f ", new[] { "a", "b c", "d ef" })]
    [InlineData("tool ''", new[] { "tool", "" })]
    public void TrySplit_PlainWordsAndQuotes_SplitsLikeTheShell(string command, string[] expected) =>
        Assert.Equal(expected, CommandLine.TrySplit(command));

    [Theory]
    [InlineData("a | b")]
    [InlineData("a > log")]
    [InlineData("echo $HOME")]
    [InlineData("ls *.py")]
    [InlineData("a && b")]
    [InlineData("a; b")]
    [InlineData("echo 'unbalanced")]
    [InlineData("echo `date`")]
    [InlineData("~/bin/tool")]
    public void TrySplit_ShellSyntax_ReturnsNull(string command) => Assert.Null(CommandLine.TrySplit(command));

    [Fact]
    public void ToArgv_ProgramOnPath_ExecutesItDirectly()
    {
        var argv = CommandLine.ToArgv("sh -c 'exit 3'", "/usr/bin:/bin", "/");
        Assert.Equal(["-c", "exit 3"], argv[1..]);
        Assert.True(Path.IsPathRooted(argv[0]) && argv[0].EndsWith("/sh", StringComparison.Ordinal), argv[0]);
    }

    [Theory]
    [InlineData("cd /tmp")]                 // a builtin changes the shell's own state
    [InlineData("FOO=1 python3 x.py")]      // an assignment prefix
    [InlineData("nonexistent-cmd-xyz")]     // not found: the shell says so with exit 127
    [InlineData("echo $HOME")]
    public void ToArgv_NeedsAShell_RunsUnderBinSh(string command) =>
        Assert.Equal([CommandLine.Shell, "-c", command], CommandLine.ToArgv(command, "/usr/bin:/bin", "/"));

    [Fact]
    public void ToArgv_RelativeProgramPath_ResolvesAgainstTheWorkingDirectory()
    {
        var dir = Directory.CreateTempSubdirectory("ailab-cmd-").FullName;
        try
        {
            var tool = Path.Combine(dir, "tool.sh");
            File.WriteAllText(tool, "#!/bin/sh\n");
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(tool, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            Assert.Equal([tool, "x"], CommandLine.ToArgv("./tool.sh x", "/usr/bin", dir));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
