using System.Text.Json;
using AiLab.Core.Trials;

namespace AiLab.Lab.Profiling.Model;

/// <summary>Reads the file the Python probe's profiler writes (<c>ailab-profile/1</c>, see
/// <c>probes/python/ailab_probe/profiler.py</c>) and places it on the trial's timeline.</summary>
public static class ProfileFileReader
{
    /// <summary>The format this reader understands.</summary>
    public const string Format = "ailab-profile/1";

    /// <summary>Reads <paramref name="path"/> for a successful trial of <paramref name="variant"/>.</summary>
    /// <exception cref="InvalidDataException">The file is missing, not JSON, of another format, or has no
    /// window.</exception>
    public static TrialProfile Read(string path, string variant, TrialResult trial)
    {
        ArgumentNullException.ThrowIfNull(trial);
        if (!File.Exists(path))
            throw new InvalidDataException($"the workload wrote no profile to {path}: is it a Python program run with " +
                $"the probe (PYTHONPATH) and without -I?");
        if (trial.TtfbMs is not { } ttfb || trial.Marks.FirstOrDefault(m => m.Name ==
            "first_batch") is not { } firstBatch)
            throw new InvalidDataException("the profiled trial reached no first_batch");
        try
        {
            using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
            var root = doc.RootElement;
            var format = root.TryGetProperty("format", out var f) ? f.GetString() : null;
            if (format != Format) throw new InvalidDataException($"{path}: format '{format}' is not {Format}");
            var marks = root.GetProperty("marks").EnumerateArray()
                .Where(m => m.TryGetProperty("t_ns", out var t) && t.ValueKind == JsonValueKind.Number)
                .ToDictionary(m => m.GetProperty("mark").GetString()!, m => m.GetProperty("t_ns").GetInt64(),
                    StringComparer.Ordinal);
            // The profile's clock is CLOCK_MONOTONIC like the harness's: anchor it on first_batch, which both saw.
            var firstBatchNs = marks.TryGetValue("first_batch", out var fb) ? fb :
                root.GetProperty("stop_ns").GetInt64();
            double Offset(long ns) => firstBatch.OffsetMs - (firstBatchNs - ns) / 1e6;
            var startNs = root.GetProperty("start_ns").GetInt64();
            var frames = root.GetProperty("frames").EnumerateArray().Select(e => new ProfileFrame(
                e.GetProperty("module").GetString() ?? "?", e.GetProperty("name").GetString() ?? "?",
                e.GetProperty("file").GetString() ?? "?", e.GetProperty("line").GetInt32())).ToList();
            var stacks = root.GetProperty("stacks").EnumerateArray().Select(e => new SampledStack(
                e.GetProperty("phase").ValueKind == JsonValueKind.String ? e.GetProperty("phase").GetString() : null,
                e.GetProperty("stack").EnumerateArray().Select(i => CheckedIndex(i.GetInt32(), frames.Count)).ToList(),
                e.GetProperty("samples").GetInt32(), e.GetProperty("ms").GetDouble())).ToList();
            var imports = root.GetProperty("imports").EnumerateArray().Select(e => new ImportRecord(
                e.GetProperty("module").GetString()!,
                e.GetProperty("parent").ValueKind == JsonValueKind.String ? e.GetProperty("parent").GetString() : null,
                Offset(e.GetProperty("start_ns").GetInt64()), e.GetProperty("total_ms").GetDouble(),
                e.GetProperty("self_ms").GetDouble(), e.GetProperty("end_ns").GetInt64() <= firstBatchNs)).ToList();
            var calls = new List<CallCount>();
            if (root.TryGetProperty("calls", out var c))
            {
                foreach (var e in c.EnumerateArray())
                {
                    var function = e.GetProperty("function").GetString()!;
                    calls.Add(new CallCount(function, null, e.GetProperty("calls").GetInt64()));
                    foreach (var caller in e.GetProperty("callers").EnumerateArray())
                        calls.Add(new CallCount(function, caller.GetProperty("function").GetString(),
                            caller.GetProperty("calls").GetInt64()));
                }
            }

            return new TrialProfile
            {
                Variant = variant,
                TtfbMs = ttfb,
                UnprofiledMs = Math.Max(0, Offset(startNs)),
                IntervalMs = root.GetProperty("interval_ms").GetDouble(),
                Frames = frames,
                Stacks = stacks,
                Imports = imports,
                Calls = calls,
                Phases = trial.Phases.GroupBy(p => p.Name, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Sum(p => p.DurationMs), StringComparer.Ordinal),
                Path = path,
            };
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or
            FormatException)
        {
            throw new InvalidDataException($"{path}: not a readable {Format} profile ({e.Message})", e);
        }
    }

    private static int CheckedIndex(int index, int count) =>
        index >= 0 && index < count ? index :
            throw new InvalidDataException($"frame index {index} outside the {count} frames");
}
