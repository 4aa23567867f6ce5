using System.Globalization;
using AiLab.Execution.Git;
using AiLab.Lab.Bisection;

namespace AiLab.Testing.Bisection;

/// <summary>A first-parent history with known effects: phase durations at the good commit, and what each later
/// commit changes. The truth bisection is tested against.</summary>
public sealed class SimulatedHistory : ICommitLookup
{
    private readonly Dictionary<string, int> _index = new(StringComparer.Ordinal);

    /// <summary>A history starting at <paramref name="good"/>, whose phases last <paramref name="basePhases"/>.</summary>
    public SimulatedHistory(IReadOnlyList<(string Name, double Ms)> basePhases, SimulatedCommit good, IReadOnlyList<SimulatedCommit> commits)
    {
        ArgumentNullException.ThrowIfNull(basePhases);
        ArgumentNullException.ThrowIfNull(good);
        ArgumentNullException.ThrowIfNull(commits);
        BasePhases = basePhases;
        Chain = [good, .. commits];
        for (var i = 0; i < Chain.Count; i++)
            if (!_index.TryAdd(Chain[i].Sha, i)) throw new ArgumentException($"commit {Chain[i].Sha} appears twice");
        foreach (var phase in Chain.SelectMany(c => c.EffectsMs.Keys))
            if (!basePhases.Any(p => p.Name == phase)) throw new ArgumentException($"a commit changes phase '{phase}', which the base phases lack");
    }

    /// <summary>Phase durations at the good commit, in mark order (the last is <c>first_batch</c>).</summary>
    public IReadOnlyList<(string Name, double Ms)> BasePhases { get; }

    /// <summary>Good, then every commit of the range, oldest first.</summary>
    public IReadOnlyList<SimulatedCommit> Chain { get; }

    /// <summary>The good commit's sha.</summary>
    public string Good => Chain[0].Sha;

    /// <summary>The range's commits (good excluded, bad included), oldest first.</summary>
    public IReadOnlyList<string> Range => Chain.Skip(1).Select(c => c.Sha).ToList();

    /// <summary>The commit called <paramref name="sha"/>.</summary>
    public SimulatedCommit this[string sha] => Chain[IndexOf(sha)];

    /// <summary>A history of <paramref name="commits"/> neutral commits after good, named c0 (good), c1, ..., with the
    /// given effects at the given positions (1-based).</summary>
    public static SimulatedHistory Linear(IReadOnlyList<(string Name, double Ms)> basePhases, int commits, params (int Position, string Phase, double Ms)[] effects)
    {
        ArgumentNullException.ThrowIfNull(effects);
        var list = new List<SimulatedCommit>();
        for (var i = 1; i <= commits; i++)
        {
            var mine = effects.Where(e => e.Position == i).ToDictionary(e => e.Phase, e => e.Ms, StringComparer.Ordinal);
            var subject = mine.Count == 0 ? $"refactor step {i}" : string.Join("; ", mine.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value:+0;-0} ms")));
            list.Add(new SimulatedCommit(Sha(i), subject, mine));
        }

        return new SimulatedHistory(basePhases, new SimulatedCommit(Sha(0), "good", new Dictionary<string, double>()), list);
    }

    /// <summary>The name <see cref="Linear"/> gives the commit at <paramref name="position"/>.</summary>
    public static string Sha(int position) => string.Create(CultureInfo.InvariantCulture, $"c{position}");

    /// <summary>This history with the commits at <paramref name="positions"/> replaced by <paramref name="change"/>'s result.</summary>
    public SimulatedHistory With(Func<SimulatedCommit, SimulatedCommit> change, params int[] positions)
    {
        ArgumentNullException.ThrowIfNull(change);
        var chain = Chain.Select((c, i) => positions.Contains(i) ? change(c) : c).ToList();
        return new SimulatedHistory(BasePhases, chain[0], chain.Skip(1).ToList());
    }

    /// <summary>Position of <paramref name="sha"/> in <see cref="Chain"/> (0 = good).</summary>
    public int IndexOf(string sha) => _index.TryGetValue(sha, out var i) ? i : throw new ArgumentException($"no commit {sha} in the simulated history");

    /// <summary>Each phase's true duration at <paramref name="sha"/>: the base plus every effect up to and including it.</summary>
    public IReadOnlyList<(string Name, double Ms)> PhasesAt(string sha)
    {
        var upTo = IndexOf(sha);
        return BasePhases.Select(p => (p.Name, Math.Max(0.0, p.Ms + Chain.Take(upTo + 1).Sum(c => c.EffectsMs.GetValueOrDefault(p.Name))))).ToList();
    }

    /// <inheritdoc />
    public CommitInfo Describe(string commit) =>
        new(commit, "Sim Author", "sim@example.org", new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddHours(IndexOf(commit)), this[commit].Subject);

    /// <inheritdoc />
    public DiffStat? DiffStatOf(string commit) => new(1, 1 + this[commit].EffectsMs.Count, 0, ["launcher.py"]);
}
