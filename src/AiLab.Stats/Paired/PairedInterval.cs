namespace AiLab.Stats.Paired;

/// <summary>A candidate − baseline difference with its percentile interval.</summary>
/// <param name="Estimate">The difference on the examples as measured.</param>
/// <param name="Low">Lower end of the interval.</param>
/// <param name="High">Upper end of the interval.</param>
public sealed record PairedInterval(double Estimate, double Low, double High)
{
    /// <summary>True when the interval lies wholly on one side of zero.</summary>
    public bool ExcludesZero => Low > 0 || High < 0;
}
