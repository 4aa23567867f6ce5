using System.Text.Json;
using System.Text.Json.Serialization;
using AiLab.Core.Wire;

namespace AiLab.Storage.Serialization;

/// <summary>The one JSON shape of stored documents (experiments, trials, verdicts), shared with the CLI.</summary>
public static class StorageJson
{
    /// <summary>camelCase property names; enums as their wire names (<see cref="WireNames"/>, snake_case, like
    /// every other output), read strictly: an unknown name is an error naming the valid ones, never a default; NaN
    /// and infinities as named literals (unmeasured intervals are NaN); compact output.</summary>
    /// <remarks>Documents written before schema step 12 held camelCase enum names; that step rewrote them.</remarks>
    public static JsonSerializerOptions Options { get; } = Create(tolerant: false);

    /// <summary><see cref="Options"/>, but reading the camelCase enum names of documents written before schema step
    /// 12 too: only for the schema steps before it that read documents in code (step 11's digests).</summary>
    internal static JsonSerializerOptions OlderSpellings { get; } = Create(tolerant: true);

    /// <summary>The wire name of an enum value (<see cref="WireNames.Of{TEnum}"/>), as it appears in stored JSON and
    /// in the status columns.</summary>
    public static string EnumName<TEnum>(TEnum value)
        where TEnum : struct, Enum => WireNames.Of(value);

    /// <summary>Serializes a value with <see cref="Options"/>.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Deserializes a value with <see cref="Options"/>; a JSON null is bad data here, not a value.</summary>
    /// <exception cref="JsonException">The JSON does not describe a <typeparamref name="T"/>.</exception>
    public static T Deserialize<T>(string json) => Deserialize<T>(json, Options);

    /// <summary>Deserializes a value with <paramref name="options"/>; a JSON null is bad data here.</summary>
    internal static T Deserialize<T>(string json, JsonSerializerOptions options) =>
        JsonSerializer.Deserialize<T>(json, options)
        ?? throw new JsonException($"expected a {typeof(T).Name}, found JSON null");

    private static JsonSerializerOptions Create(bool tolerant)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null, // keys are data (variant labels, env var names): keep them verbatim
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            WriteIndented = false,
        };
        options.Converters.Add(new WireNameJsonConverterFactory(tolerant));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
