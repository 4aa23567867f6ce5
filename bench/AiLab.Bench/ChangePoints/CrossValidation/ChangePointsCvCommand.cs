using System.Globalization;
using System.Text;

namespace AiLab.Bench.ChangePoints.CrossValidation;

/// <summary>
/// Leave-one-data-set-out cross-validation of the change-point detectors (issue 16): for each data set, the grid is
/// tuned on the others and the chosen detector scored on the one held out, beside the fixed detectors.
/// </summary>
internal sealed class ChangePointsCvCommand : IBenchCommand
{
    public string Name => "changepoints-cv";

    public string Description => "leave-one-data-set-out choice of the change-point detector [--data DIR] [--seed N]";

    public int Run(IReadOnlyList<string> args)
    {
        var data = BenchData.Locate(BenchData.Option(args, "--data"), out var error);
        if (data is null)
        {
            Console.Error.WriteLine($"changepoints-cv: {error}");
            return 2;
        }

        var seedText = BenchData.Option(args, "--seed") ?? "16";
        if (!int.TryParse(seedText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed))
        {
            Console.Error.WriteLine($"changepoints-cv: --seed '{seedText}' is not an integer");
            return 2;
        }

        var folds = new List<CvFold>
        {
            new("TCPD", TcpdSeries.LoadAll(data, out _)),
            new("Otava", OtavaSeries.Load(data)),
            new("launcher", LauncherHistories.Long(seed, 40)),
            new("short", LauncherHistories.Short(seed + 1, 40)),
            new("hand-made", HandMadeHistories.All()),
        };
        var grid = CvCandidates.Grid();
        TcpdMethod[] fixedMethods = [CvCandidates.PeltCurrent, CvCandidates.Otava, CvCandidates.EdPelt, CvCandidates.Zero, CvCandidates.OldDefaults];
        var scores = new CvScores(folds, grid.Concat(fixedMethods).Distinct().ToList());
        Console.Write(Render(scores, grid, fixedMethods, seed));
        if (BenchData.Option(args, "--detail") is { } detail && folds.FirstOrDefault(f => f.Name == detail) is { } fold)
        {
            // Per series of one fold: what the chosen defaults and the fixed detectors found.
            var chosen = scores.Best(grid, Enumerable.Range(0, folds.Count).ToList());
            Console.WriteLine();
            Console.WriteLine($"| {fold.Name} series | truth | " + string.Join(" | ", fixedMethods.Prepend(chosen).Select(m => m.Column)) + " |");
            Console.WriteLine("| --- | --- | " + string.Join(" | ", fixedMethods.Prepend(chosen).Select(_ => "---")) + " |");
            foreach (var s in fold.Series)
            {
                var values = s.Length <= 50 ? " [" + string.Join(", ", s.Dimensions[0].Select(v => v.ToString("0.#", CultureInfo.InvariantCulture))) + "]" : "";
                Console.WriteLine($"| {s.Name}{values} | {string.Join(",", s.Annotations[0])} | " +
                    string.Join(" | ", fixedMethods.Prepend(chosen).Select(m => string.Join(",", m.DetectAll(s)))) + " |");
            }
        }

        return 0;
    }

    private static string Render(CvScores scores, List<TcpdMethod> grid, TcpdMethod[] fixedMethods, int seed)
    {
        var folds = scores.Folds;
        var all = Enumerable.Range(0, folds.Count).ToList();
        var text = new StringBuilder();
        var described = folds.Select(f => $"{f.Name} {f.Series.Count} series, {f.Series.Min(s => s.Length)}–{f.Series.Max(s => s.Length)} points");
        text.AppendLine(CultureInfo.InvariantCulture, $"Folds (generated ones with seed {seed}): {string.Join("; ", described)}");
        text.AppendLine(CultureInfo.InvariantCulture, $"Candidates: {grid.Count}. Each cell: mean F1 (margin 5) / mean covering over the fold's series.");
        text.AppendLine();
        text.AppendLine("| held out | chosen on the other folds | chosen | " + string.Join(" | ", fixedMethods.Select(m => m.Column)) + " |");
        text.AppendLine("| --- | --- | ---: | " + string.Join(" | ", fixedMethods.Select(_ => "---:")) + " |");
        var heldOut = new List<(double F1, double Covering)>();
        foreach (var h in all)
        {
            var chosen = scores.Best(grid, all.Where(f => f != h).ToList());
            heldOut.Add(scores.Of(chosen, h));
            text.AppendLine($"| {folds[h].Name} | {chosen.Column} | {Cell(scores.Of(chosen, h))} | " +
                string.Join(" | ", fixedMethods.Select(m => Cell(scores.Of(m, h)))) + " |");
        }

        text.AppendLine($"| **mean** | | **{Cell((heldOut.Average(x => x.F1), heldOut.Average(x => x.Covering)))}** | " +
            string.Join(" | ", fixedMethods.Select(m => Cell((all.Average(f => scores.Of(m, f).F1), all.Average(f => scores.Of(m, f).Covering))))) + " |");
        text.AppendLine();

        var final = scores.Best(grid, all);
        text.AppendLine($"Chosen on all folds (the defaults): **{final.Column}**");
        text.AppendLine();
        text.AppendLine("Best 12 by the selection rule (mean over folds of the fold's mean F1; ties: covering):");
        text.AppendLine();
        text.AppendLine("| candidate | mean F1 | mean covering | " + string.Join(" | ", folds.Select(f => f.Name)) + " |");
        text.AppendLine("| --- | ---: | ---: | " + string.Join(" | ", folds.Select(_ => "---:")) + " |");
        var ranked = grid.OrderByDescending(m => all.Average(f => scores.Of(m, f).F1)).ThenByDescending(m => all.Average(f => scores.Of(m, f).Covering));
        foreach (var m in ranked.Take(12).Concat(fixedMethods.Where(grid.Contains)).Distinct())
        {
            text.AppendLine($"| {m.Column} | {Number(all.Average(f => scores.Of(m, f).F1))} | {Number(all.Average(f => scores.Of(m, f).Covering))} | " +
                string.Join(" | ", all.Select(f => Cell(scores.Of(m, f)))) + " |");
        }

        return text.ToString();
    }

    private static string Cell((double F1, double Covering) score) => $"{Number(score.F1)} / {Number(score.Covering)}";

    private static string Number(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);
}
