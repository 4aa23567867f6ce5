namespace AiLab.Outputs.Data;

/// <summary>The examples of a data set held by column: each value as a number (NaN when it is not one) and as text.</summary>
public sealed class ExampleTable
{
    private readonly Dictionary<string, double[]> _numbers;
    private readonly Dictionary<string, string?[]> _texts;

    /// <summary>A table over columns already read.</summary>
    public ExampleTable(string source, string[] ids, Dictionary<string, double[]> numbers, Dictionary<string, string?[]> texts)
    {
        Source = source;
        Ids = ids;
        _numbers = numbers;
        _texts = texts;
    }

    /// <summary>The file the examples came from, for messages.</summary>
    public string Source { get; }

    /// <summary>The example ids, in file order.</summary>
    public string[] Ids { get; }

    /// <summary>How many examples.</summary>
    public int Count => Ids.Length;

    /// <summary>The column names, in first-seen order.</summary>
    public IEnumerable<string> Columns => _texts.Keys;

    /// <summary>Whether the table has <paramref name="column"/>.</summary>
    public bool Has(string column) => _texts.ContainsKey(column);

    /// <summary>A column's values as numbers; <paramref name="user"/> names who needs it, for the error.</summary>
    /// <exception cref="OutputsInputException">The column is missing or holds a value that is not a number.</exception>
    public double[] Numbers(string column, string user)
    {
        var values = _numbers.GetValueOrDefault(column) ?? throw Missing(column, user);
        for (var i = 0; i < values.Length; i++)
        {
            if (double.IsNaN(values[i]))
                throw new OutputsInputException(
                    $"{user} reads column '{column}', but example '{Ids[i]}' (row {i + 1} of {Source}) has " +
                    $"{(_texts[column][i] is { } t ? $"'{t}'" : "no value")} there, not a number.");
        }

        return values;
    }

    /// <summary>A column's values as text (slices); missing values read as "(none)".</summary>
    public string[] Texts(string column, string user) =>
        (_texts.GetValueOrDefault(column) ?? throw Missing(column, user)).Select(t => t ?? "(none)").ToArray();

    /// <summary>A column as read: numbers (NaN where a value is missing or not a number) and texts (null where
    /// missing), for nodes that decide themselves what a missing value means.</summary>
    public (double[] Numbers, string?[] Texts) Raw(string column, string user) =>
        (_numbers.GetValueOrDefault(column) ?? throw Missing(column, user), _texts[column]);

    /// <summary>This table with <paramref name="columns"/> added (derived by a feature node); the examples are
    /// shared.</summary>
    public ExampleTable With(IReadOnlyDictionary<string, double[]> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var numbers = new Dictionary<string, double[]>(_numbers);
        var texts = new Dictionary<string, string?[]>(_texts);
        foreach (var (name, values) in columns)
        {
            if (values.Length != Count)
                throw new ArgumentException($"column '{name}' has {values.Length} values for {Count} examples");
            numbers[name] = values;
            texts[name] = values.Select(v => v.ToString("R", System.Globalization.CultureInfo.InvariantCulture))
                .ToArray();
        }

        return new ExampleTable(Source, Ids, numbers, texts);
    }

    private OutputsInputException Missing(string column, string user) => new(
        $"{user} reads column '{column}', which {Source} does not have. Its columns: {string.Join(", ", Columns)}.");
}
