using System.Globalization;
using System.Text;
using System.Text.Json;
using AiLab.Core.Verdicts;
using AiLab.Lab.ChangeTier;

namespace AiLab.Cli.Rendering;

/// <summary>The report of <c>ailab change</c>, as text and as JSON.</summary>
internal static class ChangeReportText
{
    public static string Text(ChangeReport report)
    {
        var s = report.Selection;
        var text = new StringBuilder();
        text.Append(
            Inv($"Change {report.BaseCommit[..12]}..{report.HeadCommit[..12]}: {s.ChangedFiles.Count} file(s) changed\n"));
        if (s.Selected.Count == 0)
            text.Append(s.Skipped.All(c => c.SkipCode != "over_budget")
                ? "Nothing to run: no workflow loads any of the changed files.\n"
                : "Nothing to run: every touched test is over the budget.\n");
        text.Append(
            Inv($"\n{"test",-28} {"P(regress)",10} {"P(detect)",9} {"est CPU-s",9} {"spent",8}  verdict\n"));
        foreach (var c in s.Selected)
        {
            var run = report.Runs.FirstOrDefault(r => ReferenceEquals(r.Candidate, c));
            text.Append(
                Inv($"{c.Test.Test.Name,-28} {c.PRegress,10:0.000} {c.PDetect,9:0.00} {c.CostCpuSeconds,9:0.0} ")
                + Inv($"{(run is null ? "-" : run.SpentCpuSeconds.ToString("0.0", CultureInfo.InvariantCulture)),8}  ")
                + Inv($"{(run is null ? "not run" : (run.Verdict?.ToWire() ?? run.Status) + " " + run.ExperimentId)}\n"));
        }

        foreach (var c in s.Skipped)
            text.Append(Inv($"{c.Test.Test.Name,-28} skipped: {c.SkipReason}\n"));
        text.Append(
            Inv($"\ncapacity: {report.SpentCpuSeconds:0.0} CPU-s spent, {s.EstimatedCpuSeconds:0.0} estimated")
            + (s.BudgetCpuSeconds is { } b ? Inv($", budget {b:0.0}") : ", no budget") + "\n");
        text.Append(Inv($"Verdict: {report.Overall.ToWire().ToUpperInvariant()}\n"));
        return text.ToString();
    }

    public static string Json(ChangeReport report) => JsonSerializer.Serialize(new
    {
        @base = report.BaseCommit,
        head = report.HeadCommit,
        verdict = report.Overall.ToWire(),
        changed_files = report.Selection.ChangedFiles,
        ran = report.Runs.Select(r => new
        {
            workflow = r.Candidate.Test.Production.Name, test = r.Candidate.Test.Test.Name,
            experiment_id = r.ExperimentId, confirmation_id = r.ConfirmationId, verdict = r.Verdict?.ToWire(),
            status = r.Status, touching_paths = r.Candidate.TouchingPaths, p_regress = r.Candidate.PRegress,
            p_detect = r.Candidate.PDetect, estimated_cpu_seconds = r.Candidate.CostCpuSeconds,
            spent_cpu_seconds = r.SpentCpuSeconds,
        }),
        selected_not_run = report.Selection.Selected.Where(c => report.Runs.All(r => !ReferenceEquals(r.Candidate, c)))
            .Select(c => c.Test.Test.Name),
        skipped = report.Selection.Skipped.Select(c => new
        {
            workflow = c.Test.Production.Name, test = c.Test.Test.Name, reason = c.SkipCode, detail = c.SkipReason,
            touching_paths = c.TouchingPaths, p_regress = c.PRegress, estimated_cpu_seconds = c.CostCpuSeconds,
        }),
        capacity = new
        {
            budget_cpu_seconds = report.Selection.BudgetCpuSeconds,
            estimated_cpu_seconds = report.Selection.EstimatedCpuSeconds,
            spent_cpu_seconds = report.SpentCpuSeconds,
        },
        interrupted = report.Interrupted,
    }, new JsonSerializerOptions { WriteIndented = true });

    private static string Inv(FormattableString value) => FormattableString.Invariant(value);
}
