using System.Text.Json;
using AiLab.Core.Trials;
using AiLab.Core.Verdicts;
using AiLab.Core.Wire;

namespace AiLab.Core.Tests.Wire;

public sealed class WireNameJsonConverterFactoryTests
{
    private static JsonSerializerOptions Options(bool tolerant) =>
        new() { Converters = { new WireNameJsonConverterFactory(tolerant) } };

    [Fact]
    public void Serialize_AnyEnum_WritesItsWireName()
    {
        var strict = Options(tolerant: false);
        Assert.Equal("\"no_first_batch\"", JsonSerializer.Serialize(FailureKind.NoFirstBatch, strict));
        Assert.Equal("[\"no_change\",null]",
            JsonSerializer.Serialize(new Verdict?[] { Verdict.NoChange, null }, strict));
    }

    [Fact]
    public void Deserialize_Strict_ReadsWireNamesOnly()
    {
        Assert.Equal(Verdict.NoChange, JsonSerializer.Deserialize<Verdict?>("\"no_change\"", Options(tolerant: false)));

        var e = Assert.Throws<JsonException>(
            () => JsonSerializer.Deserialize<Verdict>("\"noChange\"", Options(tolerant: false)));

        Assert.Contains("'noChange' is not a Verdict; expected one of no_change, regression", e.Message,
            StringComparison.Ordinal);
    }

    [Fact]
    public void Deserialize_Tolerant_ReadsOlderSpellingsButNoUnknownValue()
    {
        Assert.Equal(Verdict.NoChange, JsonSerializer.Deserialize<Verdict>("\"noChange\"", Options(tolerant: true)));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Verdict>("\"worse\"", Options(tolerant: true)));
    }

    [Fact]
    public void Deserialize_Number_IsRefusedEvenWhereTheMemberExists() =>
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Verdict>("0", Options(tolerant: false)));
}
