using System.Text.Json;

namespace AiLab.Lab.Footprints;

/// <summary>The footprint the Python probe writes for one trial (probes/python/ailab_probe/_footprint.py).</summary>
/// <param name="At">When it was taken: <c>first_batch</c> or <c>exit</c>.</param>
/// <param name="Modules">Module name → absolute source file (null for built-in and namespace modules).</param>
public sealed record TrialFootprintFile(string At, IReadOnlyDictionary<string, string?> Modules)
{
    /// <summary>The environment variable naming the file.</summary>
    public const string Variable = "AILAB_FOOTPRINT";

    /// <summary>Reads the file at <paramref name="path"/>: null when the workload wrote none (no probe, a
    /// workload that is not Python); a file that cannot be parsed is reported in <paramref name="problem"/>.</summary>
    public static TrialFootprintFile? Read(string path, out string? problem)
    {
        problem = null;
        if (!File.Exists(path)) return null;
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(path));
            var modules = new Dictionary<string, string?>(StringComparer.Ordinal);
            foreach (var item in doc.RootElement.GetProperty("modules").EnumerateArray())
            {
                var file = item[1].ValueKind == JsonValueKind.String ? item[1].GetString() : null;
                modules[item[0].GetString() ?? ""] = file;
            }

            return new TrialFootprintFile(doc.RootElement.GetProperty("at").GetString() ?? "", modules);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException
                                   or IndexOutOfRangeException or IOException)
        {
            problem = $"the footprint {path} cannot be read: {e.Message}";
            return null;
        }
    }
}
