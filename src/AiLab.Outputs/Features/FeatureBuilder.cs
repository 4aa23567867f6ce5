using AiLab.Outputs.Data;

namespace AiLab.Outputs.Features;

/// <summary>Runs feature nodes: each output becomes a column <c>NODE.OUTPUT</c> of the example table.</summary>
public static class FeatureBuilder
{
    /// <summary>The table with every output of <paramref name="node"/> added.</summary>
    /// <exception cref="OutputsInputException">A missing column, a value that is not a number (with no default), a
    /// constant column to standardise, or a value ≤ −1 under log1p, naming the node, the output and the
    /// example.</exception>
    public static ExampleTable Apply(FeatureNodeSpec node, ExampleTable table)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(table);
        var columns = new Dictionary<string, double[]>();
        foreach (var feature in node.Outputs)
            columns[FeatureNodeSpec.Column(node.Name, feature.Output)] = Derive(node, feature, table);
        return table.With(columns);
    }

    private static double[] Derive(FeatureNodeSpec node, FeatureSpec f, ExampleTable table)
    {
        var user = $"feature node '{node.Name}' (output '{f.Output}')";
        var (numbers, texts) = table.Raw(f.From, user);
        if (f.Op == FeatureOp.OneHot)
            return texts.Select(t => string.Equals(t, f.Value, StringComparison.Ordinal) ? 1.0 : 0.0).ToArray();
        var values = new double[numbers.Length];
        for (var i = 0; i < values.Length; i++)
        {
            var x = numbers[i];
            if (double.IsNaN(x))
            {
                x = f.Default ?? throw new OutputsInputException(
                    $"{user} reads column '{f.From}', but example '{table.Ids[i]}' (row {i + 1} of {table.Source}) has "
                    + $"{(texts[i] is { } t ? $"'{t}'" : "no value")} there, not a number. Fix the data, or give the "
                    + "output a 'default:' for missing values.");
            }

            if (f.Op == FeatureOp.Log1p && x <= -1)
                throw new OutputsInputException(
                    $"{user}: log1p of {x} (example '{table.Ids[i]}', column '{f.From}') is undefined; "
                    + "log1p needs values > -1.");
            values[i] = f.Op == FeatureOp.Log1p ? Math.Log(1 + x) : x;
        }

        return f.Op == FeatureOp.Standardize ? Standardize(user, f, values) : values;
    }

    // z = (x − mean) / std; the data set's own mean and (population) standard deviation when the owner gives none.
    private static double[] Standardize(string user, FeatureSpec f, double[] values)
    {
        var mean = f.Mean ?? values.Average();
        var std = f.Std ?? Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / values.Length);
        if (!(std > 0) || !double.IsFinite(std))
            throw new OutputsInputException(
                $"{user}: cannot standardise column '{f.From}' with std = {std} (a constant column?). "
                + "Give 'std:' (the training set's), or use op: copy.");
        return values.Select(v => (v - mean) / std).ToArray();
    }
}
