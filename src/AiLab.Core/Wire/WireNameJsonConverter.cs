using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiLab.Core.Wire;

/// <summary>Writes an enum as its <see cref="WireNames"/> name and reads it back (older spellings too), whatever
/// naming policy the serializer around it uses; on a property it pins that property's wire form.</summary>
public sealed class WireNameJsonConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    /// <inheritdoc />
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        return WireNames.ParseTolerant<TEnum>(text)
               ?? throw new JsonException($"'{text}' is not a {typeof(TEnum).Name}; expected one of "
                                          + string.Join(", ", Enum.GetValues<TEnum>().Select(v => WireNames.Of(v))));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(WireNames.Of(value));
    }
}
