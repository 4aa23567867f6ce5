using System.Text.Json;
using System.Text.Json.Serialization;
using AiLab.Core.Machine;
using AiLab.Core.Wire;
using AiLab.Stats.Estimators;

namespace AiLab.Lab.Machine;

/// <summary>The per-core speed calibration of this machine, cached in the lab's home and measured again when the cache
/// is stale: older than <see cref="MaxAge"/>, or from another machine (host, processor, CPU count, boot).</summary>
public sealed class CoreSpeedCalibration(ICoreSpeedMeter meter, string cachePath, TimeProvider time)
{
    /// <summary>How long a calibration is trusted. Core speeds of a VM change when it is migrated or its neighbours
    /// change, which a boot id does not always show; half a day bounds how long a wrong choice can last.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromHours(12);

    /// <summary>Runs of the loop per core, interleaved: enough for a median and a MAD that a few interrupted runs do
    /// not move.</summary>
    public const int Rounds = 15;

    /// <summary>The cache file under a lab home.</summary>
    public static string CachePathIn(string home) => Path.Combine(home, "machine", "core-speeds.json");

    /// <summary>The machine the meter measures.</summary>
    public Core.Machine.MachineIdentity Identity() => meter.Identify();

    /// <summary>The calibration: the cached one when fresh, else a new measurement (stored). <paramref name="why"/>
    /// says which, for the progress line.</summary>
    public CoreSpeedReport Get(out string why, bool remeasure = false, CancellationToken cancellationToken = default)
    {
        var identity = meter.Identify();
        var now = time.GetUtcNow();
        var cached = remeasure ? null : Load();
        var stale = cached is null ? (remeasure ? "asked to measure again" : "no calibration cached") : Staleness(cached, identity, now);
        if (cached is not null && stale is null)
        {
            why = $"cached, measured {cached.MeasuredAt:yyyy-MM-dd HH:mm} UTC";
            return cached;
        }

        var report = Summarize(identity, now, meter.Measure(Rounds, cancellationToken));
        Save(report);
        why = $"measured now ({stale})";
        return report;
    }

    /// <summary>Why <paramref name="cached"/> may not be used on <paramref name="identity"/> at <paramref name="now"/>,
    /// or null.</summary>
    public static string? Staleness(CoreSpeedReport cached, MachineIdentity identity, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(cached);
        if (cached.Machine.DifferenceFrom(identity) is { } change) return $"the cached calibration is from another machine: {change}";
        var age = now - cached.MeasuredAt;
        if (age > MaxAge || age < TimeSpan.Zero) return $"the cached calibration is {age.TotalHours:0.#} h old (limit {MaxAge.TotalHours:0} h)";
        return null;
    }

    /// <summary>Each core's median and robust CV (1.4826·MAD/median, Rousseeuw &amp; Croux, JASA 88 (1993)
    /// 1273).</summary>
    public static CoreSpeedReport Summarize(MachineIdentity identity, DateTimeOffset at, IReadOnlyDictionary<int, IReadOnlyList<CoreRun>> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var cores = samples.OrderBy(p => p.Key).Where(p => p.Value.Count > 0).Select(p =>
        {
            var cpu = p.Value.Select(r => r.CpuMs).ToList();
            var median = Descriptive.Median(cpu);
            var mad = Descriptive.Median(cpu.Select(v => Math.Abs(v - median)).ToList());
            return new CoreSpeed(p.Key, median, median > 0 ? 1.4826 * mad / median : double.NaN, cpu.Count,
                Descriptive.Median(p.Value.Select(r => r.WallMs).ToList()));
        }).ToList();
        return new CoreSpeedReport { Machine = identity, MeasuredAt = at, Cores = cores };
    }

    // The cache's format: camelCase names, enums by their wire names (it holds none today; older caches are read
    // tolerantly). A cache file is the lab's own, so the orchestration layer needs no reference to the storage layer.
    private static readonly JsonSerializerOptions CacheJson = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        Converters = { new WireNameJsonConverterFactory(tolerant: true) },
    };

    private CoreSpeedReport? Load()
    {
        try
        {
            return File.Exists(cachePath) ? JsonSerializer.Deserialize<CoreSpeedReport>(File.ReadAllText(cachePath), CacheJson) : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null; // a damaged cache is measured again, which rewrites it
        }
    }

    private void Save(CoreSpeedReport report)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(cachePath)!);
        var temp = cachePath + ".tmp";
        File.WriteAllText(temp, JsonSerializer.Serialize(report, CacheJson));
        File.Move(temp, cachePath, overwrite: true);
    }
}
