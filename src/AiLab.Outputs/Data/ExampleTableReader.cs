using System.Globalization;
using System.Text.Json;
using Parquet.Serialization;

namespace AiLab.Outputs.Data;

/// <summary>Reads JSON lines (one object per line), CSV (a header, then comma-separated rows; no quoted commas) or
/// Parquet (flat columns of numbers, booleans or strings; nulls are missing values).</summary>
public static class ExampleTableReader
{
    /// <summary>Reads the file; ids come from <paramref name="idColumn"/> or, when null, are the 1-based row numbers.</summary>
    /// <exception cref="OutputsInputException">Unreadable lines, duplicate or missing ids.</exception>
    public static ExampleTable Read(string path, string? idColumn)
    {
        var name = Path.GetFileName(path);
        var builder = new Builder();
        if (path.EndsWith(".csv", StringComparison.OrdinalIgnoreCase)) ReadCsv(path, name, builder);
        else if (path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)) ReadParquet(path, name, builder);
        else ReadJsonLines(path, name, builder);
        if (builder.Rows == 0) throw new OutputsInputException($"{name} has no examples.");
        return builder.Build(name, idColumn);
    }

    private static void ReadJsonLines(string path, string name, Builder builder)
    {
        var lineNumber = 0;
        foreach (var line in File.ReadLines(path))
        {
            lineNumber++;
            if (string.IsNullOrWhiteSpace(line)) continue;
            try
            {
                using var doc = JsonDocument.Parse(line);
                if (doc.RootElement.ValueKind != JsonValueKind.Object) throw new JsonException("not an object");
                builder.StartRow();
                foreach (var property in doc.RootElement.EnumerateObject())
                {
                    var v = property.Value;
                    switch (v.ValueKind)
                    {
                        case JsonValueKind.Number: builder.Set(property.Name, v.GetDouble(), v.GetRawText()); break;
                        case JsonValueKind.True: builder.Set(property.Name, 1, "true"); break;
                        case JsonValueKind.False: builder.Set(property.Name, 0, "false"); break;
                        case JsonValueKind.String: builder.Set(property.Name, double.NaN, v.GetString()); break;
                        case JsonValueKind.Null: break;
                        default: builder.Set(property.Name, double.NaN, v.GetRawText()); break;
                    }
                }
            }
            catch (JsonException e)
            {
                throw new OutputsInputException($"{name}:{lineNumber}: not a JSON object ({e.Message}). Each line must be one example.");
            }
        }
    }

    private static void ReadParquet(string path, string name, Builder builder)
    {
        IList<Dictionary<string, object>> rows;
        try
        {
            using var stream = File.OpenRead(path);
            rows = ParquetSerializer.DeserializeUntypedAsync(stream).GetAwaiter().GetResult().Data;
        }
        catch (Exception e) when (e is IOException or InvalidDataException or NotSupportedException
                                       or InvalidOperationException or ArgumentException)
        {
            throw new OutputsInputException($"{name}: not a readable Parquet file ({e.Message}).");
        }

        foreach (var row in rows)
        {
            builder.StartRow();
            foreach (var (column, value) in row)
            {
                switch (value)
                {
                    case null: break;
                    case bool b: builder.Set(column, b ? 1 : 0, b ? "true" : "false"); break;
                    case string text: builder.Set(column, double.NaN, text); break;
                    case DateTime or DateTimeOffset or TimeSpan:
                        builder.Set(column, double.NaN, Convert.ToString(value, CultureInfo.InvariantCulture)); break;
                    case IConvertible number when IsNumber(number):
                        var x = number.ToDouble(CultureInfo.InvariantCulture);
                        builder.Set(column, x, x.ToString("R", CultureInfo.InvariantCulture)); break;
                    default:
                        throw new OutputsInputException(
                            $"{name}: column '{column}' of row {builder.Rows} holds a {value.GetType().Name}; the data " +
                            "set's columns must be flat numbers, booleans or strings (flatten lists and structs first).");
                }
            }
        }
    }

    private static bool IsNumber(IConvertible value) => value.GetTypeCode() is TypeCode.Byte or TypeCode.SByte
        or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32 or TypeCode.Int64 or TypeCode.UInt64
        or TypeCode.Single or TypeCode.Double or TypeCode.Decimal;

    private static void ReadCsv(string path, string name, Builder builder)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine()?.Split(',').Select(h => h.Trim()).ToArray()
                     ?? throw new OutputsInputException($"{name} is empty; a CSV needs a header line.");
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0) continue;
            var cells = line.Split(',');
            if (cells.Length != header.Length)
                throw new OutputsInputException($"{name}:{lineNumber}: {cells.Length} cells but the header has {header.Length}.");
            builder.StartRow();
            for (var c = 0; c < cells.Length; c++)
            {
                var cell = cells[c].Trim();
                if (cell.Length == 0) continue;
                builder.Set(header[c], double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) ? x : double.NaN, cell);
            }
        }
    }

    private sealed class Builder
    {
        private readonly Dictionary<string, List<double>> _numbers = [];
        private readonly Dictionary<string, List<string?>> _texts = [];

        public int Rows { get; private set; }

        public void StartRow() => Rows++;

        public void Set(string column, double number, string? text)
        {
            if (!_texts.TryGetValue(column, out var texts))
            {
                texts = [];
                _texts[column] = texts;
                _numbers[column] = [];
            }

            var numbers = _numbers[column];
            while (texts.Count < Rows - 1)
            {
                texts.Add(null);
                numbers.Add(double.NaN);
            }

            if (texts.Count == Rows) throw new OutputsInputException($"Column '{column}' appears twice in row {Rows}.");
            texts.Add(text);
            numbers.Add(number);
        }

        public ExampleTable Build(string source, string? idColumn)
        {
            foreach (var column in _texts.Keys)
            {
                while (_texts[column].Count < Rows)
                {
                    _texts[column].Add(null);
                    _numbers[column].Add(double.NaN);
                }
            }

            string[] ids;
            if (idColumn is null) ids = Enumerable.Range(1, Rows).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray();
            else if (!_texts.TryGetValue(idColumn, out var idTexts))
                throw new OutputsInputException($"The id column '{idColumn}' is not in {source}. Its columns: {string.Join(", ", _texts.Keys)}.");
            else
            {
                ids = new string[Rows];
                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < Rows; i++)
                {
                    ids[i] = idTexts[i] ?? throw new OutputsInputException($"Row {i + 1} of {source} has no '{idColumn}'.");
                    if (!seen.Add(ids[i])) throw new OutputsInputException($"Example id '{ids[i]}' appears twice in {source} (row {i + 1}).");
                }
            }

            return new ExampleTable(source, ids, _numbers.ToDictionary(p => p.Key, p => p.Value.ToArray()),
                _texts.ToDictionary(p => p.Key, p => p.Value.ToArray()));
        }
    }
}
