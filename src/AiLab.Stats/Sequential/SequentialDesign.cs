using System.Globalization;
using AiLab.Stats.Calibration;
using AiLab.Stats.Distributions;
using AiLab.Stats.SignificanceTesting;

namespace AiLab.Stats.Sequential;

/// <summary>
/// A two-sided group-sequential A/B design that stops early for a change and for no change, keeping the
/// false-positive rate at α under optional stopping at the planned looks.
/// </summary>
/// <remarks>
/// Efficacy: Lan–DeMets error spending (Biometrika 70 (1983) 659–663), O'Brien–Fleming type by default, α/2 per side.
/// No change: a non-binding inner wedge |Z_k| &lt; b_k from β-spending under the design shift (Jennison &amp; Turnbull
/// 2000, §7.2–7.3; Pampallona &amp; Tsiatis, JSPI 42 (1994) 19–35), where β = 1 − power; the boundaries meet at the
/// last look so it always decides. Non-binding: the α boundaries are computed as if the wedge did not exist, so the
/// false-positive rate stays ≤ α even when the lab keeps going past a "no change". The statistic is Welch's t on log
/// values mapped to the z scale through its own t distribution (Jennison &amp; Turnbull 2000, §3.8), divided by the
/// calibration's null inflation (≥ 1) so that a workflow whose null is wider than textbook is judged on its own noise.
/// </remarks>
public sealed class SequentialDesign
{
    private SequentialDesign(
        double alpha, double power, double margin, double logSd, double inflation, SpendingFunction spending,
        int[] looks, double[] efficacy, double[] futility, double drift)
    {
        Alpha = alpha;
        Power = power;
        EquivalenceMargin = margin;
        LogSd = logSd;
        NullInflation = inflation;
        Spending = spending;
        Looks = looks;
        EfficacyBoundaries = efficacy;
        FutilityBoundaries = futility;
        Drift = drift;
        FixedTrials = FixedDesignTrials(alpha, power, margin, logSd, inflation);
    }

    /// <summary>The two-sided false-positive rate (e.g. the budgeted per-experiment rate).</summary>
    public double Alpha { get; }

    /// <summary>The probability of stopping for a regression when B is slower by <see cref="EquivalenceMargin"/>.</summary>
    public double Power { get; }

    /// <summary>The design shift (0.03 = 3%): detected with <see cref="Power"/>; "no change" rules out a change this large.</summary>
    public double EquivalenceMargin { get; }

    /// <summary>The planning value of the noise: sd of log values (from the calibration's <see cref="NoiseProfile.LogSd"/>).</summary>
    public double LogSd { get; }

    /// <summary>The divisor applied to z (≥ 1; the calibration's <see cref="ThresholdSelection.WelchInflation"/>).</summary>
    public double NullInflation { get; }

    /// <summary>The α- and β-spending function.</summary>
    public SpendingFunction Spending { get; }

    /// <summary>Successful trials per variant at each look; the last is the cap.</summary>
    public IReadOnlyList<int> Looks { get; }

    /// <summary>Stop for a change at look k when |z| ≥ this.</summary>
    public IReadOnlyList<double> EfficacyBoundaries { get; }

    /// <summary>Stop for no change at look k when |z| &lt; this (0: not at this look); equals the efficacy boundary at the last look.</summary>
    public IReadOnlyList<double> FutilityBoundaries { get; }

    /// <summary>η: the expected z at the last look under the design shift.</summary>
    public double Drift { get; }

    /// <summary>Trials per variant of the fixed-N design with the same α and power at the design shift.</summary>
    public int FixedTrials { get; }

    /// <summary>The cap: trials per variant at the last look.</summary>
    public int MaxTrials => Looks[^1];

    /// <summary>Plans the looks: the smallest maximum that reaches <paramref name="power"/> at a shift of
    /// <paramref name="equivalenceMargin"/>, split into <paramref name="lookCount"/> equal looks (the first at least
    /// <paramref name="minTrials"/>), capped at <paramref name="maxTrials"/> (the power then drops and says so).</summary>
    /// <exception cref="ArgumentException">A setting is out of range.</exception>
    public static SequentialDesign Plan(
        double alpha, double power, double equivalenceMargin, double logSd, int lookCount = 5, int maxTrials = 200, int minTrials = 5,
        SpendingFunction spending = SpendingFunction.OBrienFleming, double nullInflation = 1)
    {
        ValidateCommon(alpha, equivalenceMargin, logSd, nullInflation);
        if (!(power > alpha && power < 1)) throw new ArgumentException($"power must lie in (alpha, 1), got {power}.", nameof(power));
        if (lookCount < 1 || lookCount > 20) throw new ArgumentException($"lookCount must lie in [1, 20], got {lookCount}.", nameof(lookCount));
        if (minTrials < 3) throw new ArgumentException($"minTrials must be >= 3, got {minTrials}.", nameof(minTrials));
        if (maxTrials < minTrials * lookCount) throw new ArgumentException($"maxTrials ({maxTrials}) must allow " +
            $"{lookCount} looks of at least {minTrials} trials.", nameof(maxTrials));

        var fractions = Enumerable.Range(1, lookCount).Select(k => k / (double)lookCount).ToArray();
        var efficacy = GroupSequentialIntegrator.EfficacyBoundaries(fractions, k => Sequential.Spending.TwoSided(spending, alpha, fractions[k]));
        var beta = 1 - power;
        var drift = SolveMonotone(eta => MeetingGap(fractions, efficacy, eta, beta, spending), 0.01, 60);
        var needed = (int)Math.Ceiling(2 * Math.Pow(drift * logSd * nullInflation / Math.Log(1 + equivalenceMargin), 2));
        var last = Math.Clamp(needed, minTrials * lookCount, maxTrials);
        var looks = Enumerable.Range(1, lookCount).Select(k => Math.Max(minTrials * k, (int)Math.Ceiling(last * k / (double)lookCount))).ToArray();
        return Create(alpha, looks, equivalenceMargin, logSd, spending, nullInflation);
    }

    /// <summary>A design with explicit looks (successful trials per variant at each look, increasing); its power at the
    /// design shift follows from the last look, the noise and the margin.</summary>
    /// <exception cref="ArgumentException">A setting is out of range or the looks do not increase.</exception>
    public static SequentialDesign Create(
        double alpha, IReadOnlyList<int> looks, double equivalenceMargin, double logSd,
        SpendingFunction spending = SpendingFunction.OBrienFleming, double nullInflation = 1)
    {
        ValidateCommon(alpha, equivalenceMargin, logSd, nullInflation);
        ArgumentNullException.ThrowIfNull(looks);
        if (looks.Count == 0 || looks[0] < 3 || looks.Zip(looks.Skip(1)).Any(p => p.Second <= p.First))
            throw new ArgumentException($"looks must increase and start at 3 or more trials per variant, got [{string.Join(", ", looks)}].", nameof(looks));

        var counts = looks.ToArray();
        var fractions = counts.Select(n => n / (double)counts[^1]).ToArray();
        var efficacy = GroupSequentialIntegrator.EfficacyBoundaries(fractions, k => Sequential.Spending.TwoSided(spending, alpha, fractions[k]));
        var drift = Math.Log(1 + equivalenceMargin) / (logSd * nullInflation * Math.Sqrt(2.0 / counts[^1]));
        var beta = SolveMonotone(b => MeetingGap(fractions, efficacy, drift, b, spending), 1e-9, 1 - (alpha / 2));
        var futility = GroupSequentialIntegrator.FutilityBoundaries(
                           fractions, efficacy, drift, k => Sequential.Spending.Cumulative(spending, beta, fractions[k]))
                       ?? new double[counts.Length];
        futility[^1] = efficacy[^1];
        var (upper, _, _) = GroupSequentialIntegrator.Exits(fractions, efficacy, futility, drift);
        return new SequentialDesign(alpha, upper.Sum(), equivalenceMargin, logSd, nullInflation, spending, counts, efficacy, futility, drift);
    }

    /// <summary>Decides look <paramref name="look"/> (0-based) from baseline <paramref name="a"/> and candidate
    /// <paramref name="b"/> (positive values, all successful trials so far; the planned count per variant at this look).</summary>
    /// <exception cref="ArgumentException">The look is out of range, or a sample has fewer than 2 values or a value not positive.</exception>
    public SequentialDecision Evaluate(IReadOnlyList<double> a, IReadOnlyList<double> b, int look)
    {
        if (look < 0 || look >= Looks.Count) throw new ArgumentOutOfRangeException(nameof(look), look, $"The design has looks 0..{Looks.Count - 1}.");
        var logA = DetectorStatistic.Logs(a, nameof(a));
        var logB = DetectorStatistic.Logs(b, nameof(b));
        var welch = WelchTTest.Run(logB, logA);
        var z = ToNormalScale(welch.T, welch.DegreesOfFreedom) / NullInflation;
        var change = 100 * (Math.Exp(logB.Average() - logA.Average()) - 1);
        var c = EfficacyBoundaries[look];
        var inner = FutilityBoundaries[look];
        var last = look == Looks.Count - 1;
        var action = Math.Abs(z) >= c ? (z > 0 ? SequentialAction.StopRegression : SequentialAction.StopImprovement)
            : Math.Abs(z) < inner || last ? SequentialAction.StopNoChange
            : SequentialAction.Continue;

        var where = $"look {look + 1}/{Looks.Count} ({a.Count}+{b.Count} trials, planned {Looks[look]} per variant)";
        var numbers = $"z = {F(z)} (Welch t on logs {F(welch.T)}, df " +
            $"{F(welch.DegreesOfFreedom)}{(NullInflation > 1 ? $", / null inflation {F(NullInflation)}" : "")}), " +
            $"change {F(change)}%";
        var reason = action switch
        {
            SequentialAction.StopRegression or SequentialAction.StopImprovement =>
                $"{where}: {numbers}; |z| >= {F(c)}, the {Spending} boundary spending α = {F(Alpha)}",
            SequentialAction.StopNoChange when Math.Abs(z) < inner =>
                $"{where}: {numbers}; |z| < {F(inner)}: a change of ±{F(100 * EquivalenceMargin)}% is ruled out (power {F(Power)})",
            _ => $"{where}: {numbers}; {F(inner)} <= |z| < {F(c)}: not clear yet, run the next look ({Looks[Math.Min(look + 1, Looks.Count - 1)]} per variant)",
        };
        return new SequentialDecision
        {
            Action = action, Look = look, Statistic = z, Boundary = c, FutilityBoundary = inner, ChangePct = change,
            TrialsA = a.Count, TrialsB = b.Count, Reason = reason,
        };
    }

    /// <summary>The expected trials per variant when B is slower by <paramref name="shift"/> (0: no change), by
    /// numerical integration over the looks, assuming the noise is <see cref="LogSd"/>.</summary>
    public double ExpectedTrials(double shift)
    {
        var fractions = Looks.Select(n => n / (double)MaxTrials).ToArray();
        var eta = Math.Log(1 + shift) / (LogSd * NullInflation * Math.Sqrt(2.0 / MaxTrials));
        var (upper, lower, inner) = GroupSequentialIntegrator.Exits(fractions, EfficacyBoundaries.ToArray(), FutilityBoundaries.ToArray(), eta);
        var expected = 0.0;
        var remaining = 1.0;
        for (var k = 0; k < Looks.Count - 1; k++)
        {
            var stop = upper[k] + lower[k] + inner[k];
            expected += stop * Looks[k];
            remaining -= stop;
        }

        return expected + (Math.Max(0, remaining) * MaxTrials);
    }

    /// <summary>Trials per variant of a fixed design: 2(σ·inflation)²(z_{1−α/2} + z_power)² / ln(1 + margin)².</summary>
    public static int FixedDesignTrials(double alpha, double power, double equivalenceMargin, double logSd, double nullInflation = 1)
    {
        var z = NormalDistribution.Quantile(1 - (alpha / 2)) + NormalDistribution.Quantile(power);
        return (int)Math.Ceiling(2 * Math.Pow(z * logSd * nullInflation / Math.Log(1 + equivalenceMargin), 2));
    }

    /// <summary>A t statistic with <paramref name="df"/> degrees of freedom mapped to the z with the same tail
    /// probability (Jennison &amp; Turnbull 2000, §3.8).</summary>
    public static double ToNormalScale(double t, double df)
    {
        if (double.IsInfinity(t))
        {
            return t;
        }

        // Work in the lower tail, where the probability keeps its relative accuracy.
        var lower = StudentTDistribution.Cdf(-Math.Abs(t), df);
        var z = -NormalDistribution.Quantile(lower);
        return Math.CopySign(Math.Min(z, 40), t);
    }

    // b_K − c_K for a drift and β: increasing in both, zero where the inner wedge meets the efficacy boundary.
    private static double MeetingGap(double[] fractions, double[] efficacy, double eta, double beta, SpendingFunction spending)
    {
        var futility = GroupSequentialIntegrator.FutilityBoundaries(
            fractions, efficacy, eta, k => Sequential.Spending.Cumulative(spending, beta, fractions[k]));
        return futility is null ? 1 : futility[^1] - efficacy[^1];
    }

    private static double SolveMonotone(Func<double, double> increasing, double low, double high)
    {
        if (increasing(high) < 0)
        {
            return high;
        }

        if (increasing(low) > 0)
        {
            return low;
        }

        for (var i = 0; i < 50 && high - low > 1e-7 * Math.Max(1, Math.Abs(high)); i++)
        {
            var middle = (low + high) / 2;
            if (increasing(middle) < 0)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return (low + high) / 2;
    }

    private static void ValidateCommon(double alpha, double margin, double logSd, double inflation)
    {
        if (!(alpha > 0 && alpha < 0.5)) throw new ArgumentException($"alpha must lie in (0, 0.5), got {alpha}.", nameof(alpha));
        if (!(margin > 0 && margin < 1)) throw new ArgumentException($"the equivalence margin must lie in (0, 1) (0.03 = 3%), got {margin}.", nameof(margin));
        if (!(logSd > 0 && double.IsFinite(logSd))) throw new ArgumentException($"the noise (sd of log values) must be positive, got {logSd}.", nameof(logSd));
        if (!(inflation >= 1 && double.IsFinite(inflation))) throw new ArgumentException($"the null inflation must " +
            $"be >= 1, got {inflation}.", nameof(inflation));
    }

    private static string F(double v) => v.ToString("0.###", CultureInfo.InvariantCulture);
}
