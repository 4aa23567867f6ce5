using System.Globalization;
using System.Text;
using AiLab.Core.Experiments;

namespace AiLab.Server.Views;

/// <summary>The home chart's change points kept between requests: detection reads every shown experiment's trials
/// and runs permutation tests, which cost more than the rest of the page. An entry is keyed on exactly what detection
/// reads of the points (workflow, branch filter, each point's experiment id and B's median TTFB), so a new, removed
/// or re-judged experiment is a new key; trials added to an experiment already shown (API ingest may send an
/// experiment before its trials) drop the entries that show it, through <see cref="Invalidate"/>. Trials written to
/// the store by another process under an unchanged verdict are not seen until the entry is evicted.</summary>
public sealed class ChangePointCache
{
    /// <summary>Entries kept at most (a page of 20 workflows × a few branch filters, many times over); past it the
    /// cache starts again empty.</summary>
    public const int MaxEntries = 4096;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private long _generation;

    /// <summary>Detections run (cache misses), for tests and diagnostics.</summary>
    public int Detections { get; private set; }

    /// <summary>The change points of <paramref name="points"/> (see <see cref="WorkflowChangePoints.DetectAsync"/>),
    /// from the cache when the same points were detected before.</summary>
    public async Task<IReadOnlyList<ChangePointMark>> GetAsync(
        string workflow, string? branch, IReadOnlyList<WorkflowPoint> points,
        Func<string, Task<IReadOnlyList<TrialRecord>>> trialsOf)
    {
        ArgumentNullException.ThrowIfNull(points);
        var key = Key(workflow, branch, points);
        long generation;
        lock (_gate)
        {
            if (_entries.TryGetValue(key, out var hit)) return hit.Marks;
            generation = _generation;
            Detections++;
        }

        var marks = await WorkflowChangePoints.DetectAsync(points, trialsOf).ConfigureAwait(false);
        lock (_gate)
        {
            // Trials that arrived while detection read them may be missing from this result: keep it only when no
            // invalidation happened meanwhile.
            if (generation == _generation)
            {
                if (_entries.Count >= MaxEntries) _entries.Clear();
                _entries[key] = new Entry(points.Select(p => p.ExperimentId).ToHashSet(StringComparer.Ordinal), marks);
            }
        }

        return marks;
    }

    /// <summary>Drops every entry that shows <paramref name="experimentId"/> (its trials changed).</summary>
    public void Invalidate(string experimentId)
    {
        lock (_gate)
        {
            _generation++;
            foreach (var key in _entries.Where(e => e.Value.Ids.Contains(experimentId)).Select(e => e.Key).ToList())
                _entries.Remove(key);
        }
    }

    private static string Key(string workflow, string? branch, IReadOnlyList<WorkflowPoint> points)
    {
        var key = new StringBuilder().Append(workflow).Append('\n').Append(branch).Append('\n');
        foreach (var p in points)
            key.Append(p.ExperimentId).Append(':').Append(p.TtfbMs.ToString("R", CultureInfo.InvariantCulture))
                .Append('\n');
        return key.ToString();
    }

    private sealed record Entry(HashSet<string> Ids, IReadOnlyList<ChangePointMark> Marks);
}
