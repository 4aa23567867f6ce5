using System.Globalization;
using System.Text;
using System.Text.Json;
using AiLab.Lab.Shrinking;

namespace AiLab.Cli.Rendering;

/// <summary>The report of <c>ailab shrink</c>, as text and as JSON.</summary>
internal static class ShrinkReportText
{
    public static string Text(ShrunkWorkflow shrunk, string derivedFile, FidelityReport? report)
    {
        var text = new StringBuilder();
        text.Append(Inv($"Shrunk {shrunk.Production.Name} -> {shrunk.Shrunk.Name} ({derivedFile})\n"));
        text.Append(Inv($"  run  {shrunk.Shrunk.Run}\n"));
        foreach (var file in shrunk.Files.Keys) text.Append(Inv($"  file {file}\n"));
        text.Append("\nchanged                              from -> to                      rule\n");
        foreach (var c in shrunk.Changes)
            text.Append(Inv($"  {c.Where + ": " + c.Key,-34} {c.From + " -> " + c.To,-26} {c.Rule}\n"));
        foreach (var c in shrunk.Restored)
        {
            text.Append(Inv($"  {c.Where + ": " + c.Key,-34} {c.From + " kept",-26} {c.Rule} undone: "));
            text.Append(Inv($"{string.Join(", ", PhasesKeptBy(report, c.Rule, shrunk))} was no longer represented "));
            text.Append(Inv($"at {c.To}\n"));
        }

        if (report is null)
            return text.Append("\nfidelity: not checked (--no-verify)\n").ToString();
        text.Append(
            Inv($"\nfidelity: {(report.Passed ? "PASSED" : "FAILED")} - ")
            + Inv($"phases {string.Join(" > ", report.ShrunkPhases)}; ")
            + Inv($"{report.CommonModules} modules loaded by both, ")
            + Inv($"{report.MissingModules.Count} only at production size, ")
            + Inv($"{report.ExtraModules.Count} only shrunk\n"));
        foreach (var problem in report.Problems) text.Append("  ").Append(problem).Append('\n');
        text.Append(
            Inv($"cost: {report.ProductionCpuMs / 1000:0.00} CPU-s per production trial, ")
            + Inv($"{report.ShrunkCpuMs / 1000:0.00} shrunk: ")
            + Inv($"{report.CostRatio:0.0}x less\n"));
        text.Append(
            Inv($"TTFB: {report.ProductionTtfbMs:0.0} ms production, {report.ShrunkTtfbMs:0.0} ms shrunk\n\n")
            + "phase share of TTFB      production    shrunk\n");
        foreach (var s in report.Shares)
        {
            text.Append(Inv($"  {s.Phase,-22} {s.Production,10:P1} {s.Shrunk,9:P1}"));
            text.Append(s.Represented
                ? "\n"
                : Inv($"  moved more than {FidelityCheck.MaxShareFactor:0}x: no longer represented\n"));
        }

        if (report.Restores.Count > 0) text.Append("\nphases the rules left unrepresented\n");
        foreach (var r in report.Restores) text.Append("  ").Append(Describe(r)).Append('\n');
        return text.ToString();
    }

    /// <summary>One restore attempt as a sentence: the phase, the rule, what came of it.</summary>
    public static string Describe(RestoreAttempt r)
    {
        var keys = string.Join(", ", r.Changes.Select(c => $"{c.Key} {Compact(c.From)} -> {Compact(c.To)}"));
        var shares = r.ShareRestored is { } back
            ? Inv($"{r.ShareProduction:P1} of TTFB in production, {r.ShareShrunk:P1} shrunk, {back:P1} with it kept")
            : Inv($"{r.ShareProduction:P1} of TTFB in production, {r.ShareShrunk:P1} shrunk");
        var cost = Inv($"{r.CpuMs / 1000:0.00} CPU-s a trial{(r.Measured ? "" : " (estimated)")}");
        var budget = Inv($"{r.BudgetCpuMs / 1000:0.00}");
        return r.Outcome switch
        {
            RestoreOutcome.Kept => $"{r.Phase}: the {r.Rule} rule shrank it ({shares}); kept {keys}: {cost}",
            RestoreOutcome.NotTheCause => $"{r.Phase}: not the {r.Rule} rule ({shares}); {keys} stays shrunk",
            RestoreOutcome.FidelityFailed => $"{r.Phase}: with {keys} kept fidelity failed; stays shrunk",
            RestoreOutcome.NothingLeft => $"{r.Phase}: most likely the {r.Rule} rule ({keys}; {shares}), but keeping " +
                                          "it leaves nothing to shrink: the phase stays unrepresented",
            _ when r.Measured => $"{r.Phase}: the {r.Rule} rule shrank it ({shares}), but keeping {keys} costs " +
                                 $"{cost}, over the budget of {budget}: not kept, the phase stays unrepresented " +
                                 $"(shrink: {{keep: [{string.Join(", ", r.Changes.Select(c => c.Key))}]}} to keep it)",
            _ => $"{r.Phase}: most likely the {r.Rule} rule ({keys}; {shares}); bringing the phase back would cost " +
                 $"{cost}, over the budget of {budget} (twice the shrunk test's): not tried, the phase stays " +
                 $"unrepresented (shrink: {{keep: [{string.Join(", ", r.Changes.Select(c => c.Key))}]}} to keep it)",
        };
    }

    /// <summary>A long list of one repeated value (16 layers of 1024) as <c>[1024 x16]</c>.</summary>
    private static string Compact(string json)
    {
        try
        {
            if (System.Text.Json.Nodes.JsonNode.Parse(json) is System.Text.Json.Nodes.JsonArray { Count: > 4 } list
                && list.All(i => i?.ToJsonString() == list[0]?.ToJsonString()))
                return Inv($"[{list[0]?.ToJsonString()} x{list.Count}]");
        }
        catch (JsonException)
        {
            // Not JSON (a flag's raw text): shown as it is.
        }

        return json;
    }

    private static IEnumerable<string> PhasesKeptBy(FidelityReport? report, string rule, ShrunkWorkflow shrunk) =>
        report?.Restores.Where(a => a.Outcome == RestoreOutcome.Kept && a.Rule == rule).Select(a => a.Phase)
        ?? shrunk.RestoredFor;

    public static string Json(ShrunkWorkflow shrunk, string derivedFile, FidelityReport? report) =>
        JsonSerializer.Serialize(new
        {
            workflow = shrunk.Production.Name,
            shrunk_workflow = shrunk.Shrunk.Name,
            derived_file = derivedFile,
            run = shrunk.Shrunk.Run,
            files = shrunk.Files.Keys,
            changes = shrunk.Changes.Select(c => new
            {
                where = c.Where, key = c.Key, from = c.From, to = c.To, rule = c.Rule,
            }),
            kept_to_represent = shrunk.Restored.Select(c => new
            {
                where = c.Where, key = c.Key, value = c.From, rule_would_set = c.To, rule = c.Rule,
                phases = PhasesKeptBy(report, c.Rule, shrunk),
            }),
            fidelity = report is null ? null : new
            {
                passed = report.Passed,
                problems = report.Problems,
                phases = new { production = report.ProductionPhases, shrunk = report.ShrunkPhases },
                modules = new
                {
                    common = report.CommonModules, missing = report.MissingModules, extra = report.ExtraModules,
                },
                cpu_ms = new { production = report.ProductionCpuMs, shrunk = report.ShrunkCpuMs },
                cost_ratio = report.CostRatio,
                ttfb_ms = new { production = report.ProductionTtfbMs, shrunk = report.ShrunkTtfbMs },
                shares = report.Shares.Select(s => new
                {
                    phase = s.Phase, production = s.Production, shrunk = s.Shrunk, represented = s.Represented,
                }),
                restores = report.Restores.Select(r => new
                {
                    phase = r.Phase, rule = r.Rule, outcome = WireName(r.Outcome),
                    keys = r.Changes.Select(c => new
                    {
                        where = c.Where, key = c.Key, production = c.From, shrunk = c.To,
                    }),
                    share = new { production = r.ShareProduction, shrunk = r.ShareShrunk, restored = r.ShareRestored },
                    cpu_ms = r.CpuMs, cpu_measured = r.Measured, budget_cpu_ms = r.BudgetCpuMs,
                    summary = Describe(r),
                }),
                experiments = new { production = report.ProductionExperimentId, shrunk = report.ShrunkExperimentId },
            },
        }, new JsonSerializerOptions
        {
            WriteIndented = true,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        });

    private static string WireName(RestoreOutcome outcome) => outcome switch
    {
        RestoreOutcome.Kept => "kept",
        RestoreOutcome.NotTheCause => "not_the_cause",
        RestoreOutcome.TooCostly => "too_costly",
        RestoreOutcome.NothingLeft => "nothing_left",
        _ => "fidelity_failed",
    };

    private static string Inv(FormattableString value) => FormattableString.Invariant(value);
}
