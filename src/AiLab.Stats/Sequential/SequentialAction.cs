namespace AiLab.Stats.Sequential;

/// <summary>What a sequential experiment should do after a look.</summary>
public enum SequentialAction
{
    /// <summary>The answer is not clear yet: run the trials of the next look.</summary>
    Continue,

    /// <summary>B is slower: the statistic crossed the upper efficacy boundary.</summary>
    StopRegression,

    /// <summary>B is faster: the statistic crossed the lower efficacy boundary.</summary>
    StopImprovement,

    /// <summary>A change as large as the design's margin is ruled out: the statistic fell inside the inner boundary
    /// (or the last look was reached without crossing).</summary>
    StopNoChange,
}
