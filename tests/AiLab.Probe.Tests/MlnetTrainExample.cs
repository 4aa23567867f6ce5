namespace AiLab.Probe.Tests;

/// <summary>The compiled examples/mlnet-train program: reused from the test output when current, built there once otherwise.</summary>
public sealed class MlnetTrainExample
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromMinutes(5);

    public MlnetTrainExample()
    {
        var repositoryRoot = FindRepositoryRoot();
        var projectDirectory = Path.Combine(repositoryRoot, "examples", "mlnet-train");
        var outputDirectory = Path.Combine(AppContext.BaseDirectory, "mlnet-train");
        DllPath = Path.Combine(outputDirectory, "MlnetTrain.dll");
        if (File.Exists(DllPath) && File.GetLastWriteTimeUtc(DllPath) >= NewestInput(repositoryRoot))
        {
            return;
        }

        var build = ProcessRun.Start(
            "dotnet",
            ["build", Path.Combine(projectDirectory, "MlnetTrain.csproj"), "-c", "Release", "-o", outputDirectory, "--disable-build-servers", "-v", "quiet", "-nologo"],
            new Dictionary<string, string?>(),
            BuildTimeout);
        Assert.True(build.ExitCode == 0, $"building examples/mlnet-train failed ({build.ExitCode}):\n{build.Stdout}\n{build.Stderr}");
        Assert.True(File.Exists(DllPath), $"the build did not produce {DllPath}");
    }

    /// <summary>Absolute path of MlnetTrain.dll.</summary>
    public string DllPath { get; }

    /// <summary>Runs the program with <c>dotnet</c>, <c>AILAB_EVENTS</c> set to <paramref name="eventsPath"/> when given.</summary>
    public ProcessRun Run(string? eventsPath, params string[] arguments)
    {
        var environment = new Dictionary<string, string?>();
        if (eventsPath is not null)
        {
            environment[AiLabProbe.EventsVariable] = eventsPath;
        }

        return ProcessRun.Start("dotnet", [DllPath, .. arguments], environment, TimeSpan.FromMinutes(2));
    }

    private static DateTime NewestInput(string repositoryRoot)
    {
        string[] directories = [Path.Combine(repositoryRoot, "examples", "mlnet-train"), Path.Combine(repositoryRoot, "src", "AiLab.Probe")];
        var sources = directories
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.TopDirectoryOnly))
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".csproj", StringComparison.Ordinal) || f.EndsWith(".json", StringComparison.Ordinal))
            .Concat([Path.Combine(repositoryRoot, "Directory.Build.props"), Path.Combine(repositoryRoot, "Directory.Packages.props")]);
        return sources.Max(File.GetLastWriteTimeUtc);
    }

    private static string FindRepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "AiLab.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no AiLab.slnx above {AppContext.BaseDirectory}");
    }
}
