namespace AiLab.Stats.Tests;

/// <summary>Assertions on floating-point results with a stated tolerance and a message that shows both numbers.</summary>
internal static class Tolerance
{
    /// <summary>Asserts |actual − expected| ≤ relative·|expected| + absolute.</summary>
    public static void Close(double expected, double actual, double relative, double absolute = 0, string? what = null)
    {
        var allowed = (relative * Math.Abs(expected)) + absolute;
        var error = Math.Abs(actual - expected);
        Assert.True(
            error <= allowed || expected.Equals(actual),
            $"{what ?? "value"}: expected {expected:R}, got {actual:R} (error {error:E3}, allowed {allowed:E3})");
    }
}
