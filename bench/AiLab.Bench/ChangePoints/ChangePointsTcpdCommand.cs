using System.Globalization;
using System.Text.Json;
using AiLab.Stats.ChangePoints;
using AiLab.Testing.ChangePoints;
using Perfolizer.Mathematics.Cpd;

namespace AiLab.Bench.ChangePoints;

/// <summary>
/// Runs our detectors and Perfolizer's ED-PELT with default settings on every TCPD series present, scores them with
/// TCPDBench's F1 (margin 5) and covering, and prints them beside TCPDBench's published default F1 of PELT, BinSeg,
/// E-Divisive (ecp) and the no-change baseline.
/// </summary>
internal sealed class ChangePointsTcpdCommand : IBenchCommand
{
    private static readonly string[] Published = ["pelt", "binseg", "ecp", "zero"];

    public string Name => "changepoints-tcpd";

    public string Description => "change-point F1/covering on TCPD vs published PELT/BinSeg/ecp/zero [--data DIR]";

    public int Run(IReadOnlyList<string> args)
    {
        var data = BenchData.Locate(BenchData.Option(args, "--data"), out var error);
        if (data is null)
        {
            Console.Error.WriteLine($"changepoints-tcpd: {error}");
            return 2;
        }

        List<TcpdSeries> series;
        List<string> absent;
        try
        {
            series = TcpdSeries.LoadAll(data, out absent);
        }
        catch (FileNotFoundException e)
        {
            Console.Error.WriteLine($"changepoints-tcpd: {e.Message}");
            return 2;
        }

        if (series.Count == 0)
        {
            Console.Error.WriteLine($"changepoints-tcpd: no TCPD series under {Path.Combine(data, "tcpd", "datasets")}");
            return 2;
        }

        using var scoresDocument = JsonDocument.Parse(File.ReadAllText(Path.Combine(data, "tcpdbench", "default_f1_scores.json")));
        var published = scoresDocument.RootElement.GetProperty("scores");
        var methods = Methods(args);
        var results = series.ToDictionary(s => s.Name, s => methods.Select(m => Score(m, s)).ToArray());

        var report = new TcpdReport(series, methods, results, name => Published.Select(p => PublishedScore(published, name, p)).ToArray(), Published);
        Console.Write(report.Render(absent));
        return 0;
    }

    private static List<TcpdMethod> Methods(IReadOnlyList<string> args)
    {
        var eDivisive = new EDivisiveOptions();
        if (BenchData.Option(args, "--window") is { } window)
        {
            eDivisive = eDivisive with { WindowLength = int.Parse(window, CultureInfo.InvariantCulture) };
        }

        if (BenchData.Option(args, "--p") is { } p)
        {
            eDivisive = eDivisive with { MaxPValue = double.Parse(p, CultureInfo.InvariantCulture) };
        }

        if (BenchData.Option(args, "--magnitude") is { } magnitude)
        {
            eDivisive = eDivisive with { MinMagnitude = double.Parse(magnitude, CultureInfo.InvariantCulture) };
        }

        if (BenchData.Option(args, "--min-segment") is { } minSegment)
        {
            eDivisive = eDivisive with { MinSegmentLength = int.Parse(minSegment, CultureInfo.InvariantCulture) };
        }

        if (BenchData.Option(args, "--otava-compatible") is { } compatible)
        {
            eDivisive = eDivisive with { OtavaCompatible = bool.Parse(compatible) };
        }

        var pelt = new PeltOptions();
        if (BenchData.Option(args, "--pelt-min") is { } min)
        {
            pelt = pelt with { MinSegmentLength = int.Parse(min, CultureInfo.InvariantCulture) };
        }

        if (BenchData.Option(args, "--pelt-penalty") is { } penalty)
        {
            pelt = pelt with { Penalty = double.Parse(penalty, CultureInfo.InvariantCulture) };
        }

        return
        [
            new("ours: E-Divisive", s => EDivisive.Detect(s, eDivisive).Select(c => c.Index)),
            new("ours: PELT", s => Pelt.Detect(s, pelt).Select(c => c.Index)),

            // Perfolizer reports the last index of the old segment; +1 puts it in the same convention as ours.
            new("Perfolizer ED-PELT", s => EdPeltChangePointDetector.Instance.GetChangePointIndexes(s).Select(i => i + 1)),
        ];
    }

    private static TcpdScore Score(TcpdMethod method, TcpdSeries series)
    {
        var predicted = method.DetectAll(series);
        var f1 = TcpdMetrics.FMeasure(series.Annotations, predicted).F;
        var covering = TcpdMetrics.Covering(series.Annotations, predicted, series.Length);
        return new TcpdScore(f1, covering, predicted.Length);
    }

    private static double? PublishedScore(JsonElement scores, string dataset, string method) =>
        scores.TryGetProperty(dataset, out var row) && row.GetProperty(method).ValueKind == JsonValueKind.Number
            ? row.GetProperty(method).GetDouble()
            : null;
}
