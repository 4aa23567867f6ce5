using AiLab.Stats.ChangePoints;

namespace AiLab.Testing.ChangePoints;

/// <summary>
/// The change-point metrics of van den Burg &amp; Williams, "An Evaluation of Change Point Detection Algorithms"
/// (arXiv:2003.06222, 2020), as TCPDBench's analysis/scripts/metrics.py defines them. Locations are 0-based; every
/// annotation set and the prediction set implicitly contain 0, as there.
/// </summary>
public static class TcpdMetrics
{
    /// <summary>TCPDBench's default margin: a prediction within 5 points of a true change point counts.</summary>
    public const int DefaultMargin = 5;

    /// <summary>
    /// The true change points matched by a prediction within <paramref name="margin"/>, each prediction used once: every
    /// τ in turn (ascending) takes the closest unused prediction, the smaller one on a tie.
    /// </summary>
    public static IReadOnlySet<int> TruePositives(IEnumerable<int> truth, IEnumerable<int> predictions, int margin = DefaultMargin)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(predictions);
        var unused = new SortedSet<int>(predictions);
        var found = new HashSet<int>();
        foreach (var tau in new SortedSet<int>(truth))
        {
            int? closest = null;
            foreach (var x in unused.GetViewBetween(tau - margin, tau + margin))
            {
                if (closest is null || Math.Abs(tau - x) < Math.Abs(tau - closest.Value))
                {
                    closest = x;
                }
            }

            if (closest is { } match)
            {
                found.Add(tau);
                unused.Remove(match);
            }
        }

        return found;
    }

    /// <summary>
    /// F = P·R / (α·R + (1 − α)·P), with P the true positives against the union of the annotators over the number of
    /// predictions and R the mean per-annotator recall (TCPDBench <c>f_measure</c>).
    /// </summary>
    /// <param name="annotations">One set of change points per annotator (an empty set is an annotator who saw none).</param>
    /// <param name="predictions">The predicted change points.</param>
    /// <param name="margin">How far a prediction may lie from a true change point and still count.</param>
    /// <param name="alpha">The weight of precision; 0.5 gives F1.</param>
    public static FMeasureResult FMeasure(
        IReadOnlyList<IReadOnlyCollection<int>> annotations, IEnumerable<int> predictions, int margin = DefaultMargin, double alpha = 0.5)
    {
        RequireAnnotations(annotations);
        ArgumentNullException.ThrowIfNull(predictions);
        var perAnnotator = annotations.Select(a => new HashSet<int>(a) { 0 }).ToList();
        var predicted = new HashSet<int>(predictions) { 0 };
        var union = new HashSet<int>(perAnnotator.SelectMany(a => a));

        var precision = (double)TruePositives(union, predicted, margin).Count / predicted.Count;
        var recall = 1.0 / perAnnotator.Count * perAnnotator.Sum(a => (double)TruePositives(a, predicted, margin).Count / a.Count);
        var f = precision * recall / ((alpha * recall) + ((1 - alpha) * precision));
        return new FMeasureResult(f, precision, recall);
    }

    /// <summary>
    /// The mean over annotators of the covering of the annotator's segmentation by the predicted one: Σ |R|·max Jaccard(R, R') / n
    /// over the annotator's segments R (Arbelaez et al. 2010, eq. 8; TCPDBench <c>covering</c>).
    /// </summary>
    /// <param name="annotations">One set of change points per annotator.</param>
    /// <param name="predictions">The predicted change points.</param>
    /// <param name="observations">The length of the series.</param>
    public static double Covering(IReadOnlyList<IReadOnlyCollection<int>> annotations, IEnumerable<int> predictions, int observations)
    {
        RequireAnnotations(annotations);
        ArgumentNullException.ThrowIfNull(predictions);
        ArgumentOutOfRangeException.ThrowIfLessThan(observations, 1);
        var predicted = Partition(predictions, observations);
        var total = 0.0;
        foreach (var annotation in annotations)
        {
            total += Cover(predicted, Partition(annotation, observations), observations);
        }

        return total / annotations.Count;
    }

    private static double Cover(List<Segment> by, List<Segment> covered, int observations)
    {
        var sum = 0.0;
        foreach (var r in covered)
        {
            var bestOverlap = by.Max(other => Jaccard(r, other));
            sum += r.Length * bestOverlap;
        }

        return sum / observations;
    }

    private static double Jaccard(Segment a, Segment b)
    {
        var intersection = Math.Max(0, Math.Min(a.Stop, b.Stop) - Math.Max(a.Start, b.Start));
        return (double)intersection / (a.Length + b.Length - intersection);
    }

    // TCPDBench's partition_from_cps: locations outside (0, n) cut nothing.
    private static List<Segment> Partition(IEnumerable<int> locations, int observations) =>
        Segment.Between(locations.Where(l => l > 0 && l < observations).Distinct().Order().ToList(), observations);

    private static void RequireAnnotations(IReadOnlyList<IReadOnlyCollection<int>> annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        if (annotations.Count == 0)
        {
            throw new ArgumentException("At least one annotator is needed.", nameof(annotations));
        }
    }

    // The half-open range [Start, Stop) between change points (the detectors' internal Interval, which this
    // scoring code, living outside AiLab.Stats, cannot see).
    private readonly record struct Segment(int Start, int Stop)
    {
        public int Length => Stop - Start;

        public static List<Segment> Between(IReadOnlyList<int> sortedIndices, int length)
        {
            var segments = new List<Segment>(sortedIndices.Count + 1);
            var start = 0;
            foreach (var index in sortedIndices)
            {
                if (index != start) segments.Add(new Segment(start, index));
                start = index;
            }

            if (start != length) segments.Add(new Segment(start, length));
            return segments;
        }
    }
}
