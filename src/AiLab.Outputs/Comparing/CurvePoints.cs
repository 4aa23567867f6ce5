namespace AiLab.Outputs.Comparing;

/// <summary>A curve as two parallel arrays, in drawing order (compact in the stored JSON).</summary>
/// <param name="X">False-positive rate (ROC) or recall (PR).</param>
/// <param name="Y">True-positive rate (ROC) or precision (PR).</param>
public sealed record CurvePoints(double[] X, double[] Y)
{
    /// <summary>How many points.</summary>
    public int Count => X.Length;
}
