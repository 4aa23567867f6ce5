using AiLab.Core.Experiments;
using AiLab.Stats.Sequential;
using AiLab.Storage.Serialization;

namespace AiLab.Storage.Tests.StoredJson;

/// <summary>The spending function was stored as free text ("Pocock") before it was typed: those documents must
/// read.</summary>
public sealed class SequentialPlanJsonTests
{
    [Theory]
    [InlineData("Pocock", SpendingFunction.Pocock)]
    [InlineData("OBrienFleming", SpendingFunction.OBrienFleming)]
    [InlineData("pocock", SpendingFunction.Pocock)]
    public void Deserialize_SpendingAsStoredBefore_ReadsTheEnum(string stored, SpendingFunction expected)
    {
        var json = "{\"alpha\":0.01,\"looks\":[5,10],\"equivalenceMargin\":0.03,\"logSd\":0.04,"
            + $"\"spending\":\"{stored}\",\"source\":\"test\"}}";

        Assert.Equal(expected, StorageJson.Deserialize<SequentialPlan>(json).Spending);
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
}
