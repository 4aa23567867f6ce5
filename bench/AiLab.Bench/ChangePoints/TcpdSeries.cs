using System.Text.Json;

namespace AiLab.Bench.ChangePoints;

/// <summary>One TCPD series with its human annotations.</summary>
/// <param name="Name">The dataset name (its folder).</param>
/// <param name="Dimensions">One array per dimension, missing values forward-filled (then back-filled at the start).</param>
/// <param name="Missing">How many values were missing and filled.</param>
/// <param name="Annotations">One set of 0-based change points per annotator.</param>
internal sealed record TcpdSeries(string Name, IReadOnlyList<double[]> Dimensions, int Missing, IReadOnlyList<IReadOnlyCollection<int>> Annotations)
{
    /// <summary>The number of observations.</summary>
    public int Length => Dimensions[0].Length;

    /// <summary>
    /// The series whose data is not in data/reference: TCPD does not ship ten of them (its download scripts need the
    /// internet), and three are left out for their licence (nile and seatbelts GPL-2, homeruns CC BY-SA; see
    /// data/reference/README.md). They are the only ones allowed to be missing: any other missing file is an error,
    /// never a silently smaller benchmark.
    /// </summary>
    public static readonly IReadOnlySet<string> NotShipped = new HashSet<string>(StringComparer.Ordinal)
    {
        "apple", "bee_waggle_6", "bitcoin", "iceland_tourism", "measles", "occupancy", "ratner_stock", "robocalls",
        "scanline_126007", "scanline_42049", "homeruns", "nile", "seatbelts",
    };

    /// <summary>Every series of <c>tcpd/datasets</c> by name; those of <see cref="NotShipped"/> are listed in <paramref name="absent"/>.</summary>
    /// <exception cref="FileNotFoundException">A series that should be there has no data file.</exception>
    public static List<TcpdSeries> LoadAll(string dataDirectory, out List<string> absent)
    {
        var tcpd = Path.Combine(dataDirectory, "tcpd");
        using var annotations = JsonDocument.Parse(File.ReadAllText(Path.Combine(tcpd, "annotations.json")));
        var loaded = new List<TcpdSeries>();
        absent = [];
        foreach (var dataset in annotations.RootElement.EnumerateObject().OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            var file = Path.Combine(tcpd, "datasets", dataset.Name, dataset.Name + ".json");
            if (!File.Exists(file))
            {
                if (!NotShipped.Contains(dataset.Name))
                {
                    throw new FileNotFoundException($"TCPD series '{dataset.Name}' has no data file '{file}'", file);
                }

                absent.Add(dataset.Name);
                continue;
            }

            var perAnnotator = dataset.Value.EnumerateObject()
                .Select(a => (IReadOnlyCollection<int>)a.Value.EnumerateArray().Select(v => v.GetInt32()).ToArray())
                .ToList();
            loaded.Add(Load(dataset.Name, file, perAnnotator));
        }

        return loaded;
    }

    private static TcpdSeries Load(string name, string file, List<IReadOnlyCollection<int>> annotations)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file));
        var dimensions = new List<double[]>();
        var missing = 0;
        foreach (var series in document.RootElement.GetProperty("series").EnumerateArray())
        {
            var raw = series.GetProperty("raw").EnumerateArray()
                .Select(v => v.ValueKind == JsonValueKind.Number ? v.GetDouble() : (double?)null)
                .ToArray();
            missing += raw.Count(v => v is null);
            dimensions.Add(FillMissing(raw));
        }

        return new TcpdSeries(name, dimensions, missing, annotations);
    }

    // Otava's fill_missing: forward fill, then back fill a leading gap. It keeps every index where it was, which the
    // annotations (indices into the raw series) need; dropping the gaps would shift every later change point.
    private static double[] FillMissing(double?[] raw)
    {
        var filled = new double?[raw.Length];
        double? previous = null;
        for (var i = 0; i < raw.Length; i++)
        {
            previous = raw[i] ?? previous;
            filled[i] = previous;
        }

        double? next = null;
        for (var i = raw.Length - 1; i >= 0; i--)
        {
            next = filled[i] ?? next;
            filled[i] = next;
        }

        return filled.Select(v => v ?? throw new InvalidDataException("a series with no value at all")).ToArray();
    }
}
