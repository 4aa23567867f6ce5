using System.Globalization;

namespace AiLab.Lab.Profiling.Dotnet;

/// <summary>The environment that makes a .NET process record its own EventPipe trace from runtime start to exit:
/// the runtime's sample profiler (every managed thread's stack about once a millisecond) and the loader and JIT
/// events that name the methods. Chosen over attaching with DiagnosticsClient because an attach comes after the
/// process has started, and the TTFB window starts at spawn; the file is written by the runtime itself, with no
/// IPC in the window. The variables are ignored by anything that is not a .NET process (a Python workload).</summary>
public static class EventPipeEnvironment
{
    /// <summary>The file name suffix of the traces; <c>{pid}</c> in the path is replaced by the runtime, so that
    /// every .NET process the workload starts writes its own file.</summary>
    public const string Suffix = ".nettrace";

    /// <summary>The runtime's sample profiler provider.</summary>
    public const string SampleProfiler = "Microsoft-DotNETCore-SampleProfiler";

    // Loader (0x8) and JIT (0x10) keywords at verbose level: MethodLoadVerbose and ModuleLoad events, enough for
    // TraceLog to name JIT-compiled frames; the rundown at exit names the ReadyToRun ones. Nothing else (no GC
    // events) so the profiler costs the workload as little as it can.
    private const string Config = SampleProfiler + ":0:5,Microsoft-Windows-DotNETRuntime:0x18:5";

    /// <summary>The variables for a trial whose files start with <paramref name="stem"/>.</summary>
    public static IReadOnlyDictionary<string, string> For(string stem) => new Dictionary<string, string>(
        StringComparer.Ordinal)
    {
        ["DOTNET_EnableEventPipe"] = "1",
        ["DOTNET_EventPipeOutputPath"] = stem + ".{pid}" + Suffix,
        ["DOTNET_EventPipeConfig"] = Config,
        ["DOTNET_EventPipeRundown"] = "1",
        // The default 1 MiB circular buffer drops samples of a busy start-up; 256 MiB is address space, not RSS.
        ["DOTNET_EventPipeCircularMB"] = 256.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The traces the trial with files starting with <paramref name="stem"/> left, oldest process
    /// first.</summary>
    public static IReadOnlyList<string> Traces(string stem)
    {
        var folder = Path.GetDirectoryName(stem) ?? ".";
        if (!Directory.Exists(folder)) return [];
        return [.. Directory.EnumerateFiles(folder, Path.GetFileName(stem) + ".*" + Suffix)
            .OrderBy(File.GetLastWriteTimeUtc).ThenBy(p => p, StringComparer.Ordinal)];
    }
}
