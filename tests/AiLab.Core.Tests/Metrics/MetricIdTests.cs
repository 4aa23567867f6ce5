using System.Text.Json;
using AiLab.Core.Metrics;

namespace AiLab.Core.Tests.Metrics;

public sealed class MetricIdTests
{
    [Theory]
    [InlineData("ttfb", "ms")]
    [InlineData("cpu_time", "ms")]
    [InlineData("phase:config_validation", "ms")]
    [InlineData("peak_rss", "MiB")]
    public void Unit_EachMetric_IsWhatReportsHaveAlwaysWritten(string name, string symbol) =>
        Assert.Equal(symbol, MetricId.Of(name).Unit.Symbol);

    [Fact]
    public void Phase_Name_RoundTripsThroughTheWireName()
    {
        var phase = MetricId.Phase("imports");

        Assert.Equal("phase:imports", phase.Name);
        Assert.True(phase.IsPhase);
        Assert.Equal("imports", phase.PhaseName);
        Assert.Equal(phase, MetricId.Of("phase:imports"));
        Assert.False(MetricId.Ttfb.IsPhase);
        Assert.Null(MetricId.Ttfb.PhaseName);
    }

    [Fact]
    public void IsTime_MillisecondsAndMebibytes_TellDurationsFromSizes()
    {
        Assert.True(MetricUnit.Milliseconds.IsTime);
        Assert.False(MetricUnit.Mebibytes.IsTime);
        Assert.Equal(MetricUnit.Mebibytes, MetricUnit.Parse("MiB"));
        Assert.Null(MetricUnit.Parse("seconds"));
    }

    [Fact]
    public void Serialize_Unit_IsItsSymbolAsBefore()
    {
        var json = JsonSerializer.Serialize(new { unit = MetricUnit.Milliseconds });

        Assert.Equal("""{"unit":"ms"}""", json);
        Assert.Equal(MetricUnit.Mebibytes, JsonSerializer.Deserialize<MetricUnit>("\"MiB\""));
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<MetricUnit>("\"kg\""));
    }
}
