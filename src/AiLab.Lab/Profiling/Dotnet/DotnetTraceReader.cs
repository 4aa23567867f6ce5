using System.Text.Json;
using AiLab.Core.Trials;
using AiLab.Lab.Profiling.Model;
using Microsoft.Diagnostics.Tracing;
using Microsoft.Diagnostics.Tracing.Etlx;

// TimeStampQPC is "not obsolete but discouraged": the raw stamp is what lines samples up with the probe's marks.
#pragma warning disable CS0618

namespace AiLab.Lab.Profiling.Dotnet;

/// <summary>Reads the EventPipe trace a .NET workload wrote (<see cref="EventPipeEnvironment"/>) into the same
/// <see cref="TrialProfile"/> as the Python sampler's, so that the diff, findings, flame graph and speedscope work
/// unchanged. Only the main thread's samples from runtime start to <c>first_batch</c> are kept (the TTFB window; the
/// thread pool and the finalizer would add their idle waits); each sample stands for the time since the previous
/// one, and falls in the phase of the next probe mark after it.</summary>
public static class DotnetTraceReader
{
    private const double NsPerMs = 1e6;

    /// <summary>Reads the traces <paramref name="traces"/> of a successful trial of <paramref name="variant"/>
    /// whose probe marks are in <paramref name="eventsPath"/>: the trace of the process that loaded the probe
    /// (AiLab.Probe) is the workload's; with a single trace, that one.</summary>
    /// <exception cref="InvalidDataException">No trace, no first_batch, no sample of the main thread, or a trace
    /// whose clock is not the probe's.</exception>
    public static TrialProfile Read(IReadOnlyList<string> traces, string eventsPath, string variant,
        TrialResult trial)
    {
        ArgumentNullException.ThrowIfNull(traces);
        ArgumentNullException.ThrowIfNull(trial);
        if (traces.Count == 0) throw new InvalidDataException("the workload wrote no EventPipe trace");
        if (trial.TtfbMs is not { } ttfb || trial.Marks.FirstOrDefault(m => m.Name == "first_batch") is not
            { } firstBatch)
            throw new InvalidDataException("the profiled trial reached no first_batch");
        var marks = ReadMarks(eventsPath);
        if (!marks.TryGetValue("first_batch", out var firstBatchNs))
            throw new InvalidDataException($"{eventsPath}: no first_batch mark");
        var ordered = marks.OrderBy(m => m.Value).ToList();
        foreach (var trace in traces)
        {
            var profile = ReadOne(trace, traces.Count == 1, firstBatchNs, ordered, firstBatch.OffsetMs);
            if (profile is null) continue;
            return profile with
            {
                Variant = variant,
                TtfbMs = ttfb,
                Phases = trial.Phases.GroupBy(p => p.Name, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Sum(p => p.DurationMs), StringComparer.Ordinal),
            };
        }

        throw new InvalidDataException($"none of the {traces.Count} EventPipe traces ({traces[0]}, ...) is of a " +
            "process that loaded AiLab.Probe");
    }

    private static TrialProfile? ReadOne(string trace, bool only, long firstBatchNs,
        List<KeyValuePair<string, long>> marks, double firstBatchOffsetMs)
    {
        var etlx = Path.ChangeExtension(trace, ".etlx");
        try
        {
            TraceLog.CreateFromEventPipeDataFile(trace, etlx);
            using var log = new TraceLog(etlx);
            if (!only && !log.ModuleFiles.Any(m => m.Name.Equals("AiLab.Probe", StringComparison.OrdinalIgnoreCase)))
                return null;
            var frames = new List<ProfileFrame>();
            var frameIndex = new Dictionary<ProfileFrame, int>();
            var stacks = new Dictionary<(string? Phase, string Key), (List<int> Frames, int Samples, double Ms)>();
            long? startNs = null, previousNs = null;
            TraceEvent? firstSample = null;
            foreach (var ev in log.Events)
            {
                if (ev.ProviderName != EventPipeEnvironment.SampleProfiler || ev.ThreadID != ev.ProcessID) continue;
                // On Linux the runtime stamps events with CLOCK_MONOTONIC in nanoseconds, the probe's clock.
                var ns = ev.TimeStampQPC;
                if (firstSample is null)
                {
                    firstSample = ev;
                    startNs = ns;
                }
                else CheckClock(firstSample, ev, trace);

                if (ns > firstBatchNs) break;
                var path = new List<int>();
                for (var call = ev.CallStack(); call is not null; call = call.Caller)
                {
                    var frame = DotnetMethodName.Frame(call.CodeAddress.FullMethodName, call.CodeAddress.ModuleName);
                    if (!frameIndex.TryGetValue(frame, out var index))
                    {
                        index = frames.Count;
                        frames.Add(frame);
                        frameIndex[frame] = index;
                    }

                    path.Add(index);
                }

                path.Reverse();
                var weight = (ns - (previousNs ?? ns)) / NsPerMs;
                previousNs = ns;
                if (path.Count == 0) continue;
                var phase = marks.FirstOrDefault(m => m.Value >= ns).Key;
                var key = (phase, string.Join(',', path));
                var seen = stacks.GetValueOrDefault(key, (path, 0, 0.0));
                stacks[key] = (path, seen.Item2 + 1, seen.Item3 + weight);
            }

            if (startNs is not { } start)
                throw new InvalidDataException($"{trace}: no sample of the main thread (was the sample profiler on?)");
            return new TrialProfile
            {
                Variant = "?",
                TtfbMs = 0,
                UnprofiledMs = Math.Max(0, firstBatchOffsetMs - (firstBatchNs - start) / NsPerMs),
                IntervalMs = 1,
                Frames = frames,
                Stacks = [.. stacks.Select(s => new SampledStack(s.Key.Phase, s.Value.Frames, s.Value.Samples,
                    s.Value.Ms))],
                Imports = [],
                Path = trace,
            };
        }
        catch (Exception e) when (e is not InvalidDataException &&
            e is IOException or FormatException or InvalidOperationException or ApplicationException)
        {
            throw new InvalidDataException($"{trace}: not a readable EventPipe trace ({e.Message})", e);
        }
        finally
        {
            File.Delete(etlx);
        }
    }

    // The QPC timestamps are nanoseconds only if their frequency is 1 GHz (Linux's CLOCK_MONOTONIC); TraceEvent hides
    // the frequency, so compare the raw stamps with its own conversion to milliseconds.
    private static void CheckClock(TraceEvent first, TraceEvent ev, string trace)
    {
        var raw = (ev.TimeStampQPC - first.TimeStampQPC) / NsPerMs;
        var converted = ev.TimeStampRelativeMSec - first.TimeStampRelativeMSec;
        if (Math.Abs(raw - converted) > 0.01 + 1e-6 * Math.Abs(converted))
            throw new InvalidDataException($"{trace}: the trace's clock is not in nanoseconds ({raw} against " +
                $"{converted} ms); .NET profiling needs Linux");
    }

    private static Dictionary<string, long> ReadMarks(string eventsPath)
    {
        var marks = new Dictionary<string, long>(StringComparer.Ordinal);
        if (!File.Exists(eventsPath)) return marks;
        foreach (var line in File.ReadLines(eventsPath))
        {
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.TryGetProperty("mark", out var m) && doc.RootElement.TryGetProperty("t_ns",
                        out var t) && m.GetString() is { } name && t.TryGetInt64(out var ns))
                    marks.TryAdd(name, ns);
            }
            catch (JsonException)
            {
                // A torn or foreign line: the harness reports those; the profile needs only the marks it can read.
            }
        }

        return marks;
    }
}
