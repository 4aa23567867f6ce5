using System.Text.Json;
using System.Text.Json.Serialization;
using AiLab.Core.Verdicts;
using AiLab.Core.Wire;

namespace AiLab.Core.Tests.Wire;

public sealed class WireNameJsonConverterTests
{
    // A camelCase enum policy around the property, as the stores use: the property's converter must win.
    private static readonly JsonSerializerOptions CamelCase = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals, // unmeasured statistics are NaN
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    [Theory]
    [InlineData(DecisionTest.WelchLogT, "welch_log_t")]
    [InlineData(DecisionTest.MannWhitneyZ, "mann_whitney_z")]
    [InlineData(DecisionTest.MedianRatioZ, "median_ratio_z")]
    [InlineData(DecisionTest.GroupSequentialWelchLogT, "group_sequential_welch_log_t")]
    public void Serialize_DecisionTest_WritesTheNameTheStringUsedToHold(DecisionTest test, string wire)
    {
        var basis = new DecisionBasis { Test = test, ThresholdSource = "s", TrialsA = 1, TrialsB = 1 };

        var json = JsonSerializer.Serialize(basis, CamelCase);

        Assert.Contains($"\"test\":\"{wire}\"", json, StringComparison.Ordinal);
        Assert.Equal(test, JsonSerializer.Deserialize<DecisionBasis>(json, CamelCase)!.Test);
    }

    [Fact]
    public void Deserialize_UnknownName_ThrowsNamingTheValidOnes()
    {
        var json = """{"test":"t_test","thresholdSource":"s","trialsA":1,"trialsB":1}""";

        var e = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<DecisionBasis>(json, CamelCase));

        Assert.Contains("welch_log_t", e.Message, StringComparison.Ordinal);
    }
}
