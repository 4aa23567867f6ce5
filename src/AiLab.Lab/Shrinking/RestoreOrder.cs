using System.Text.RegularExpressions;

namespace AiLab.Lab.Shrinking;

/// <summary>Which of the rules that changed something most plausibly shrank a phase, so that the restorer undoes that
/// one first: by the words of the phase's name against words each rule's work lands in (a data subset in loading and
/// preprocessing, the model's width and depth in building it, ...) and against the changed keys' own words
/// (<c>model_build</c> and <c>model.hidden_sizes</c> share <c>model</c>). Rules nothing points at follow in the order
/// the shrinker changed them: each is still tried in turn.</summary>
public static partial class RestoreOrder
{
    /// <summary>The rules whose changes scale the work (and so a phase); the others pin what makes a run vary
    /// (seeds, nondeterministic kernels, the device) and are never undone. <c>override</c>s are the workflow's own
    /// and are never undone either.</summary>
    public static readonly IReadOnlyList<string> ScalingRules =
        ["data subset", "model width", "model depth", "data-loader workers", "iterations"];

    private static readonly Dictionary<string, string[]> Hints = new(StringComparer.Ordinal)
    {
        ["data subset"] = ["data", "dataset", "datasets", "load", "loading", "read", "reading", "preprocess",
            "preprocessing", "prep", "feature", "features", "token", "tokenize", "tokenizing", "tokenization", "parse",
            "parsing", "decode", "decoding", "transform", "transforms", "augment", "augmentation", "ingest", "fetch",
            "normalize", "normalization", "standardize", "sample", "samples", "shard", "shards", "corpus", "vocab",
            "index", "indexing", "split", "cache", "examples", "rows", "records"],
        ["model width"] = ModelWords,
        ["model depth"] = ModelWords,
        ["data-loader workers"] = ["loader", "dataloader", "worker", "workers", "batch", "spawn", "fork", "prefetch"],
        ["iterations"] = ["train", "training", "step", "steps", "epoch", "epochs", "loop", "scheduler", "schedule",
            "warmup", "iteration", "iterations"],
    };

    private static string[] ModelWords =>
        ["model", "models", "build", "building", "init", "initialize", "initialization", "weight", "weights", "layer",
            "layers", "network", "net", "compile", "compiling", "graph", "param", "params", "parameters", "checkpoint",
            "optimizer", "module", "modules", "architecture", "arch", "construct", "construction"];

    /// <summary>The rules (of <see cref="ScalingRules"/>) among <paramref name="changes"/>, most plausible first for
    /// <paramref name="phase"/>; ties and rules nothing points at in the order the changes were made.</summary>
    public static IReadOnlyList<string> For(string phase, IReadOnlyList<ShrinkChange> changes)
    {
        ArgumentNullException.ThrowIfNull(phase);
        ArgumentNullException.ThrowIfNull(changes);
        var words = Words(phase);
        var rules = changes.Select(c => c.Rule).Where(r => ScalingRules.Contains(r)).Distinct().ToList();
        return rules
            .Select((rule, index) => (rule, index, score: Score(rule, words, changes)))
            .OrderByDescending(r => r.score).ThenBy(r => r.index)
            .Select(r => r.rule).ToList();
    }

    /// <summary>How strongly the phase's name points at <paramref name="rule"/>: two for each word the rule's work is
    /// known to land in, one for each word shared with the rule's changed keys.</summary>
    public static int Score(string rule, IReadOnlySet<string> phaseWords, IReadOnlyList<ShrinkChange> changes)
    {
        ArgumentNullException.ThrowIfNull(phaseWords);
        ArgumentNullException.ThrowIfNull(changes);
        var hinted = Hints.TryGetValue(rule, out var hints) ? hints.Count(phaseWords.Contains) : 0;
        var keyWords = changes.Where(c => c.Rule == rule).SelectMany(c => Words(c.Key))
            .ToHashSet(StringComparer.Ordinal);
        return 2 * hinted + keyWords.Count(phaseWords.Contains);
    }

    /// <summary>The lowercase words of a name: split at anything not a letter or digit and at camel case
    /// (<c>modelBuild</c>, <c>model_build</c>, <c>model.build</c> → model, build).</summary>
    public static IReadOnlySet<string> Words(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        var spaced = CamelBoundary().Replace(name, " ");
        return NonWord().Split(spaced).Where(w => w.Length > 0).Select(w => w.ToLowerInvariant())
            .ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex("(?<=[a-z0-9])(?=[A-Z])")]
    private static partial Regex CamelBoundary();

    [GeneratedRegex("[^A-Za-z0-9]+")]
    private static partial Regex NonWord();
}
