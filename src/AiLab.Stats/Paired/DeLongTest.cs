using AiLab.Stats.Classification;
using AiLab.Stats.Distributions;

namespace AiLab.Stats.Paired;

/// <summary>
/// DeLong's test for two AUROCs measured on the same examples (E. R. DeLong, D. M. DeLong &amp; D. L. Clarke-Pearson,
/// "Comparing the areas under two or more correlated receiver operating characteristic curves: a nonparametric
/// approach", Biometrics 44 (1988) 837–845), with the structural components computed from mid-ranks in
/// O(n log n) as in X. Sun &amp; W. Xu, "Fast implementation of DeLong's algorithm", IEEE Signal Processing Letters 21
/// (2014) 1389–1393.
/// </summary>
public static class DeLongTest
{
    /// <summary>Compares the AUROCs of two score vectors against the same labels.</summary>
    /// <exception cref="ArgumentException">Mismatched lengths, non-finite scores, or fewer than 2 of a class.</exception>
    public static DeLongResult Compute(
        ReadOnlySpan<bool> labels, ReadOnlySpan<double> baseline, ReadOnlySpan<double> candidate, double confidence = 0.95)
    {
        BinaryInput.Check(labels, baseline);
        BinaryInput.Check(labels, candidate);
        var (m, n) = BinaryInput.Count(labels);
        if (m < 2 || n < 2)
            throw new ArgumentException($"DeLong needs at least 2 examples of each class, got {m} positive and {n} negative.", nameof(labels));

        var (aucA, v10A, v01A) = Components(labels, baseline, m, n);
        var (aucB, v10B, v01B) = Components(labels, candidate, m, n);
        var s10 = Covariance(v10A, v10B, aucA, aucB);
        var s01 = Covariance(v01A, v01B, aucA, aucB);
        var variance = ((s10.Aa + s10.Bb - (2 * s10.Ab)) / m) + ((s01.Aa + s01.Bb - (2 * s01.Ab)) / n);
        var se = Math.Sqrt(Math.Max(variance, 0));
        var difference = aucB - aucA;
        var z = se > 0 ? difference / se : 0;
        var p = se > 0 ? 2 * NormalDistribution.Cdf(-Math.Abs(z)) : 1;
        var q = NormalDistribution.Quantile(1 - ((1 - confidence) / 2));
        return new DeLongResult(aucA, aucB, difference, se, z, p, difference - (q * se), difference + (q * se));
    }

    // Sun & Xu, eq. 8–9: with Tz the mid-ranks among all examples and Tx/Ty those within the positives/negatives,
    // V10ᵢ = (Tzᵢ − Txᵢ)/n for a positive and V01ⱼ = 1 − (Tzⱼ − Tyⱼ)/m for a negative.
    private static (double Auc, double[] V10, double[] V01) Components(ReadOnlySpan<bool> labels, ReadOnlySpan<double> scores, int m, int n)
    {
        var positives = new double[m];
        var negatives = new double[n];
        int p = 0, q = 0;
        for (var i = 0; i < labels.Length; i++)
        {
            if (labels[i]) positives[p++] = scores[i];
            else negatives[q++] = scores[i];
        }

        var combined = new double[m + n];
        positives.CopyTo(combined, 0);
        negatives.CopyTo(combined, m);
        var tx = MidRanks.Of(positives);
        var ty = MidRanks.Of(negatives);
        var tz = MidRanks.Of(combined);
        var v10 = new double[m];
        var v01 = new double[n];
        double sum = 0;
        for (var i = 0; i < m; i++)
        {
            v10[i] = (tz[i] - tx[i]) / n;
            sum += v10[i];
        }

        for (var j = 0; j < n; j++) v01[j] = 1 - ((tz[m + j] - ty[j]) / m);
        return (sum / m, v10, v01);
    }

    private static (double Aa, double Bb, double Ab) Covariance(double[] a, double[] b, double meanA, double meanB)
    {
        double aa = 0, bb = 0, ab = 0;
        for (var i = 0; i < a.Length; i++)
        {
            var da = a[i] - meanA;
            var db = b[i] - meanB;
            aa += da * da;
            bb += db * db;
            ab += da * db;
        }

        var d = a.Length - 1;
        return (aa / d, bb / d, ab / d);
    }
}
