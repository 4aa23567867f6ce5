using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiLab.Lab.Shrinking;

/// <summary>The conventions the shrinker knows, in the order they are tried. Each keeps the code path of the
/// production run (the same modules load, the same phases run) while cutting what only scales the work: the number
/// of training iterations, the amount of data, the widths and depth of the model, data-loader worker processes,
/// and it pins what makes a run vary (seeds, nondeterministic kernels, the accelerator).</summary>
public static class ShrinkRules
{
    /// <summary>Data subsets keep at least this many examples (and never fewer than one batch).</summary>
    public const int MinExamples = 256;

    /// <summary>The default catalog.</summary>
    public static IReadOnlyList<ShrinkRule> Default { get; } =
    [
        Rule("iterations", ["steps", "maxsteps", "numsteps", "trainsteps", "totalsteps", "iterations", "iters",
            "maxiters", "maxiter", "numiters", "epochs", "numepochs", "maxepochs", "nepochs", "numtrainepochs"],
            Integer(_ => 1)),
        Rule("data subset", ["samples", "numsamples", "nsamples", "maxsamples", "datasetsize", "trainsize",
            "numtrain", "numexamples", "maxexamples", "subset", "limit", "maxtrainsamples"], Subset),
        Rule("model width", ["hiddensize", "hiddensizes", "hiddendim", "hiddendims", "width", "widths", "dmodel",
            "embeddim", "embedsize", "embeddingdim", "ffndim", "dff", "intermediatesize", "numfilters", "units"],
            IntegerOrList(v => v >= 8 ? Math.Max(8, v / 4) : v)),
        Rule("model depth", ["numlayers", "nlayers", "depth", "numblocks", "nblocks", "numhiddenlayers"],
            Integer(v => v > 1 ? Math.Max(1, (v + 1) / 2) : v)),
        Rule("data-loader workers", ["numworkers", "workers", "dataloaderworkers", "loaderworkers", "nworkers"],
            Integer(v => Math.Min(v, 1))),
        Rule("fixed seed", ["seed", "randomseed", "manualseed", "globalseed"], FixedSeed),
        Rule("deterministic", ["deterministic", "usedeterministicalgorithms", "cudnndeterministic"], Boolean(true)),
        Rule("deterministic", ["cudnnbenchmark", "benchmark"], Boolean(false)),
        Rule("CPU device", ["device", "accelerator"], Cpu),
        Rule("CPU device", ["gpus", "numgpus", "ngpu", "ngpus"], Integer(_ => 0)),
        Rule("CPU device", ["cuda", "usecuda", "usegpu"], Boolean(false)),
    ];

    /// <summary>The rule for a key, or null when no convention covers it.</summary>
    public static ShrinkRule? For(string key, IReadOnlyList<ShrinkRule>? rules = null) =>
        (rules ?? Default).FirstOrDefault(r => r.Keys.Contains(ShrinkRule.Normalize(key)));

    private static ShrinkRule Rule(string name, string[] keys, ShrinkRule.Transform apply) =>
        new(name, new HashSet<string>(keys, StringComparer.Ordinal), apply);

    private static ShrinkRule.Transform Integer(Func<long, long> shrink) =>
        (JsonNode? value, JsonObject? unused, out string? problem) =>
        {
            problem = null;
            if (AsInteger(value) is { } n) return Number(shrink(n));
            problem = $"expected a whole number, found {Describe(value)}";
            return null;
        };

    private static ShrinkRule.Transform IntegerOrList(Func<long, long> shrink) =>
        (JsonNode? value, JsonObject? siblings, out string? problem) =>
        {
            if (value is JsonArray list)
            {
                var shrunk = new JsonArray();
                foreach (var item in list)
                {
                    if (AsInteger(item) is not { } n)
                    {
                        problem = $"expected a list of whole numbers, found an item {Describe(item)}";
                        return null;
                    }

                    shrunk.Add(Number(shrink(n)));
                }

                problem = null;
                return shrunk;
            }

            return Integer(shrink)(value, siblings, out problem);
        };

    private static JsonNode? Subset(JsonNode? value, JsonObject? siblings, out string? problem)
    {
        problem = null;
        if (AsInteger(value) is not { } n)
        {
            problem = $"expected a whole number of examples, found {Describe(value)}";
            return null;
        }

        long batch = 1;
        foreach (var (key, sibling) in siblings ?? [])
        {
            if (ShrinkRule.Normalize(key) == "batchsize" && AsInteger(sibling) is { } size) batch = size;
        }

        return Number(Math.Min(n, Math.Max(Math.Max(n / 10, MinExamples), batch)));
    }

    private static JsonNode? FixedSeed(JsonNode? value, JsonObject? siblings, out string? problem)
    {
        problem = null;
        if (value is null) return Number(0); // "no seed" means a random one: fix it
        if (AsInteger(value) is { } n) return Number(n);
        problem = $"expected a whole-number seed (or null), found {Describe(value)}";
        return null;
    }

    private static ShrinkRule.Transform Boolean(bool to) =>
        (JsonNode? value, JsonObject? unused, out string? problem) =>
        {
            problem = null;
            if (value is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False)
                return JsonValue.Create(to);
            if (value is JsonValue s && s.TryGetValue<string>(out var text) && bool.TryParse(text, out _))
                return JsonValue.Create(to ? "true" : "false");
            problem = $"expected true or false, found {Describe(value)}";
            return null;
        };

    private static JsonNode? Cpu(JsonNode? value, JsonObject? siblings, out string? problem)
    {
        problem = null;
        if (value is JsonValue v && v.TryGetValue<string>(out var text) &&
            (text is "cpu" or "auto" || text.StartsWith("cuda", StringComparison.OrdinalIgnoreCase) ||
             text is "gpu" or "mps" or "tpu"))
            return JsonValue.Create("cpu");
        problem = $"expected a device name (cpu, cuda, cuda:N, gpu, mps, auto), found {Describe(value)}";
        return null;
    }

    /// <summary>A whole number held by <paramref name="value"/> (a JSON number, or a string of digits as flags
    /// and YAML give them), or null.</summary>
    internal static long? AsInteger(JsonNode? value)
    {
        if (value is not JsonValue v) return null;
        if (v.TryGetValue<long>(out var whole)) return whole;
        if (v.TryGetValue<int>(out var small)) return small;
        if (v.TryGetValue<double>(out var d))
            return d == Math.Floor(d) && Math.Abs(d) < 1e15 ? (long)d : null;

        return v.TryGetValue<string>(out var s) && long.TryParse(s, System.Globalization.CultureInfo.InvariantCulture,
            out var n) ? n : null;
    }

    // Parsed rather than created, so the value reads back as any numeric type, as a parsed config's values do.
    private static JsonNode Number(long n)
        => JsonNode.Parse(n.ToString(System.Globalization.CultureInfo.InvariantCulture))!;

    private static string Describe(JsonNode? value) => value switch
    {
        null => "null",
        JsonArray => "a list",
        JsonObject => "a mapping",
        _ => value.ToJsonString(),
    };
}
