using System.Diagnostics;
using AiLab.Core.Experiments;
using AiLab.Core.Variants;
using AiLab.Core.Workflows;
using AiLab.Lab.Experiments;

namespace AiLab.Lab.Demo;

/// <summary>The demo for machines without PyTorch: the ML.NET example, built once, A/B-tested as an environment
/// variant — the candidate sets <c>MLNET_TRAIN_TELEMETRY=blocking</c>, which ships the config to a "log collector"
/// through a call that looks asynchronous but waits.</summary>
public static class MlnetDemo
{
    /// <summary>The environment variable the example reads.</summary>
    public const string TelemetryVariable = "MLNET_TRAIN_TELEMETRY";

    /// <summary>Copies the example (with the .NET probe and the build settings it needs) to
    /// <paramref name="directory"/>, builds it, and plans the experiment.</summary>
    public static Experiment Plan(string directory, int trials, int warmup, int? seed, TextWriter say)
    {
        ArgumentNullException.ThrowIfNull(say);
        var example = ShippedAssets.Find(Path.Combine("examples", "mlnet-train"), directory: true)
            ?? throw new InvalidOperationException("the ML.NET example (examples/mlnet-train) is not installed next to ailab");
        var sourceRoot = Path.GetDirectoryName(Path.GetDirectoryName(example))!;
        foreach (var file in new[] { "Directory.Build.props", "Directory.Packages.props", "global.json" })
            File.Copy(Path.Combine(sourceRoot, file), Path.Combine(Create(directory), file));
        CopyTree(example, Path.Combine(directory, "examples", "mlnet-train"));
        CopyTree(Path.Combine(sourceRoot, "src", "AiLab.Probe"), Path.Combine(directory, "src", "AiLab.Probe"));

        say.WriteLine($"ailab demo: building the ML.NET example in {directory} (dotnet build, once)");
        var build = Process.Start(new ProcessStartInfo("dotnet", "build -c Release -o artifacts/mlnet-train examples/mlnet-train")
        {
            WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true,
        }) ?? throw new InvalidOperationException("could not start dotnet");
        var log = build.StandardOutput.ReadToEndAsync();
        var err = build.StandardError.ReadToEnd();
        build.WaitForExit();
        if (build.ExitCode != 0)
            throw new InvalidOperationException($"building the ML.NET example failed (exit {build.ExitCode}):\n{log.Result}{err}");

        return ExperimentPlanner.Create(
            new ExperimentPlan
            {
                Kind = ExperimentKind.AB,
                Workflow = new WorkflowSpec
                {
                    Name = "mlnet-train",
                    Run = "dotnet artifacts/mlnet-train/MlnetTrain.dll",
                    Timeout = TimeSpan.FromMinutes(2),
                    ExpectedPhases = ["imports", "config_validation", "preprocessing", "model_build", "first_batch"],
                },
                WorkingDirectory = directory,
                Variants = [Variant.Parse("A", $"{TelemetryVariable}=off"), Variant.Parse("B", $"{TelemetryVariable}=blocking")],
                Trials = trials,
                Warmup = warmup,
                Seed = seed,
            },
            TimeProvider.System);
    }

    private static string Create(string directory)
    {
        Directory.CreateDirectory(directory);
        return directory;
    }

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            var first = relative.Split(Path.DirectorySeparatorChar)[0];
            if (first is "bin" or "obj" or "artifacts") continue;
            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
