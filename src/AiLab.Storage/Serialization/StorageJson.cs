using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiLab.Storage.Serialization;

/// <summary>The one JSON shape of stored documents (experiments, trials, verdicts), shared with the CLI.</summary>
public static class StorageJson
{
    /// <summary>camelCase names, enums as camelCase strings, NaN and infinities as named literals (unmeasured
    /// intervals are NaN), compact output.</summary>
    public static JsonSerializerOptions Options { get; } = Create();

    /// <summary>The wire name of an enum value, as it appears in stored JSON and in the status columns.</summary>
    public static string EnumName<TEnum>(TEnum value)
        where TEnum : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    /// <summary>Serializes a value with <see cref="Options"/>.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>Deserializes a value with <see cref="Options"/>; a JSON null is bad data here, not a value.</summary>
    /// <exception cref="JsonException">The JSON does not describe a <typeparamref name="T"/>.</exception>
    public static T Deserialize<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"expected a {typeof(T).Name}, found JSON null");

    private static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
            DictionaryKeyPolicy = null, // keys are data (variant labels, env var names): keep them verbatim
            NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
            WriteIndented = false,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
