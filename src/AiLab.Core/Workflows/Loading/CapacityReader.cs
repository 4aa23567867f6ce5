using System.Globalization;
using AiLab.Core.Capacity;
using AiLab.Core.Workflows.Yaml;

namespace AiLab.Core.Workflows.Loading;

/// <summary>Validates the <c>capacity:</c> section: the owner's budget (docs/capacity.md).</summary>
internal sealed class CapacityReader(ValueReader values)
{
    /// <summary>The keys <c>capacity:</c> may set.</summary>
    public static readonly string[] Keys = ["cpu_hours", "gpu_hours", "per"];

    private const string Where = "in 'capacity'";
    private const string Example = "capacity: {cpu_hours: 40, gpu_hours: 2, per: week}";

    private DiagnosticBag Bag => values.Bag;

    /// <summary>The budget, or null (reported) when the section is unusable.</summary>
    public CapacityBudget? Read(ConfigEntry entry)
    {
        if (entry.Value is not ConfigMapping map)
        {
            var found = entry.Value is ConfigScalar { IsNull: true } ? "nothing" : entry.Value.Describe();
            Bag.Error(entry.Value is ConfigScalar { IsNull: true } ? entry.Key : entry.Value,
                $"'capacity' must be a mapping of {string.Join(", ", Keys)}, found {found}", $"e.g. {Example}");
            return null;
        }

        var keys = MappingReader.Read(map, Where, Keys, Bag);
        var cpu = keys.TryGetValue("cpu_hours", out var cpuEntry) ? Hours("cpu_hours", cpuEntry) : null;
        var gpu = keys.TryGetValue("gpu_hours", out var gpuEntry) ? Hours("gpu_hours", gpuEntry) : null;
        var (period, name) = keys.TryGetValue("per", out var perEntry) ? Period(perEntry) : (TimeSpan.FromDays(7), "week");
        if (cpuEntry is null && gpuEntry is null)
        {
            Bag.Error(entry.Key, "'capacity' sets no budget", $"set cpu_hours, gpu_hours or both, e.g. {Example}");
            return null;
        }

        return new CapacityBudget(cpu, gpu, period, name);
    }

    private double? Hours(string key, ConfigEntry entry)
    {
        var hint = $"hours per period: a positive number, e.g. {key}: 40";
        var scalar = values.Scalar(key, entry, Where, "a positive number", hint);
        if (scalar is null)
            return null;
        if (!scalar.IsPlain || !double.TryParse(scalar.Value, NumberStyles.Float, CultureInfo.InvariantCulture,
                out var hours) || !double.IsFinite(hours) || hours <= 0)
        {
            Bag.Error(scalar, $"'{key}' {Where} must be a positive number of hours, found {scalar.Describe()}", hint);
            return null;
        }

        return hours;
    }

    private (TimeSpan, string) Period(ConfigEntry entry)
    {
        var allowed = $"allowed values: {string.Join(", ", CapacityBudget.Periods.Keys)}";
        var scalar = values.Scalar("per", entry, Where, "a period name", allowed);
        if (scalar is not null && CapacityBudget.Periods.TryGetValue(scalar.Value, out var period))
            return (period, scalar.Value);
        if (scalar is not null)
        {
            var closest = Suggestions.Closest(scalar.Value, CapacityBudget.Periods.Keys);
            Bag.Error(scalar, $"unknown period '{scalar.Value}' {Where}",
                closest is null ? allowed : $"did you mean '{closest}'? {allowed}");
        }

        return (TimeSpan.FromDays(7), "week");
    }
}
