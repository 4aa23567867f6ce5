using AiLab.Core.Footprints;
using AiLab.Core.Workflows;

namespace AiLab.Lab.ChangeTier.Simulation;

/// <summary>A generated repository for the selection benchmark: source files with their own regression rates,
/// documentation no workflow loads, and workflows with different footprints, costs and noise.</summary>
public sealed class SimulatedRepository
{
    /// <summary>The files, each with the chance that a change to it plants a regression.</summary>
    public required IReadOnlyDictionary<string, double> RegressionRate { get; init; }

    /// <summary>The tests, with their footprints.</summary>
    public required IReadOnlyList<ChangeTest> Tests { get; init; }

    /// <summary>CPU seconds of one shrunk trial, per workflow.</summary>
    public required IReadOnlyDictionary<string, double> CpuSeconds { get; init; }

    /// <summary>Noise (sd of log TTFB) per workflow.</summary>
    public required IReadOnlyDictionary<string, double> Noise { get; init; }

    /// <summary>Six workflows over a shared core, shared data and model modules, a training entry each, plus docs
    /// and tools no workflow loads. Two model files are "hot" (they regress often), the rest rarely.</summary>
    public static SimulatedRepository Generate()
    {
        var rates = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var f in new[] { "core/config.py", "core/logging.py", "core/registry.py" }) rates[f] = 0.06;
        foreach (var f in new[] { "data/tabular.py", "data/images.py", "data/text.py",
            "data/loader.py" }) rates[f] = 0.04;
        foreach (var f in new[] { "models/mlp.py", "models/cnn.py", "models/transformer.py", "models/rnn.py",
            "models/gbm.py" })
            rates[f] = 0.03;
        rates["models/transformer.py"] = 0.30;
        rates["data/loader.py"] = 0.25;
        var names = new[] { "tabular-mlp", "vision-cnn", "nlp-transformer", "seq-rnn", "tabular-gbm", "multimodal" };
        foreach (var n in names) rates[$"train/{n}.py"] = 0.05;
        foreach (var f in new[] { "README.md", "docs/guide.md", "docs/api.md", "docs/faq.md", "tools/lint.py",
            "tools/release.py" })
            rates[f] = 0;
        var uses = new Dictionary<string, string[]>
        {
            ["tabular-mlp"] = ["data/tabular.py", "data/loader.py", "models/mlp.py"],
            ["vision-cnn"] = ["data/images.py", "data/loader.py", "models/cnn.py"],
            ["nlp-transformer"] = ["data/text.py", "data/loader.py", "models/transformer.py"],
            ["seq-rnn"] = ["data/text.py", "models/rnn.py"],
            ["tabular-gbm"] = ["data/tabular.py", "models/gbm.py"],
            ["multimodal"] = ["data/images.py", "data/text.py", "data/loader.py", "models/cnn.py",
                "models/transformer.py"],
        };
        var cpu = new[] { 1.5, 4.0, 6.0, 2.5, 1.2, 9.0 };
        var noise = new[] { 0.03, 0.05, 0.06, 0.04, 0.02, 0.08 };
        var tests = names.Select(n =>
        {
            var spec = new WorkflowSpec { Name = n, Run = $"python3 train/{n}.py" };
            var files = new[] { "core/config.py", "core/logging.py", "core/registry.py",
                $"train/{n}.py" }.Concat(uses[n]);
            var footprint = new Footprint
            {
                Workflow = n, Revision = "", Files = [.. files.Order(StringComparer.Ordinal)],
                    RecordedAt = DateTimeOffset.UnixEpoch,
            };
            return new ChangeTest(spec, spec with { Name = n + "-shrunk", ShrunkFrom = n }, footprint);
        }).ToList();
        return new SimulatedRepository
        {
            RegressionRate = rates, Tests = tests,
            CpuSeconds = names.Select((n, i) => (n, cpu[i])).ToDictionary(x => x.n + "-shrunk", x => x.Item2),
            Noise = names.Select((n, i) => (n, noise[i])).ToDictionary(x => x.n + "-shrunk", x => x.Item2),
        };
    }
}
