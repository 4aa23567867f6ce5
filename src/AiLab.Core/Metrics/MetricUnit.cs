using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiLab.Core.Metrics;

/// <summary>The unit a metric is measured in. Its <see cref="Symbol"/> is how reports and the JSON contract write it
/// (<c>ms</c>, <c>MiB</c>), and how it is stored.</summary>
[JsonConverter(typeof(MetricUnitJsonConverter))]
public readonly record struct MetricUnit
{
    private MetricUnit(string symbol) => Symbol = symbol;

    /// <summary>Milliseconds: TTFB, its phases, CPU time.</summary>
    public static MetricUnit Milliseconds { get; } = new("ms");

    /// <summary>Mebibytes: peak memory.</summary>
    public static MetricUnit Mebibytes { get; } = new("MiB");

    /// <summary>The unit's symbol as written: <c>ms</c> or <c>MiB</c>.</summary>
    public string Symbol { get; }

    /// <summary>True for a duration: a larger value is slower, a smaller one faster.</summary>
    public bool IsTime => this == Milliseconds;

    /// <summary>The unit written as <paramref name="symbol"/>; null when none is.</summary>
    public static MetricUnit? Parse(string? symbol) => symbol switch
    {
        "ms" => Milliseconds,
        "MiB" => Mebibytes,
        _ => null,
    };

    /// <inheritdoc />
    public override string ToString() => Symbol ?? "";

    private sealed class MetricUnitJsonConverter : JsonConverter<MetricUnit>
    {
        public override MetricUnit Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var text = reader.GetString();
            return Parse(text) ?? throw new JsonException($"'{text}' is not a metric unit; expected ms or MiB");
        }

        public override void Write(Utf8JsonWriter writer, MetricUnit value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value.Symbol);
    }
}
