namespace AiLab.Stats.Classification;

/// <summary>Expected calibration error of probability scores.</summary>
public static class CalibrationError
{
    /// <summary>The number of equal-width bins used unless told otherwise (Guo et al. 2017 use 15; 10 is the
    /// more common reporting default and what the oracle script computes).</summary>
    public const int DefaultBins = 10;

    /// <summary>
    /// ECE = Σ_b (n_b / N)·|mean label in b − mean score in b| over equal-width bins of [0, 1], bin b holding the
    /// scores in (b/B, (b+1)/B] and bin 0 also holding 0 (Naeini, Cooper &amp; Hauskrecht, AAAI 2015; Guo, Pleiss,
    /// Sun &amp; Weinberger, ICML 2017, eq. 3).
    /// </summary>
    /// <exception cref="ArgumentException">A score outside [0, 1]: ECE needs probabilities.</exception>
    public static double Expected(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, int bins = DefaultBins)
    {
        BinaryInput.Check(labels, scores);
        if (bins < 1) throw new ArgumentException($"bins must be at least 1, got {bins}.", nameof(bins));
        var count = new long[bins];
        var scoreSum = new double[bins];
        var labelSum = new double[bins];
        for (var i = 0; i < scores.Length; i++)
        {
            var p = scores[i];
            if (p is < 0 or > 1)
                throw new ArgumentException($"Score {i} is {p}; calibration error needs probabilities in [0, 1].", nameof(scores));
            var bin = Math.Clamp((int)Math.Ceiling(p * bins) - 1, 0, bins - 1);
            count[bin]++;
            scoreSum[bin] += p;
            labelSum[bin] += labels[i] ? 1 : 0;
        }

        double ece = 0;
        for (var b = 0; b < bins; b++)
        {
            if (count[b] == 0) continue;
            ece += Math.Abs((labelSum[b] - scoreSum[b]) / count[b]) * count[b] / scores.Length;
        }

        return ece;
    }
}
