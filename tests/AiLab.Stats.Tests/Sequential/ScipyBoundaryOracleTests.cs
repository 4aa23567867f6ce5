using System.Diagnostics;
using System.Globalization;
using AiLab.Stats.Sequential;

namespace AiLab.Stats.Tests.Sequential;

/// <summary>
/// Checks the numerical integration against an independent method: scipy's multivariate normal CDF (Genz's
/// algorithm) over the joint distribution of (Z_1..Z_K), corr(Z_i, Z_j) = √(t_i/t_j), computed by /usr/bin/python3.
/// </summary>
public sealed class ScipyBoundaryOracleTests
{
    private const string Script = """
        import sys, json, numpy as np
        from scipy.stats import multivariate_normal
        t = np.array(json.loads(sys.argv[1])); c = np.array(json.loads(sys.argv[2]))
        out = []
        for k in range(1, len(t) + 1):
            tk = t[:k]; cov = np.sqrt(np.minimum.outer(tk, tk) / np.maximum.outer(tk, tk))
            p = multivariate_normal.cdf(c[:k], mean=np.zeros(k), cov=cov, abseps=1e-9, releps=1e-7, maxpts=1000000, lower_limit=-c[:k]) if k > 1 else 1 - 2 * (1 - __import__('scipy.stats').stats.norm.cdf(c[0]))
            out.append(1 - p)
        print(json.dumps(out))
        """;

    // Genz's algorithm needs millions of points for the tiny probabilities of O'Brien–Fleming boundaries at many looks
    // (with 10⁶ points it misses the 4-look value at α = 0.001 by 2%), so that case is checked at three looks.
    [Theory]
    [InlineData(0.001, SpendingFunction.OBrienFleming, 3)]
    [InlineData(0.01, SpendingFunction.Pocock, 5)]
    public void AlphaSpending_CumulativeCrossing_MatchesScipyAtEveryLook(double alpha, SpendingFunction spending, int looks)
    {
        var fractions = Enumerable.Range(1, looks).Select(k => k / (double)looks).ToArray();
        var boundaries = GroupSequentialBoundaries.AlphaSpending(fractions, alpha, spending);

        var cumulative = RunScipy(fractions, boundaries);

        for (var k = 0; k < fractions.Length; k++)
        {
            // What the spending function promised by look k (α/2 per side).
            var promised = spending == SpendingFunction.Pocock
                ? alpha * Math.Log(1 + ((Math.E - 1) * fractions[k]))
                : 4 * AiLab.Stats.Distributions.NormalDistribution.Cdf(-AiLab.Stats.Distributions.NormalDistribution.Quantile(1 - (alpha / 4)) / Math.Sqrt(fractions[k]));
            Tolerance.Close(promised, cumulative[k], relative: 0.01, absolute: 2e-6, what: $"cumulative α by look {k + 1}");
        }
    }

    private static double[] RunScipy(double[] fractions, double[] boundaries)
    {
        string Json(double[] v) => "[" + string.Join(",", v.Select(x => x.ToString("R", CultureInfo.InvariantCulture))) + "]";
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(Script);
        start.ArgumentList.Add(Json(fractions));
        start.ArgumentList.Add(Json(boundaries));
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEnd();
        var stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr);
        return System.Text.Json.JsonSerializer.Deserialize<double[]>(stdout)!;
    }
}
