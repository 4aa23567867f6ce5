using System.Text.Json;
using System.Text.Json.Serialization;

namespace AiLab.Core.Wire;

/// <summary>Puts every enum of a serializer on its <see cref="WireNames"/> name (<see
/// cref="WireNameJsonConverter{TEnum}"/>): what a serializer's options add to speak the one wire convention.</summary>
/// <param name="tolerant">Whether older spellings read back too; strict readers accept wire names only.</param>
public sealed class WireNameJsonConverterFactory(bool tolerant) : JsonConverterFactory
{
    /// <inheritdoc />
    public override bool CanConvert(Type typeToConvert)
    {
        ArgumentNullException.ThrowIfNull(typeToConvert);
        return typeToConvert.IsEnum;
    }

    /// <inheritdoc />
    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        // The argument as an array: a lone bool would pick CreateInstance(Type, bool nonPublic).
        (JsonConverter)Activator.CreateInstance(
            typeof(WireNameJsonConverter<>).MakeGenericType(typeToConvert), [tolerant])!;
}
