using AiLab.Stats.Distributions;

namespace AiLab.Stats.Sequential;

/// <summary>
/// Exit probabilities of a two-sided group-sequential test with an inner "no change" wedge, by recursive numerical
/// integration of the joint distribution of the z-statistics (Armitage, McPherson &amp; Rowe, JRSS A 132 (1969)
/// 235–244; C. Jennison &amp; B. W. Turnbull, <i>Group Sequential Methods with Applications to Clinical Trials</i>, 2000,
/// ch. 19). Information is normalised to 1 at the last planned look; Z_k ~ N(η√t_k, 1) with independent increments
/// of the score Z_k√t_k. Continuation at look k is b_k &lt; |Z_k| &lt; c_k (b_k = 0: no early "no change").
/// </summary>
internal static class GroupSequentialIntegrator
{
    private const double Step = 0.04; // Simpson step in z; the densities are smooth, so the error is ~1e-9
    private const double Reach = 9; // integrate within ±9 sd of the mean; beyond it the mass is < 1e-18
    private const double Never = 40; // a boundary no z-statistic reaches

    /// <summary>Symmetric efficacy boundaries c_k that spend <paramref name="cumulativeAlpha"/>(k) by look k under
    /// θ = 0, ignoring any futility boundary (so that it may be non-binding).</summary>
    public static double[] EfficacyBoundaries(IReadOnlyList<double> t, Func<int, double> cumulativeAlpha)
    {
        var c = new double[t.Count];
        var grid = Grid.Start();
        var spent = 0.0;
        for (var k = 0; k < t.Count; k++)
        {
            var previousT = k == 0 ? 0 : t[k - 1];
            var target = cumulativeAlpha(k) - spent;
            var g = grid;
            double Crossing(double boundary) =>
                g.Probability(double.NegativeInfinity, -boundary, previousT, t[k], 0)
                + g.Probability(boundary, double.PositiveInfinity, previousT, t[k], 0);
            c[k] = target <= 1e-15 ? Never : Solve(Crossing, target, 0, Never, decreasing: true);
            spent += Crossing(c[k]);
            grid = grid.Next(Region(c[k], 0), previousT, t[k], 0);
        }

        return c;
    }

    /// <summary>Inner boundaries b_k that spend <paramref name="cumulativeBeta"/>(k) of "stop for no change" under drift
    /// η (the design shift), given the efficacy boundaries. At the last look b is not capped, so the caller can find
    /// the drift or β at which it meets c_K. Returns null when some earlier b_k would reach c_k (η too large).</summary>
    public static double[]? FutilityBoundaries(IReadOnlyList<double> t, IReadOnlyList<double> c, double eta, Func<int, double> cumulativeBeta)
    {
        var b = new double[t.Count];
        var grid = Grid.Start();
        var spent = 0.0;
        for (var k = 0; k < t.Count; k++)
        {
            var previousT = k == 0 ? 0 : t[k - 1];
            var target = cumulativeBeta(k) - spent;
            var g = grid;
            var tk = t[k];
            double Accept(double boundary) => g.Probability(-boundary, boundary, previousT, tk, eta);
            var last = k == t.Count - 1;
            var cap = last ? Never : c[k];
            if (target <= 0)
            {
                // Nothing left to spend: no early stop here, and at the last look β is already overspent (β too large).
                b[k] = last ? Never : 0;
            }
            else if (Accept(cap) <= target)
            {
                if (!last)
                {
                    return null;
                }

                b[k] = cap;
            }
            else
            {
                b[k] = Solve(Accept, target, 0, cap, decreasing: false);
            }

            spent += Accept(b[k]);
            if (!last)
            {
                grid = grid.Next(Region(c[k], b[k]), previousT, tk, eta);
            }
        }

        return b;
    }

    /// <summary>Per-look probabilities of stopping above c_k, below −c_k, and inside ±b_k, under drift η.</summary>
    public static (double[] Upper, double[] Lower, double[] Inner) Exits(IReadOnlyList<double> t, IReadOnlyList<double> c, IReadOnlyList<double> b, double eta)
    {
        var upper = new double[t.Count];
        var lower = new double[t.Count];
        var inner = new double[t.Count];
        var grid = Grid.Start();
        for (var k = 0; k < t.Count; k++)
        {
            var previousT = k == 0 ? 0 : t[k - 1];
            upper[k] = grid.Probability(c[k], double.PositiveInfinity, previousT, t[k], eta);
            lower[k] = grid.Probability(double.NegativeInfinity, -c[k], previousT, t[k], eta);
            inner[k] = b[k] > 0 ? grid.Probability(-b[k], b[k], previousT, t[k], eta) : 0;
            grid = grid.Next(Region(c[k], b[k]), previousT, t[k], eta);
        }

        return (upper, lower, inner);
    }

    private static (double Low, double High)[] Region(double c, double b) =>
        b > 0 ? [(-c, -b), (b, c)] : [(-c, c)];

    /// <summary>Bisection for f(x) = target on a monotone f.</summary>
    private static double Solve(Func<double, double> f, double target, double low, double high, bool decreasing)
    {
        for (var i = 0; i < 100 && high - low > 1e-10; i++)
        {
            var middle = (low + high) / 2;
            var above = f(middle) > target;
            if (above == decreasing)
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

    /// <summary>The sub-density of Z at one look over the continuation region, on Simpson nodes (weights included).</summary>
    private sealed class Grid(double[] z, double[] weightedDensity)
    {
        /// <summary>The state before the first look: all mass at Z = 0 with t = 0.</summary>
        public static Grid Start() => new([0], [1]);

        /// <summary>P(Z_next ∈ (low, high), not stopped before) given this look at fraction tPrevious.</summary>
        public double Probability(double low, double high, double tPrevious, double t, double eta)
        {
            var (scale, sd, driftTerm) = Transition(tPrevious, t, eta);
            var sum = 0.0;
            for (var i = 0; i < z.Length; i++)
            {
                var mean = (z[i] * scale) + driftTerm;
                sum += weightedDensity[i] * Between(low, high, mean, sd);
            }

            return sum;
        }

        /// <summary>The sub-density at the next look, restricted to its continuation region.</summary>
        public Grid Next((double Low, double High)[] region, double tPrevious, double t, double eta)
        {
            var (scale, sd, driftTerm) = Transition(tPrevious, t, eta);
            var center = eta * Math.Sqrt(t);
            var nodes = new List<double>();
            var weights = new List<double>();
            foreach (var (rawLow, rawHigh) in region)
            {
                var low = Math.Max(rawLow, center - Reach);
                var high = Math.Min(rawHigh, center + Reach);
                if (!(high > low))
                {
                    continue;
                }

                var intervals = 2 * Math.Max(1, (int)Math.Ceiling((high - low) / (2 * Step)));
                var h = (high - low) / intervals;
                for (var j = 0; j <= intervals; j++)
                {
                    nodes.Add(low + (j * h));
                    weights.Add(h / 3 * (j == 0 || j == intervals ? 1 : j % 2 == 1 ? 4 : 2));
                }
            }

            var next = new double[nodes.Count];
            var norm = 1 / (sd * Math.Sqrt(2 * Math.PI));
            for (var j = 0; j < next.Length; j++)
            {
                var density = 0.0;
                for (var i = 0; i < z.Length; i++)
                {
                    var u = (nodes[j] - ((z[i] * scale) + driftTerm)) / sd;
                    density += weightedDensity[i] * Math.Exp(-0.5 * u * u);
                }

                next[j] = density * norm * weights[j];
            }

            return new Grid(nodes.ToArray(), next);
        }

        // Z_t = (Z_s·√s + η(t − s) + N(0, t − s)) / √t.
        private static (double Scale, double Sd, double DriftTerm) Transition(double s, double t, double eta) =>
            (Math.Sqrt(s / t), Math.Sqrt((t - s) / t), eta * (t - s) / Math.Sqrt(t));

        private static double Between(double low, double high, double mean, double sd)
        {
            if (double.IsNegativeInfinity(low))
            {
                return NormalDistribution.Cdf((high - mean) / sd);
            }

            if (double.IsPositiveInfinity(high))
            {
                return NormalDistribution.Cdf((mean - low) / sd);
            }

            // Subtract in the tail where both terms are small, so neither cancels.
            return low > mean
                ? NormalDistribution.Cdf((mean - low) / sd) - NormalDistribution.Cdf((mean - high) / sd)
                : NormalDistribution.Cdf((high - mean) / sd) - NormalDistribution.Cdf((low - mean) / sd);
        }
    }
}
