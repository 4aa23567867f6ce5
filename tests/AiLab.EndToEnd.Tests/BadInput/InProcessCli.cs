using AiLab.Cli;

namespace AiLab.EndToEnd.Tests.BadInput;

/// <summary>Runs the CLI inside the test process with its console, current directory and AILAB_HOME swapped: a
/// hundred bad inputs in seconds instead of a hundred process starts. Only for tests of a non-parallel collection.</summary>
internal static class InProcessCli
{
    private static readonly SemaphoreSlim OneAtATime = new(1, 1);

    public static async Task<Harness.CliResult> RunAsync(string workingDirectory, string home, params string[] args)
    {
        await OneAtATime.WaitAsync();
        var (stdout, stderr) = (Console.Out, Console.Error);
        var directory = Environment.CurrentDirectory;
        var previousHome = Environment.GetEnvironmentVariable("AILAB_HOME");
        using var outWriter = new StringWriter();
        using var errWriter = new StringWriter();
        try
        {
            Console.SetOut(outWriter);
            Console.SetError(errWriter);
            Environment.CurrentDirectory = workingDirectory;
            Environment.SetEnvironmentVariable("AILAB_HOME", home);
            var code = await AiLabCli.RunAsync(args);
            return new Harness.CliResult(code, outWriter.ToString(), errWriter.ToString());
        }
        finally
        {
            Console.SetOut(stdout);
            Console.SetError(stderr);
            Environment.CurrentDirectory = directory;
            Environment.SetEnvironmentVariable("AILAB_HOME", previousHome);
            OneAtATime.Release();
        }
    }
}

/// <summary>Tests that swap the process's console and current directory run alone.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWide
{
    public const string Name = "process-wide";
}
