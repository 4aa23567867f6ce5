using AiLab.Core.Workflows;

namespace AiLab.Core.Tests.Workflows;

public class DurationParserTests
{
    [Theory]
    [InlineData("250ms", 250)]
    [InlineData("90s", 90_000)]
    [InlineData("5m", 300_000)]
    [InlineData("1h", 3_600_000)]
    [InlineData("1h30m", 5_400_000)]
    [InlineData("1.5s", 1_500)]
    [InlineData("2m30s", 150_000)]
    [InlineData("1h0m1s500ms", 3_601_500)]
    [InlineData("0.5ms", 0.5)]
    public void TryParse_ValidText_ReturnsDuration(string text, double milliseconds)
    {
        Assert.True(DurationParser.TryParse(text, out var value));
        Assert.Equal(TimeSpan.FromTicks((long)(milliseconds * TimeSpan.TicksPerMillisecond)), value);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("-5m")]
    [InlineData("0s")]
    [InlineData("0h0m")]
    [InlineData("300")]
    [InlineData("5min")]
    [InlineData("5d")]
    [InlineData("5M")]
    [InlineData("5 m")]
    [InlineData("m")]
    [InlineData(".5s")]
    [InlineData("1.s")]
    [InlineData("1.2.3s")]
    [InlineData("5m5m")]
    [InlineData("30m1h")]
    [InlineData("1h30")]
    [InlineData("99999999999999999999999999h")]
    public void TryParse_InvalidText_ReturnsFalse(string text)
    {
        Assert.False(DurationParser.TryParse(text, out var value));
        Assert.Equal(TimeSpan.Zero, value);
    }

    [Theory]
    [InlineData("300", "no unit")]
    [InlineData("-5m", "negative")]
    [InlineData("0s", "greater than zero")]
    [InlineData("5min", "unknown unit 'min'")]
    [InlineData("30m1h", "largest to smallest")]
    public void TryParse_InvalidText_SaysWhy(string text, string reason)
    {
        Assert.False(DurationParser.TryParse(text, out _, out var problem));
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }
}
