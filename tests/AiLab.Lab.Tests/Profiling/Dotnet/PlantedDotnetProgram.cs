using System.Diagnostics;
using AiLab.Testing;

namespace AiLab.Lab.Tests.Profiling.Dotnet;

/// <summary>A small .NET program, generated and built once for the class: it writes the probe's marks itself (the
/// protocol's JSON lines on CLOCK_MONOTONIC) and, with <c>PLANTED_SLOW=1</c>, calls
/// <c>Planted.ParseConfigSlowly</c> before <c>first_batch</c>: as much CPU work again as the baseline.</summary>
public sealed class PlantedDotnetProgram : IDisposable
{
    private const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <OutputType>Exe</OutputType>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
            <ImplicitUsings>enable</ImplicitUsings>
          </PropertyGroup>
        </Project>
        """;

    private const string Program = """
        using System.Diagnostics;
        using System.Runtime.CompilerServices;

        Planted.Mark("imports");
        var x = Planted.Baseline(10_000_000);
        if (Environment.GetEnvironmentVariable("PLANTED_SLOW") == "1") x += Planted.ParseConfigSlowly(10_000_000);
        Planted.Mark("preprocessing");
        x += Planted.Baseline(5_000_000);
        Planted.Mark("first_batch");
        Console.WriteLine(x);

        static class Planted
        {
            [MethodImpl(MethodImplOptions.NoInlining)]
            public static double Baseline(int n) => Spin(n, 1);

            [MethodImpl(MethodImplOptions.NoInlining)]
            public static double ParseConfigSlowly(int n) => Spin(n, 2);

            [MethodImpl(MethodImplOptions.NoInlining)]
            private static double Spin(int n, int seed)
            {
                double s = seed;
                for (var i = 0; i < n; i++) s += Math.Sqrt(i + s % 7);
                return s;
            }

            public static void Mark(string name)
            {
                var path = Environment.GetEnvironmentVariable("AILAB_EVENTS");
                if (string.IsNullOrEmpty(path)) return;
                var ns = (long)((Int128)Stopwatch.GetTimestamp() * 1_000_000_000 / Stopwatch.Frequency);
                File.AppendAllText(path, "{\"mark\":\"" + name + "\",\"t_ns\":" + ns + "}\n");
            }
        }
        """;

    private readonly TempDirectory folder = new("ailab-dotnet-planted-");

    /// <summary>Builds the program (Release) under a fresh temporary folder.</summary>
    public PlantedDotnetProgram()
    {
        File.WriteAllText(folder.File("Planted.csproj"), Project);
        File.WriteAllText(folder.File("Program.cs"), Program);
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = folder.Path, RedirectStandardOutput = true,
            RedirectStandardError = true };
        foreach (var arg in new[] { "build", "-c", "Release", "-o", "out", "-nologo", "-v", "q" })
            info.ArgumentList.Add(arg);
        using var build = Process.Start(info)!;
        var stderr = build.StandardError.ReadToEndAsync();
        var stdout = build.StandardOutput.ReadToEnd();
        if (!build.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            build.Kill(entireProcessTree: true);
            throw new TimeoutException("building the planted .NET program ran past 5 minutes");
        }

        if (build.ExitCode != 0) throw new InvalidOperationException($"dotnet build failed: {stdout}{stderr.Result}");
    }

    /// <summary>The folder to run it from.</summary>
    public string Folder => folder.Path;

    /// <summary>The command that runs it from <see cref="Folder"/>.</summary>
    public static string Command => "dotnet out/Planted.dll";

    /// <inheritdoc/>
    public void Dispose() => folder.Dispose();
}
