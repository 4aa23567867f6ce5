using AiLab.Core.Experiments;
using AiLab.Stats.Sequential;
using AiLab.Storage.Serialization;

namespace AiLab.Storage.Tests.StoredJson;

/// <summary>The spending function is stored by its wire name; the free text of the stores before it was typed
/// ("Pocock") was rewritten by schema step 12 and is refused since.</summary>
public sealed class SequentialPlanJsonTests
{
    [Theory]
    [InlineData("o_brien_fleming", SpendingFunction.OBrienFleming)]
    [InlineData("pocock", SpendingFunction.Pocock)]
    public void Deserialize_SpendingByItsWireName_ReadsTheEnum(string stored, SpendingFunction expected) =>
        Assert.Equal(expected, StorageJson.Deserialize<SequentialPlan>(Plan(stored)).Spending);

    [Theory]
    [InlineData("Pocock")]
    [InlineData("oBrienFleming")]
    public void Deserialize_SpendingAsStoredBeforeStep12_ThrowsNamingTheWireNames(string stored)
    {
        var e = Assert.Throws<System.Text.Json.JsonException>(
            () => StorageJson.Deserialize<SequentialPlan>(Plan(stored)));

        Assert.Contains($"'{stored}' is not a SpendingFunction; expected one of", e.Message, StringComparison.Ordinal);
        Assert.Contains("o_brien_fleming", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Serialize_TypedSpending_RoundTrips()
    {
        var plan = new SequentialPlan
        {
            Alpha = 0.01, Looks = [5, 10], EquivalenceMargin = 0.03, LogSd = 0.04, Source = "test",
            Spending = SpendingFunction.Pocock,
        };

        var read = StorageJson.Deserialize<SequentialPlan>(StorageJson.Serialize(plan));

        Assert.Equal(SpendingFunction.Pocock, read.Spending);
    }

    private static string Plan(string spending) =>
        "{\"alpha\":0.01,\"looks\":[5,10],\"equivalenceMargin\":0.03,\"logSd\":0.04,"
        + $"\"spending\":\"{spending}\",\"source\":\"test\"}}";
}
