using AiLab.Outputs.Dags;
using AiLab.Outputs.Data;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace AiLab.Outputs.Nodes;

/// <summary>Runs an ML.NET model (a .zip saved by <c>MLContext.Model.Save</c>) in-process: the node's columns become
/// one float vector column — named by the node's <c>input</c>, by default the model's only vector input, else
/// <c>Features</c> — and the score is the node's <c>output</c> column, by default <c>Probability</c> when the model
/// has one (a calibrated binary classifier), else <c>Score</c>.</summary>
public sealed class MlNetNodeRunner : INodeRunner
{
    /// <inheritdoc />
    public Task<double[]> RunAsync(ModelNodeSpec node, ExampleTable examples, string folder, CancellationToken cancellation)
    {
        var context = new MLContext(seed: 0);
        var (model, inputSchema) = Load(context, node);
        var inputName = InputColumn(node, inputSchema);
        var columns = node.Columns.Select(c => examples.Numbers(node.TableColumn(c), $"node '{node.Name}'")).ToArray();
        var width = columns.Length;
        var expected = inputSchema.GetColumnOrNull(inputName)?.Type as VectorDataViewType;
        if (expected is { Size: > 0 } && expected.Size != width)
            throw new OutputsInputException(
                $"node '{node.Name}': the model's input '{inputName}' is a vector of {expected.Size} but the node lists " +
                $"{width} columns. List exactly the {expected.Size} columns the model was trained on.");

        var rows = new FeatureRow[examples.Count];
        for (var r = 0; r < rows.Length; r++)
        {
            var features = new float[width];
            for (var c = 0; c < width; c++) features[c] = (float)columns[c][r];
            rows[r] = new FeatureRow { Features = features };
        }

        var definition = SchemaDefinition.Create(typeof(FeatureRow));
        definition[nameof(FeatureRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, width);
        definition[nameof(FeatureRow.Features)].ColumnName = inputName;
        cancellation.ThrowIfCancellationRequested();
        IDataView scored;
        try
        {
            scored = model.Transform(context.Data.LoadFromEnumerable(rows, definition));
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            throw new NodeFailedException(node.Name, null, $"the ML.NET model could not score the examples ({e.Message}).");
        }

        var outputName = OutputColumn(node, scored.Schema);
        var scores = scored.GetColumn<float>(outputName).Select(s => (double)s).ToArray();
        if (scores.Length != examples.Count)
            throw new NodeFailedException(node.Name, null, $"gave {scores.Length} scores for {examples.Count} examples.");
        ScoreCheck.Finite(node.Name, examples.Ids, scores);
        return Task.FromResult(scores);
    }

    /// <summary>The model's vector input and its size, and its score columns, for <c>ailab outputs init</c> and for
    /// checks before running.</summary>
    public static (string Input, int Size) Describe(string modelPath)
    {
        var context = new MLContext(seed: 0);
        using var stream = File.OpenRead(modelPath);
        context.Model.Load(stream, out var schema);
        var vector = schema.FirstOrDefault(c => c.Type is VectorDataViewType);
        return vector.Name is null ? ("Features", 0) : (vector.Name, ((VectorDataViewType)vector.Type).Size);
    }

    private static (ITransformer Model, DataViewSchema InputSchema) Load(MLContext context, ModelNodeSpec node)
    {
        try
        {
            using var stream = File.OpenRead(node.Model!);
            var model = context.Model.Load(stream, out var schema);
            return (model, schema);
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or FormatException
                                       or InvalidDataException or ArgumentException)
        {
            throw new OutputsInputException(
                $"node '{node.Name}': {Path.GetFileName(node.Model)} is not an ML.NET model ({e.Message}). " +
                "Save it with MLContext.Model.Save.");
        }
    }

    private static string InputColumn(ModelNodeSpec node, DataViewSchema schema)
    {
        if (node.Input is { } named)
        {
            if (schema.GetColumnOrNull(named) is null)
                throw new OutputsInputException(
                    $"node '{node.Name}': the model has no input '{named}'. Its inputs: " +
                    $"{string.Join(", ", schema.Select(c => c.Name))}.");
            return named;
        }

        var vectors = schema.Where(c => c.Type is VectorDataViewType).ToList();
        return vectors.Count == 1 ? vectors[0].Name : "Features";
    }

    private static string OutputColumn(ModelNodeSpec node, DataViewSchema schema)
    {
        var name = node.Output ?? (schema.GetColumnOrNull("Probability") is not null ? "Probability" : "Score");
        var column = schema.GetColumnOrNull(name);
        if (column is null)
            throw new OutputsInputException(
                $"node '{node.Name}': the model gives no column '{name}'. Name one of its outputs with 'output:' " +
                $"({string.Join(", ", schema.Where(c => c.Type == NumberDataViewType.Single).Select(c => c.Name))}).");
        if (column.Value.Type != NumberDataViewType.Single)
            throw new OutputsInputException(
                $"node '{node.Name}': output '{name}' is {column.Value.Type}, not one float per example " +
                "(a shape mismatch); name a scalar score column with 'output:'.");
        return name;
    }

    private sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];
    }
}
