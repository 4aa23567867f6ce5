namespace AiLab.Stats.Classification;

/// <summary>How far two models' outputs on the same examples agree.</summary>
/// <param name="FlipShare">Share of examples whose decision at the threshold differs between the sides.</param>
/// <param name="Flips">How many examples flipped.</param>
/// <param name="ScoreCorrelation">Pearson correlation of the two sides' scores; NaN when one side is constant.</param>
/// <param name="LargestScoreChange">The largest |candidate − baseline| score over the examples.</param>
/// <param name="LargestChangeIndex">The example with that change (first one on ties).</param>
public sealed record Agreement(double FlipShare, long Flips, double ScoreCorrelation, double LargestScoreChange, int LargestChangeIndex)
{
    /// <summary>Compares two sides' scores on the same examples, decisions being <c>score ≥ threshold</c>.</summary>
    public static Agreement Compute(ReadOnlySpan<double> baseline, ReadOnlySpan<double> candidate, double threshold)
    {
        if (baseline.Length != candidate.Length)
            throw new ArgumentException($"{baseline.Length} baseline scores but {candidate.Length} candidate scores.", nameof(candidate));
        if (baseline.IsEmpty) throw new ArgumentException("No examples.", nameof(baseline));
        long flips = 0;
        double largest = -1;
        var largestIndex = 0;
        double meanA = 0, meanB = 0;
        for (var i = 0; i < baseline.Length; i++)
        {
            if ((baseline[i] >= threshold) != (candidate[i] >= threshold)) flips++;
            var change = Math.Abs(candidate[i] - baseline[i]);
            if (change > largest)
            {
                largest = change;
                largestIndex = i;
            }

            meanA += baseline[i];
            meanB += candidate[i];
        }

        meanA /= baseline.Length;
        meanB /= baseline.Length;

        // Two-pass (centred) sums keep the correlation accurate when scores sit close together.
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < baseline.Length; i++)
        {
            var a = baseline[i] - meanA;
            var b = candidate[i] - meanB;
            sab += a * b;
            saa += a * a;
            sbb += b * b;
        }

        var correlation = saa == 0 || sbb == 0 ? double.NaN : sab / Math.Sqrt(saa * sbb);
        return new Agreement(flips / (double)baseline.Length, flips, correlation, largest, largestIndex);
    }
}
