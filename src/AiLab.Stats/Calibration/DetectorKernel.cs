using System.Runtime.CompilerServices;
using AiLab.Stats.Estimators;

namespace AiLab.Stats.Calibration;

/// <summary>Reusable buffers so that tens of thousands of pseudo-experiments allocate nothing per experiment.</summary>
internal sealed class DetectorKernel(int maxPerSide)
{
    private readonly double[] _bufferA = new double[maxPerSide];
    private readonly double[] _bufferB = new double[maxPerSide];
    private readonly double[] _pooled = new double[2 * maxPerSide];
    private readonly bool[] _fromB = new bool[2 * maxPerSide];

    /// <summary>The statistic on log values; positive when B is larger.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public double Compute(Detector detector, ReadOnlySpan<double> logA, ReadOnlySpan<double> logB) => detector switch
    {
        Detector.WelchLogT => Welch(logA, logB),
        Detector.MannWhitneyZ => MannWhitney(logA, logB),
        Detector.MedianRatioZ => StudentizedMedianDifference(logA, logB),
        _ => throw new ArgumentOutOfRangeException(nameof(detector), detector, "Unknown detector."),
    };

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Welch(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var (meanA, varA) = MeanVariance(a);
        var (meanB, varB) = MeanVariance(b);
        var se = Math.Sqrt((varA / a.Length) + (varB / b.Length));
        var difference = meanB - meanA;
        if (se > 0)
        {
            return difference / se;
        }

        // Constant samples: as WelchTTest, equal means are no evidence and different means are infinite evidence.
        return difference == 0 ? 0 : Math.CopySign(double.PositiveInfinity, difference);
    }

    private static (double Mean, double Variance) MeanVariance(ReadOnlySpan<double> x)
    {
        var sum = 0.0;
        foreach (var v in x)
        {
            sum += v;
        }

        var mean = sum / x.Length;
        var squares = 0.0;
        foreach (var v in x)
        {
            squares += (v - mean) * (v - mean);
        }

        return (mean, squares / (x.Length - 1));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double MannWhitney(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        int m = a.Length, n = b.Length, total = m + n;
        var values = _pooled.AsSpan(0, total);
        var fromB = _fromB.AsSpan(0, total);
        a.CopyTo(values);
        b.CopyTo(values[m..]);
        fromB[..m].Clear();
        fromB[m..].Fill(true);
        values.Sort(fromB);

        var rankSumB = 0.0;
        var tieTerm = 0.0;
        for (var start = 0; start < total;)
        {
            var end = start + 1;
            while (end < total && values[end] == values[start])
            {
                end++;
            }

            var midrank = (start + 1 + end) / 2.0;
            for (var k = start; k < end; k++)
            {
                if (fromB[k])
                {
                    rankSumB += midrank;
                }
            }

            var count = (double)(end - start);
            tieTerm += (count * count * count) - count;
            start = end;
        }

        var u = rankSumB - (n * (n + 1.0) / 2);
        var variance = m * (double)n / 12 * (total + 1 - (tieTerm / (total * (total - 1.0))));
        return variance > 0 ? (u - (m * (double)n / 2)) / Math.Sqrt(variance) : 0;
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private double StudentizedMedianDifference(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        var (medianA, errorA) = MedianAndError(a, _bufferA);
        var (medianB, errorB) = MedianAndError(b, _bufferB);
        var difference = medianB - medianA;
        var se = Math.Sqrt((errorA * errorA) + (errorB * errorB));
        if (se > 0)
        {
            return difference / se;
        }

        return difference == 0 ? 0 : Math.CopySign(double.PositiveInfinity, difference);
    }

    // The median and its standard error √(π/2)·1.4826·MAD/√n.
    private static (double Median, double Error) MedianAndError(ReadOnlySpan<double> x, double[] buffer)
    {
        var span = buffer.AsSpan(0, x.Length);
        x.CopyTo(span);
        var median = Selection.MedianInPlace(span);
        for (var i = 0; i < x.Length; i++)
        {
            span[i] = Math.Abs(x[i] - median);
        }

        var mad = Selection.MedianInPlace(span);
        return (median, 1.2533141373155003 * 1.4826 * mad / Math.Sqrt(x.Length));
    }
}
