using System.Diagnostics;
using AiLab.Testing;

namespace AiLab.Lab.Tests.Profiling.Dotnet;

/// <summary>The repository's ML.NET example (examples/mlnet-train), built once for the class (Release) into a
/// temporary folder: the real workload, with its planted slow method off unless
/// <c>MLNET_TRAIN_AUDIT=full</c>.</summary>
public sealed class MlnetExampleBuild : IDisposable
{
    private readonly TempDirectory folder = new("ailab-mlnet-profile-");

    /// <summary>Builds the example.</summary>
    public MlnetExampleBuild()
    {
        var project = Path.Combine(RepositoryRoot(), "examples", "mlnet-train", "MlnetTrain.csproj");
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = folder.Path, RedirectStandardOutput = true,
            RedirectStandardError = true };
        foreach (var arg in new[] { "build", project, "-c", "Release", "-o", folder.Combine("out"), "-nologo", "-v",
                     "q", "--disable-build-servers" })
            info.ArgumentList.Add(arg);
        using var build = Process.Start(info)!;
        var stderr = build.StandardError.ReadToEndAsync();
        var stdout = build.StandardOutput.ReadToEnd();
        if (!build.WaitForExit(TimeSpan.FromMinutes(8)))
        {
            build.Kill(entireProcessTree: true);
            throw new TimeoutException("building examples/mlnet-train ran past 8 minutes");
        }

        if (build.ExitCode != 0) throw new InvalidOperationException($"dotnet build failed: {stdout}{stderr.Result}");
    }

    /// <summary>The folder to run it from.</summary>
    public string Folder => folder.Path;

    /// <summary>The command that runs it from <see cref="Folder"/>.</summary>
    public static string Command => "dotnet out/MlnetTrain.dll";

    /// <inheritdoc/>
    public void Dispose() => folder.Dispose();

    private static string RepositoryRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "AiLab.slnx"))) return d.FullName;
        throw new InvalidOperationException($"no AiLab.slnx above {AppContext.BaseDirectory}");
    }
}
