using AiLab.Outputs.Dags;
using AiLab.Outputs.Data;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace AiLab.Outputs.Nodes;

/// <summary>Runs an ONNX model in-process through ONNX Runtime: the node's columns become one float input of shape
/// [batch, columns], the output must be [batch] or [batch, 1].</summary>
public sealed class OnnxNodeRunner : INodeRunner
{
    /// <summary>Examples per call to the model.</summary>
    public const int BatchSize = 4096;

    /// <inheritdoc />
    public Task<double[]> RunAsync(ModelNodeSpec node, ExampleTable examples, string folder, CancellationToken cancellation)
    {
        using var session = Open(node);
        var (inputName, outputName) = CheckSignature(node, session);
        var columns = node.Columns.Select(c => examples.Numbers(node.TableColumn(c), $"node '{node.Name}'")).ToArray();
        var width = columns.Length;
        var scores = new double[examples.Count];
        var buffer = new float[BatchSize * width];
        using var options = new RunOptions();
        for (var start = 0; start < examples.Count; start += BatchSize)
        {
            cancellation.ThrowIfCancellationRequested();
            var rows = Math.Min(BatchSize, examples.Count - start);
            for (var r = 0; r < rows; r++)
            {
                for (var c = 0; c < width; c++) buffer[(r * width) + c] = (float)columns[c][start + r];
            }

            using var input = OrtValue.CreateTensorValueFromMemory(buffer.AsMemory(0, rows * width).ToArray(), [rows, width]);
            using var outputs = session.Run(options, [inputName], [input], [outputName]);
            var shape = outputs[0].GetTensorTypeAndShape().Shape;
            if (!(shape.Length == 1 && shape[0] == rows) && !(shape.Length == 2 && shape[0] == rows && shape[1] == 1))
                throw new NodeFailedException(node.Name, examples.Ids[start],
                    $"output '{outputName}' has shape [{string.Join(", ", shape)}] for a batch of {rows}; "
                    + $"expected [{rows}] or [{rows}, 1] (one score per example).");
            var data = outputs[0].GetTensorDataAsSpan<float>();
            for (var r = 0; r < rows; r++) scores[start + r] = data[r];
        }

        ScoreCheck.Finite(node.Name, examples.Ids, scores);
        return Task.FromResult(scores);
    }

    /// <summary>The model's input and output names and shapes, for <c>ailab outputs init</c> and for messages.</summary>
    public static (string Input, long[] InputShape, string Output, long[] OutputShape)[] Describe(string modelPath)
    {
        using var session = new InferenceSession(modelPath);
        var i = session.InputMetadata.First();
        var o = session.OutputMetadata.First();
        return [(i.Key, i.Value.Dimensions.Select(d => (long)d).ToArray(), o.Key, o.Value.Dimensions.Select(d => (long)d).ToArray())];
    }

    private static InferenceSession Open(ModelNodeSpec node)
    {
        try
        {
            return new InferenceSession(node.Model!);
        }
        catch (OnnxRuntimeException e)
        {
            throw new OutputsInputException($"node '{node.Name}': ONNX Runtime cannot load {node.Model}: {e.Message}");
        }
    }

    private static (string Input, string Output) CheckSignature(ModelNodeSpec node, InferenceSession session)
    {
        string Pick(IReadOnlyDictionary<string, NodeMetadata> metadata, string? wanted, string what)
        {
            if (wanted is not null)
            {
                return metadata.ContainsKey(wanted) ? wanted : throw new OutputsInputException(
                    $"node '{node.Name}': the model has no {what} '{wanted}'. Its {what}s: {string.Join(", ", metadata.Keys)}.");
            }

            return metadata.Count == 1 ? metadata.Keys.First() : throw new OutputsInputException(
                $"node '{node.Name}': the model has {metadata.Count} {what}s ({string.Join(", ", metadata.Keys)}); name one with '{what}:'.");
        }

        var input = Pick(session.InputMetadata, node.Input, "input");
        var output = Pick(session.OutputMetadata, node.Output, "output");
        var meta = session.InputMetadata[input];
        if (meta.ElementDataType != TensorElementType.Float)
            throw new OutputsInputException($"node '{node.Name}': input '{input}' is {meta.ElementDataType}; only float inputs are supported.");
        var dims = meta.Dimensions;
        if (dims.Length != 2 || (dims[1] > 0 && dims[1] != node.Columns.Count))
            throw new OutputsInputException(
                $"node '{node.Name}': input '{input}' has shape [{string.Join(", ", dims)}] but the node feeds {node.Columns.Count} columns " +
                $"({string.Join(", ", node.Columns)}) as [batch, {node.Columns.Count}]. List exactly the columns the model was trained on.");
        return (input, output);
    }
}
