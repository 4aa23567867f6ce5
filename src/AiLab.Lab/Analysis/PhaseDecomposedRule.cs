using System.Globalization;
using AiLab.Core.Verdicts;
using AiLab.Stats.MultipleTesting;

namespace AiLab.Lab.Analysis;

/// <summary>Decides the overall verdict from TTFB and the phases that make it up, tested together as one family so
/// that the chance of any false alarm stays at the family's level.</summary>
/// <remarks>
/// TTFB is a sum of phases, and most of its noise usually sits in a phase the change did not touch (<c>import torch</c>
/// on a busy machine). Testing the sum alone lets that noise hide an exact shift elsewhere. Here every member of the
/// family {ttfb, phase:*} (the phases up to <c>first_batch</c>) is tested by its Welch-on-logs p-value, and Holm's
/// step-down procedure (Holm 1979; see <see cref="HolmStepDown"/>) keeps the family-wise false-alarm rate at the level
/// whatever the correlation between TTFB and its phases. Mann–Whitney must still agree at α, as for a single metric:
/// that only removes rejections, so the rate stays bounded. (Holm on the larger of the two p-values would be valid too,
/// but Mann–Whitney's exact p-value cannot go below 2 / C(2n, n) — 0.0022 at six trials per side — so no phase
/// could ever pass α/6 in a short bisection step.)
/// <list type="bullet">
/// <item>TTFB decides as before when its change passes its Holm level (when TTFB has its own calibrated or sequential
/// test, that test decides it, and the phases form a Holm family of their own at the mode's level).</item>
/// <item>Otherwise a phase decides when it passes its Holm level, its difference interval excludes 0 with the bound
/// nearer 0 at least the minimum effect of A's TTFB median in ms (at most <see cref="VerdictPolicy.MinEffectCapMs"/>),
/// no other significant phase moved the other way by
/// half as much or more (work moved, not added), and TTFB's own interval does not lie wholly the other way.</item>
/// <item>The TTFB change is then estimated by the significant phases' net shift in ms (their intervals summed) over
/// A's TTFB median: the unchanged phases contribute their noise to TTFB but nothing to its expected change, so
/// leaving them out is the control-variate idea (Deng et al. 2013) with the phases as their own controls.</item>
/// </list>
/// A change in unmarked time moves no phase and still comes out through TTFB. Where A and B ran side by side in blocks
/// the members' p-values are those of the paired test and the rank check is Wilcoxon's (<see cref="PairedComparer"/>).
/// <para>CPU time of CPU-bound phases (<see cref="CpuBoundPhases"/>): a neighbour's load stretches a phase's wall time
/// while the phase waits for a core, but hardly its CPU time, so on a busy machine a regression in a phase that
/// computes is clearer in CPU than in wall time. Such a phase's <c>phase_cpu:</c> metric joins the Holm family (the
/// family grows, so the family-wise rate holds) and may decide in place of its wall-clock phase when the wall phase
/// did not, under the same conditions, and only when the wall phase's own interval does not contradict it (for a
/// regression, its upper bound reaches the CPU shift's lower bound): a change that swapped a sleep for a spin moves
/// CPU but not wall, and on a quiet machine the wall interval rules it out. TTFB stays wall-clock; the CPU shift of a
/// phase that runs on one core at a time is then the estimate of its share of TTFB's change (added work on one core
/// adds at least that much wall time on an idle machine).</para>
/// </remarks>
public static class PhaseDecomposedRule
{
    /// <summary>The rule's wire name.</summary>
    public const string Name = "phase_decomposed_holm";

    /// <summary>An opposite significant phase change of at least this share of the deciding phase's change offsets
    /// it.</summary>
    public const double OffsetShare = 0.5;

    /// <summary>The phases that make up TTFB, as metric names: those marked up to and including <c>first_batch</c>
    /// (marks after it, such as <c>done</c>, are kept but are not part of TTFB).</summary>
    public static IReadOnlyList<string> FamilyPhases(IReadOnlyList<string> phaseOrder)
    {
        ArgumentNullException.ThrowIfNull(phaseOrder);
        var end = phaseOrder.ToList().IndexOf("first_batch");
        var inTtfb = end < 0 ? phaseOrder : phaseOrder.Take(end + 1).ToList();
        return inTtfb.Select(p => MetricCatalog.PhasePrefix + p).ToList();
    }

    /// <summary>The family's decision over <paramref name="metrics"/> (which must hold <c>ttfb</c>).</summary>
    /// <param name="metrics">Every metric's comparison; TTFB's verdict is that of its own test (default, calibrated
    /// or sequential).</param>
    /// <param name="familyPhases">The phase metrics that make up TTFB (<see cref="FamilyPhases"/>).</param>
    /// <param name="level">The family-wise level.</param>
    /// <param name="ttfbInFamily">True when TTFB's own verdict came from its p-value (the defaults) and is tested in
    /// the Holm family; false when a calibrated or sequential test decided it at its own level.</param>
    /// <param name="policy">The minimum effect.</param>
    /// <param name="cpuPhases">The <c>phase_cpu:</c> metrics of CPU-bound phases (<see cref="CpuBoundPhases"/>) that
    /// join the family; none by default.</param>
    public static FamilyDecision Decide(
        IReadOnlyList<MetricComparison> metrics,
        IReadOnlyList<string> familyPhases,
        double level,
        bool ttfbInFamily,
        VerdictPolicy policy,
        IReadOnlyList<string>? cpuPhases = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        ArgumentNullException.ThrowIfNull(familyPhases);
        ArgumentNullException.ThrowIfNull(policy);
        var updated = metrics.ToList();
        var ttfbIndex = updated.FindIndex(m => m.Name == MetricCatalog.Ttfb);
        if (ttfbIndex < 0) throw new ArgumentException("the family needs a ttfb comparison", nameof(metrics));
        var phaseIndices = Enumerable.Range(0, updated.Count)
            .Where(i => familyPhases.Contains(updated[i].Name)).ToList();
        var cpuIndices = Enumerable.Range(0, updated.Count)
            .Where(i => cpuPhases?.Contains(updated[i].Name) == true
                        && familyPhases.Contains(MetricCatalog.WallOf(updated[i].Name))).ToList();
        var family = (ttfbInFamily ? new[] { ttfbIndex } : []).Concat(phaseIndices).Concat(cpuIndices).ToList();
        var adjusted = HolmStepDown.Adjust(family.Select(i => FamilyP(updated[i])).ToList());
        for (var k = 0; k < family.Count; k++) updated[family[k]] = updated[family[k]] with { AdjustedP = adjusted[k] };

        var ttfb = updated[ttfbIndex];
        if (ttfbInFamily && IsChange(ttfb.Verdict) && !(ttfb.AdjustedP <= level))
        {
            ttfb = ttfb with
            {
                Verdict = Verdict.Inconclusive,
                Reason = $"{ttfb.Reason}; but its Holm-adjusted p={P(ttfb.AdjustedP)} > {F(level)} " +
                         $"in the family of {family.Count} (TTFB and its phases), so the change is not beyond doubt; " +
                         "add trials",
            };
            updated[ttfbIndex] = ttfb;
        }

        var phases = phaseIndices.Select(i => updated[i]).ToList();
        var cpu = cpuIndices.Select(i => updated[i]).ToList();
        var context = new Context(updated, ttfb, phases, family.Count, level, policy) { Cpu = cpu };
        return IsChange(ttfb.Verdict) ? DecidedByTtfb(context) : DecideByPhases(context);
    }

    private static FamilyDecision DecidedByTtfb(Context c)
    {
        var holm = double.IsNaN(c.Ttfb.AdjustedP)
            ? "its own test"
            : $"Holm-adjusted p={P(c.Ttfb.AdjustedP)} ≤ {F(c.Level)}";
        var summary = $"decided by ttfb {Pct(c.Ttfb.ChangePct)} [{Pct(c.Ttfb.CiPct[0])}, {Pct(c.Ttfb.CiPct[1])}] " +
                      $"({holm}, family of {c.FamilySize})";
        return c.Result(c.Ttfb.Verdict, MetricCatalog.Ttfb, c.Ttfb.ChangePct, c.Ttfb.CiPct, summary);
    }

    private static FamilyDecision DecideByPhases(Context c)
    {
        var ttfb = c.Ttfb;
        var baseline = ttfb.A.Median;
        var minimumMs = c.Policy.MinimumShiftMs(baseline);
        bool Significant(MetricComparison m) =>
            m.AdjustedP <= c.Level && m.RankP < c.Policy.Alpha && (m.CiDiff[0] > 0 || m.CiDiff[1] < 0);
        var significant = c.Phases.Where(Significant).ToList();
        // A CPU-bound phase's CPU time stands in for its wall phase when that did not pass and does not contradict it.
        significant.AddRange(c.Cpu.Where(Significant).Where(m =>
        {
            var wall = c.Phases.FirstOrDefault(p => p.Name == MetricCatalog.WallOf(m.Name));
            return wall is not null && !significant.Contains(wall)
                   && (m.Diff > 0 ? wall.CiDiff[1] >= m.CiDiff[0] : wall.CiDiff[0] <= m.CiDiff[1]);
        }).ToList());
        var material = significant
            .Where(m => Math.Min(Math.Abs(m.CiDiff[0]), Math.Abs(m.CiDiff[1])) >= minimumMs).ToList();
        var alone = $"ttfb {ttfb.Verdict.ToWire()}";
        if (material.Count == 0 || !double.IsFinite(baseline) || baseline <= 0)
        {
            var why = significant.Count == 0
                ? $"no phase passed its Holm level ({F(c.Level)}, family of {c.FamilySize})"
                : $"no significant phase moved by at least the minimum effect ({minimumMs.ToString("0.#", Inv)} ms, " +
                  $"{F(c.Policy.MinEffectPct)}% of A's TTFB median, at most {F(c.Policy.MinEffectCapMs)} ms)";
            var decidedBy = IsChange(ttfb.Verdict) ? MetricCatalog.Ttfb : null;
            return c.Result(ttfb.Verdict, decidedBy, ttfb.ChangePct, ttfb.CiPct, $"{alone}; {why}");
        }

        var decider = material.OrderByDescending(m => Math.Abs(m.Diff)).First();
        var direction = Math.Sign(decider.Diff);
        var offset = significant.FirstOrDefault(m =>
            Math.Sign(m.Diff) == -direction && Math.Abs(m.Diff) >= OffsetShare * Math.Abs(decider.Diff));
        if (offset is not null)
        {
            return c.Result(ttfb.Verdict, null, ttfb.ChangePct, ttfb.CiPct,
                $"{alone}; {decider.Name} {Ms(decider.Diff)} is offset by {offset.Name} {Ms(offset.Diff)} " +
                "(work moved between phases), so no phase decides");
        }

        if (direction > 0 ? ttfb.CiDiff[1] < 0 : ttfb.CiDiff[0] > 0)
        {
            return c.Result(ttfb.Verdict, null, ttfb.ChangePct, ttfb.CiPct,
                $"{alone}; {decider.Name} moved {Ms(decider.Diff)} but TTFB's own interval lies wholly the other " +
                "way, so no phase decides");
        }

        var diff = significant.Sum(m => m.Diff);
        var estimate = diff / baseline * 100;
        var interval = PercentInterval(
            significant.Sum(m => m.CiDiff[0]), significant.Sum(m => m.CiDiff[1]), ttfb.A);
        var moved = significant.Where(m => m != decider).Select(m => $"{m.Name} {Ms(m.Diff)}").ToList();
        var others = moved.Count > 0 ? $" with {string.Join(", ", moved)}" : "";
        var cpuNote = MetricCatalog.IsPhaseCpu(decider.Name)
            ? $" (CPU time of a CPU-bound phase; its wall time {Ms(WallOf(c, decider).Diff)} " +
              $"[{Ms(WallOf(c, decider).CiDiff[0])}, {Ms(WallOf(c, decider).CiDiff[1])}] did not pass)"
            : "";
        var summary =
            $"decided by {decider.Name} {Ms(decider.Diff)} " +
            $"[{Ms(decider.CiDiff[0])}, {Ms(decider.CiDiff[1])}]{cpuNote}{others} " +
            $"= {Pct(estimate)} of TTFB [{Pct(interval[0])}, {Pct(interval[1])}] " +
            $"(Holm-adjusted p={P(decider.AdjustedP)} ≤ {F(c.Level)}, family of {c.FamilySize}); " +
            $"TTFB alone {ttfb.Verdict.ToWire()}{NoiseReason(c)}";
        var overall = direction > 0 ? Verdict.Regression : Verdict.Improvement;
        return c.Result(overall, decider.Name, estimate, interval, summary);
    }

    /// <summary>The change's interval in % of A's TTFB median, counting the uncertainty of that median as well as
    /// the phases' shift: the range of <c>shift / m</c> over every shift in [<paramref name="lowMs"/>,
    /// <paramref name="highMs"/>] and every baseline <c>m</c> in the median's normal-approximation interval
    /// (standard error 1.2533·sd/√n, Kendall &amp; Stuart's asymptotic variance of the median). Both intervals at
    /// 95% make this one conservative (at least 90% by Bonferroni, in practice near 95%: the baseline term is
    /// second-order when the change is small).</summary>
    public static double[] PercentInterval(double lowMs, double highMs, SampleSummary a)
    {
        var median = a.Median;
        var halfWidth = a.N > 1 && double.IsFinite(a.StdDev) ? 1.96 * 1.2533 * a.StdDev / Math.Sqrt(a.N) : 0;
        var smallest = Math.Max(median - halfWidth, median * 0.5);   // a baseline near zero would blow it up
        var largest = median + halfWidth;
        double[] ratios = [lowMs / smallest, lowMs / largest, highMs / smallest, highMs / largest];
        return [ratios.Min() * 100, ratios.Max() * 100];
    }

    /// <summary>Why TTFB alone could not tell: the phase whose spread (pooled sd of A and B, in ms) is the largest
    /// share of A's TTFB median.</summary>
    private static string NoiseReason(Context c)
    {
        var noisiest = c.Phases.Where(m => m.A.N > 1 && m.B.N > 1)
            .Select(m => (m.Name, Sd: Math.Sqrt((m.A.StdDev * m.A.StdDev + m.B.StdDev * m.B.StdDev) / 2)))
            .OrderByDescending(x => x.Sd).FirstOrDefault();
        if (noisiest.Name is null || !(c.Ttfb.A.Median > 0)) return "";
        var share = (noisiest.Sd / c.Ttfb.A.Median * 100).ToString("0.#", Inv);
        return $" because {noisiest.Name} noise sd {share}% of TTFB";
    }

    /// <summary>One metric's p-value in the family: Welch's on logs (NaN, never rejected, without enough
    /// trials).</summary>
    internal static double FamilyP(MetricComparison m) => m.PValue;

    private static MetricComparison WallOf(Context c, MetricComparison cpu) =>
        c.Phases.First(p => p.Name == MetricCatalog.WallOf(cpu.Name));

    private static bool IsChange(Verdict v) => v is Verdict.Regression or Verdict.Improvement;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    private static string F(double v) => v.ToString("0.#####", Inv);

    private static string Ms(double v) => v.ToString("+0.0;-0.0;0.0", Inv) + " ms";

    private static string Pct(double v) => v.ToString("+0.0;-0.0;0.0", Inv) + "%";

    private static string P(double p) => p < 0.0001 ? p.ToString("0.0e0", Inv) : p.ToString("0.####", Inv);

    private sealed record Context(
        List<MetricComparison> Metrics,
        MetricComparison Ttfb,
        List<MetricComparison> Phases,
        int FamilySize,
        double Level,
        VerdictPolicy Policy)
    {
        /// <summary>The CPU times of CPU-bound phases in the family.</summary>
        public List<MetricComparison> Cpu { get; init; } = [];

        public FamilyDecision Result(Verdict overall, string? decidedBy, double pct, double[] ci, string summary) =>
            new(overall, decidedBy, Metrics, FamilySize, Level, pct, [ci[0], ci[1]], summary);
    }
}
