namespace MlnetTrain;

/// <summary>One example of the synthetic churn-like data set: two feature groups and a binary label.</summary>
internal sealed class TabularRow
{
    /// <summary>Real-valued features (standard normal before the label is drawn).</summary>
    public float[] Numeric { get; set; } = [];

    /// <summary>Non-negative event counts, on a much larger scale than <see cref="Numeric"/>.</summary>
    public float[] Counts { get; set; } = [];

    /// <summary>The class to predict.</summary>
    public bool Label { get; set; }
}
