using System.Globalization;
using System.Text;

namespace AiLab.Bench.ChangePoints.CrossValidation;

/// <summary>The Markdown tables of the cross-validation: per held-out fold, the ranking, and one fold in detail.</summary>
internal sealed class CvReport(
    CvScores scores, IReadOnlyList<TcpdMethod> grid, IReadOnlyList<TcpdMethod> fixedMethods)
{
    private readonly List<int> all = Enumerable.Range(0, scores.Folds.Count).ToList();

    /// <summary>The held-out table, the choice on all folds and the best twelve candidates.</summary>
    public string Render(int seed)
    {
        var folds = scores.Folds;
        var text = new StringBuilder();
        var described = folds.Select(f =>
            $"{f.Name} {f.Series.Count} series, {f.Series.Min(s => s.Length)}–{f.Series.Max(s => s.Length)} points");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Folds (generated ones with seed {seed}): {string.Join("; ", described)}");
        text.AppendLine(CultureInfo.InvariantCulture,
            $"Candidates: {grid.Count}. Each cell: mean F1 (margin 5) / mean covering over the fold's series.");
        text.AppendLine();
        text.AppendLine($"| held out | chosen on the other folds | chosen | {Join(fixedMethods.Select(m => m.Column))} |");
        text.AppendLine($"| --- | --- | ---: | {Join(fixedMethods.Select(_ => "---:"))} |");
        var heldOut = new List<(double F1, double Covering)>();
        foreach (var h in all)
        {
            var chosen = scores.Best(grid, all.Where(f => f != h).ToList());
            heldOut.Add(scores.Of(chosen, h));
            text.AppendLine($"| {folds[h].Name} | {chosen.Column} | {Cell(scores.Of(chosen, h))} | " +
                $"{Join(fixedMethods.Select(m => Cell(scores.Of(m, h))))} |");
        }

        var heldOutMean = (heldOut.Average(x => x.F1), heldOut.Average(x => x.Covering));
        text.AppendLine($"| **mean** | | **{Cell(heldOutMean)}** | {Join(fixedMethods.Select(m => Cell(Mean(m))))} |");
        text.AppendLine();
        var best = scores.Best(grid, all);
        text.AppendLine($"Chosen on all folds (the defaults): **{best.Column}**");
        text.AppendLine();
        text.AppendLine("False alarms on the A/A histories (any change point where there is none; the rule's budget " +
            $"{Percent(scores.AlarmBudget)}): chosen {Percent(scores.AlarmRate(best))}, " +
            string.Join(", ", fixedMethods.Select(m => $"{m.Column} {Percent(scores.AlarmRate(m))}")) +
            $"; {grid.Count(m => scores.AlarmRate(m) <= scores.AlarmBudget)} of {grid.Count} candidates within budget.");
        text.AppendLine();
        text.AppendLine("Best 12 within the alarm budget by the selection rule " +
            "(mean over folds of the fold's mean F1; ties: covering):");
        text.AppendLine();
        text.AppendLine($"| candidate | A/A alarms | mean F1 | mean covering | {Join(folds.Select(f => f.Name))} |");
        text.AppendLine($"| --- | ---: | ---: | ---: | {Join(folds.Select(_ => "---:"))} |");
        var ranked = grid.Where(m => scores.AlarmRate(m) <= scores.AlarmBudget).OrderByDescending(m => Mean(m).F1).ThenByDescending(m => Mean(m).Covering);
        foreach (var m in ranked.Take(12).Concat(fixedMethods.Where(grid.Contains)).Distinct())
        {
            text.AppendLine($"| {m.Column} | {Percent(scores.AlarmRate(m))} | {Number(Mean(m).F1)} | {Number(Mean(m).Covering)} | " +
                $"{Join(all.Select(f => Cell(scores.Of(m, f))))} |");
        }

        return text.ToString();
    }

    /// <summary>Per series of <paramref name="fold"/>: what the chosen defaults and the fixed detectors found.</summary>
    public string Detail(CvFold fold)
    {
        var methods = fixedMethods.Prepend(scores.Best(grid, all)).ToList();
        var text = new StringBuilder();
        text.AppendLine($"| {fold.Name} series | truth | {Join(methods.Select(m => m.Column))} |");
        text.AppendLine($"| --- | --- | {Join(methods.Select(_ => "---"))} |");
        foreach (var s in fold.Series)
        {
            var values = s.Length <= 50
                ? $" [{string.Join(", ", s.Dimensions[0].Select(v => v.ToString("0.#", CultureInfo.InvariantCulture)))}]"
                : "";
            text.AppendLine($"| {s.Name}{values} | {string.Join(",", s.Annotations[0])} | " +
                $"{Join(methods.Select(m => string.Join(",", m.DetectAll(s))))} |");
        }

        return text.ToString();
    }

    private (double F1, double Covering) Mean(TcpdMethod method) =>
        (all.Average(f => scores.Of(method, f).F1), all.Average(f => scores.Of(method, f).Covering));

    private static string Join(IEnumerable<string> cells) => string.Join(" | ", cells);

    private static string Cell((double F1, double Covering) score) => $"{Number(score.F1)} / {Number(score.Covering)}";

    private static string Percent(double value) => value.ToString("0.0%", CultureInfo.InvariantCulture);

    private static string Number(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
