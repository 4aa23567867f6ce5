namespace AiLab.Stats.ChangePoints;

/// <summary>A PELT segment cost over one series, with its default penalty.</summary>
internal interface ISegmentCost
{
    /// <summary>The default cost of one more change point for this series.</summary>
    double DefaultPenalty { get; }

    /// <summary>The cost of the segment [start, stop).</summary>
    double Cost(int start, int stop);
}
