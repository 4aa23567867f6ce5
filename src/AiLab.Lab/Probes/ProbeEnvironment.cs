using AiLab.Core.Workflows;

namespace AiLab.Lab.Probes;

/// <summary>Finds the shipped Python probe and builds the environment that puts it (and, on request, the PyTorch
/// auto-instrumentation) in front of a workload.</summary>
public sealed class ProbeEnvironment
{
    private readonly string? pythonProbeRoot;

    /// <summary>Uses the probe at <paramref name="pythonProbeRoot"/> (the folder holding <c>ailab_probe/</c>), or none.</summary>
    public ProbeEnvironment(string? pythonProbeRoot) => this.pythonProbeRoot = pythonProbeRoot;

    /// <summary>The probe shipped next to the running program (or found in the source tree during development).</summary>
    public static ProbeEnvironment Discover() =>
        new(ShippedAssets.Find(Path.Combine("probes", "python", "ailab_probe"), directory: true) is { } dir
            ? Path.GetDirectoryName(dir)
            : null);

    /// <summary>The folder holding the <c>ailab_probe</c> package, if found.</summary>
    public string? PythonProbeRoot => pythonProbeRoot;

    /// <summary>Variables that expose the probe to Python workloads and switch on auto-instrumentation.</summary>
    /// <param name="mode">Auto-instrumentation requested by the workflow.</param>
    /// <param name="existingPythonPath">The PYTHONPATH the workload would otherwise get; it is kept, after ours.</param>
    /// <exception cref="InvalidOperationException">Auto-instrumentation was asked for but the probe is not installed.</exception>
    public IReadOnlyDictionary<string, string> For(AutoInstrument mode, string? existingPythonPath)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        if (pythonProbeRoot is null)
        {
            if (mode != AutoInstrument.None)
                throw new InvalidOperationException("auto_instrument needs the Python probe (probes/python), which is not installed next to ailab");
            return env;
        }

        var paths = new List<string>();
        if (mode == AutoInstrument.Torch)
        {
            paths.Add(Path.Combine(pythonProbeRoot, "autoinstrument"));
            env["AILAB_AUTO"] = "torch";
        }

        paths.Add(pythonProbeRoot);
        if (!string.IsNullOrEmpty(existingPythonPath)) paths.Add(existingPythonPath);
        env["PYTHONPATH"] = string.Join(Path.PathSeparator, paths);
        return env;
    }
}
