using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiLab.Core.Wire;

/// <summary>Writes an enum as its <see cref="WireNames"/> name and reads it back, whatever naming policy the
/// serializer around it uses; on a property it pins that property's wire form. Tolerant (the default) it also reads
/// the older spellings (<see cref="WireNames.ParseTolerant{TEnum}"/>); strict it reads wire names only. Either way
/// an unknown value is a <see cref="JsonException"/> naming the enum and every value it accepts, never a
/// default.</summary>
public sealed class WireNameJsonConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private readonly bool _tolerant;

    /// <summary>A tolerant converter: older spellings read back too.</summary>
    public WireNameJsonConverter()
        : this(tolerant: true)
    {
    }

    /// <summary>A converter that reads older spellings when <paramref name="tolerant"/>, wire names only
    /// otherwise.</summary>
    public WireNameJsonConverter(bool tolerant) => _tolerant = tolerant;

    /// <inheritdoc />
    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
        var value = _tolerant ? WireNames.ParseTolerant<TEnum>(text) : WireNames.Parse<TEnum>(text);
        return value ?? throw new JsonException(
            $"'{text ?? reader.TokenType.ToString()}' is not a {typeof(TEnum).Name}; expected one of "
            + string.Join(", ", Enum.GetValues<TEnum>().Select(v => WireNames.Of(v))));
    }

    /// <inheritdoc />
    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStringValue(WireNames.Of(value));
    }
}
