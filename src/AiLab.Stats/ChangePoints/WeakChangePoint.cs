namespace AiLab.Stats.ChangePoints;

/// <summary>A change point kept by the split step, with the comparison of the segments either side of it.</summary>
internal readonly record struct WeakChangePoint(int Index, SegmentComparison Comparison);
