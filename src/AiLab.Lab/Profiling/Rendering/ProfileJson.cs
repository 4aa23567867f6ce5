using System.Text.Json.Nodes;
using AiLab.Lab.Profiling.Diff;
using AiLab.Lab.Profiling.Imports;

namespace AiLab.Lab.Profiling.Rendering;

/// <summary>The profile diff as JSON: findings, functions, call paths and the import view (documented in
/// docs/profiling.md).</summary>
public static class ProfileJson
{
    /// <summary>Functions and call paths listed: the largest changes (the full tree is in the flame graph).</summary>
    public const int MaxRows = 50;

    /// <summary>The whole diff, with the paths of the files written for it.</summary>
    public static JsonObject Render(ProfileDiffResult diff, ProfileReportFiles? files, double? overheadPct = null)
    {
        ArgumentNullException.ThrowIfNull(diff);
        var doc = Summary(diff, files);
        doc["overhead_pct"] = overheadPct is { } o ? Round(o) : null;
        doc["functions"] = new JsonArray(diff.Functions.Take(MaxRows).Select(f => (JsonNode)new JsonObject
        {
            ["function"] = f.Function, ["inclusive"] = Value(f.Inclusive), ["self"] = Value(f.Self),
        }).ToArray());
        doc["stacks"] = new JsonArray(diff.Stacks.Where(s => s.Path.Count > 1).Take(MaxRows).Select(s =>
            (JsonNode)new JsonObject
        {
            ["stack"] = new JsonArray(s.Path.Skip(1).Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
            ["phase"] = s.Phase, ["inclusive"] = Value(s.Inclusive), ["self"] = Value(s.Self),
        }).ToArray());
        doc["imports"] = Imports(diff.Imports);
        doc["problems"] = new JsonArray(diff.Problems.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray());
        return doc;
    }

    /// <summary>What a verdict carries: the trials, the findings, the modules that left or entered the window, the
    /// files.</summary>
    public static JsonObject Summary(ProfileDiffResult diff, ProfileReportFiles? files)
    {
        ArgumentNullException.ThrowIfNull(diff);
        return new JsonObject
        {
            ["trials"] = new JsonObject { [diff.BaselineLabel] = diff.BaselineTrials, [diff.CandidateLabel] =
                diff.CandidateTrials },
            ["ttfb_ms"] = new JsonObject { [diff.BaselineLabel] = Round(diff.BaselineTtfbMs), [diff.CandidateLabel] =
                Round(diff.CandidateTtfbMs) },
            ["reference_ttfb_ms"] = Round(diff.ReferenceTtfbMs),
            ["interval_ms"] = diff.IntervalMs,
            ["floor_ms"] = Round(diff.FloorMs),
            ["sampling_noise"] = diff.NoiseZ is { } z ? new JsonObject
            {
                ["sample_ms"] = Round(diff.SampleMs!.Value), ["paths"] = diff.NoisePaths, ["z"] = Round(z),
                ["floor_ms"] = Round(diff.NoiseFloorMs!.Value),
            } : null,
            ["method"] = diff.Method,
            ["findings"] = new JsonArray(diff.Findings.Select(f => (JsonNode)new JsonObject
            {
                ["summary"] = f.Summary,
                ["path"] = new JsonArray(f.Path.Select(p => (JsonNode)JsonValue.Create(p)!).ToArray()),
                ["phase"] = f.Phase,
                ["change_ms"] = Round(f.Change.DeltaMs),
                ["ci_ms"] = f.Change.LowMs is { } lo ? new JsonArray(Round(lo), Round(f.Change.HighMs!.Value)) : null,
                ["pct_of_ttfb"] = Round(f.Change.PctOfTtfb),
                ["own_change_ms"] = Round(f.Own.DeltaMs),
                ["a_ms"] = Round(f.Change.BaselineMs),
                ["b_ms"] = Round(f.Change.CandidateMs),
                ["calls_a"] = f.BaselineCalls,
                ["calls_b"] = f.CandidateCalls,
            }).ToArray()),
            ["phases"] = new JsonArray(diff.Phases.Select(p => (JsonNode)new JsonObject
            {
                ["phase"] = p.Key, ["a_ms"] = Round(p.Value.BaselineMs), ["b_ms"] = Round(p.Value.CandidateMs),
                ["change_ms"] = Round(p.Value.DeltaMs), ["pct_of_ttfb"] = Round(p.Value.PctOfTtfb),
            }).ToArray()),
            ["imports_left_window"] = Modules(diff.Imports.Left),
            ["imports_entered_window"] = Modules(diff.Imports.Entered),
            ["files"] = files is null ? null : new JsonObject
            {
                ["folder"] = files.Folder, ["json"] = files.Json, ["flamegraph_html"] = files.FlameGraphHtml,
                ["speedscope"] = files.Speedscope,
            },
        };
    }

    private static JsonArray Modules(IEnumerable<ImportModule> modules) => new(modules.Select(m =>
        (JsonNode)new JsonObject
    {
        ["module"] = m.Module, ["a_ms"] = Round(m.BaselineMs), ["b_ms"] = Round(m.CandidateMs), ["change_ms"] =
            Round(m.DeltaMs),
    }).ToArray());

    private static JsonObject Imports(ImportView view) => new()
    {
        ["left_window"] = Modules(view.Left),
        ["entered_window"] = Modules(view.Entered),
        ["modules"] = new JsonArray(view.Modules.Select(m => (JsonNode)new JsonObject
        {
            ["module"] = m.Module, ["parent"] = m.Parent, ["depth"] = m.Depth, ["a_ms"] = Round(m.BaselineMs),
            ["b_ms"] = Round(m.CandidateMs), ["window"] = m.Window,
        }).ToArray()),
    };

    private static JsonObject Value(DiffValue v) => new()
    {
        ["a_ms"] = Round(v.BaselineMs), ["b_ms"] = Round(v.CandidateMs), ["change_ms"] = Round(v.DeltaMs),
        ["ci_ms"] = v.LowMs is { } lo ? new JsonArray(Round(lo), Round(v.HighMs!.Value)) : null,
        ["pct_of_ttfb"] = Round(v.PctOfTtfb), ["significant"] = v.Significant,
    };

    private static double Round(double value) => Math.Round(value, 3);
}
