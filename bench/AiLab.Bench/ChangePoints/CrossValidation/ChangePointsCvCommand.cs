using System.Globalization;

namespace AiLab.Bench.ChangePoints.CrossValidation;

/// <summary>
/// Leave-one-data-set-out cross-validation of the change-point detectors (issue 16): for each data set, the grid is
/// tuned on the others and the chosen detector scored on the one held out, beside the fixed detectors.
/// </summary>
internal sealed class ChangePointsCvCommand : IBenchCommand
{
    /// <summary>The largest fraction of A/A histories in which the chosen detector may alarm.</summary>
    public const double AlarmBudget = 0.01;

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
        var detail = BenchData.Option(args, "--detail");
        if (detail is not null && folds.All(f => f.Name != detail))
        {
            var names = string.Join(", ", folds.Select(f => f.Name));
            Console.Error.WriteLine($"changepoints-cv: --detail '{detail}' is not a fold ({names})");
            return 2;
        }

        var grid = CvCandidates.Grid();
        TcpdMethod[] fixedMethods =
        [
            CvCandidates.PeltCurrent, CvCandidates.Otava, CvCandidates.EdPelt, CvCandidates.Zero, CvCandidates.OldDefaults,
        ];
        // The false-alarm constraint of the selection rule: at most 1% of histories without any change may alarm.
        var withoutChange = LauncherHistories.WithoutChange(seed + 2, 200);
        var scores = new CvScores(folds, grid.Concat(fixedMethods).Distinct().ToList(), withoutChange, AlarmBudget);
        var report = new CvReport(scores, grid, fixedMethods);
        Console.Write(report.Render(seed));
        if (detail is not null)
        {
            Console.WriteLine();
            Console.Write(report.Detail(folds.First(f => f.Name == detail)));
        }

        return 0;
    }
}
