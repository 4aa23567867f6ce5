namespace AiLab.EndToEnd.Tests.Profiling;

/// <summary>Generated launcher histories for the profiling tests: a torch-free launcher whose imports are a sleep
/// (a stand-in for <c>import torch</c> that a loaded machine cannot stretch), a table built in config validation,
/// and features memoized per name.</summary>
internal static class Launchers
{
    public const string Train = """
        "A training launcher with a heavy import and memoized features."
        from ailab_probe import mark
        {HEAVY_IMPORT}
        import features

        mark("imports")
        table = {i: (i, "row-%d" % i) for i in range(10000)}
        mark("config_validation")
        features.build_features(table)
        mark("preprocessing")
        batch = [1, 2, 3]
        mark("first_batch")
        {LATE_IMPORT}
        """;

    public const string Heavy = """
        "Stands in for a heavy dependency: 250 ms at import."
        import time

        time.sleep(0.25)
        """;

    public const string Features = """
        "Feature preprocessing with a memoization helper."
        _cache = {}


        def memoize_key(table, name):
            return {KEY}


        def build_features(table):
            out = []
            for i in range(6):
                key = memoize_key(table, "feature-%d" % i)
                if key not in _cache:
                    _cache[key] = len(table)
                out.append(_cache[key])
            return out
        """;

    /// <summary>The launcher's files: the heavy module imported up front or after first_batch, the cache keyed on the
    /// name or on repr() of the whole table.</summary>
    public static Dictionary<string, string> Files(bool lazyHeavy, bool reprKey, string comment = "") => new()
    {
        ["train.py"] = Train.Replace("{HEAVY_IMPORT}", lazyHeavy ? "" : "import heavy", StringComparison.Ordinal)
            .Replace("{LATE_IMPORT}", (lazyHeavy ? "import heavy  # only needed for training, after the first batch" :
                "") + comment,
                StringComparison.Ordinal),
        ["heavy.py"] = Heavy,
        ["features.py"] = Features.Replace("{KEY}", reprKey ? "(name, repr(table))" : "name", StringComparison.Ordinal),
    };
}
