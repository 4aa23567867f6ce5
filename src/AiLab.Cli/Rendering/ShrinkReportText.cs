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
            text.Append(Inv($"{string.Join(", ", shrunk.RestoredFor)} was no longer represented at {c.To}\n"));
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

        return text.ToString();
    }

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
                phases = shrunk.RestoredFor,
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
                experiments = new { production = report.ProductionExperimentId, shrunk = report.ShrunkExperimentId },
            },
        }, new JsonSerializerOptions
        {
            WriteIndented = true,
            NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        });

    private static string Inv(FormattableString value) => FormattableString.Invariant(value);
}
