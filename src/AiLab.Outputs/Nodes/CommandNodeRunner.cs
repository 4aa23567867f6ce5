using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AiLab.Outputs.Dags;
using AiLab.Outputs.Data;

namespace AiLab.Outputs.Nodes;

/// <summary>Runs an external process: each example goes to its stdin as one JSON line {"id": …, column: value, …}; it
/// must answer one JSON line per example, in order, {"id": …, "&lt;output&gt;": score}.</summary>
public sealed class CommandNodeRunner : INodeRunner
{
    /// <inheritdoc />
    public async Task<double[]> RunAsync(ModelNodeSpec node, ExampleTable examples, string folder, CancellationToken cancellation)
    {
        var columns = node.Columns
            .Select(c => (Name: c, Values: examples.Numbers(node.TableColumn(c), $"node '{node.Name}'"))).ToArray();
        var start = new ProcessStartInfo(node.Run![0])
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardInputEncoding = new UTF8Encoding(false),
        };
        foreach (var arg in node.Run.Skip(1)) start.ArgumentList.Add(arg);
        using var process = StartOrThrow(node, start);
        var stderr = process.StandardError.ReadToEndAsync(cancellation);
        var writer = Task.Run(async () =>
        {
            try
            {
                for (var i = 0; i < examples.Count; i++)
                {
                    var line = new StringBuilder("{\"id\":").Append(JsonSerializer.Serialize(examples.Ids[i]));
                    foreach (var (name, values) in columns)
                        line.Append(',').Append(JsonSerializer.Serialize(name)).Append(':').Append(values[i].ToString("R", CultureInfo.InvariantCulture));
                    await process.StandardInput.WriteLineAsync(line.Append('}').ToString()).ConfigureAwait(false);
                }

                process.StandardInput.Close();
            }
            catch (IOException)
            {
                // The process stopped reading; its exit code and stderr say why.
            }
        }, cancellation);

        var scores = new double[examples.Count];
        var count = 0;
        try
        {
            while (await process.StandardOutput.ReadLineAsync(cancellation).ConfigureAwait(false) is { } line)
            {
                if (string.IsNullOrWhiteSpace(line)) continue;
                if (count >= examples.Count) throw new NodeFailedException(node.Name, null, $"answered more than the {examples.Count} examples it was given.");
                scores[count] = Parse(node, examples.Ids[count], line);
                count++;
            }

            await writer.ConfigureAwait(false);
            await process.WaitForExitAsync(cancellation).ConfigureAwait(false);
        }
        finally
        {
            if (!process.HasExited) process.Kill(entireProcessTree: true);
        }

        var errors = await stderr.ConfigureAwait(false);
        if (process.ExitCode != 0)
            throw new NodeFailedException(node.Name, count < examples.Count ? examples.Ids[count] : null,
                $"'{string.Join(' ', node.Run)}' exited with code {process.ExitCode} after {count} of {examples.Count} examples. stderr: {Tail(errors)}");
        if (count < examples.Count)
            throw new NodeFailedException(node.Name, examples.Ids[count], $"answered only {count} of {examples.Count} examples; none for this one.");
        ScoreCheck.Finite(node.Name, examples.Ids, scores);
        return scores;
    }

    private static double Parse(ModelNodeSpec node, string expectedId, string line)
    {
        try
        {
            // Python's json.dumps writes NaN as a bare literal, which is not JSON; read it as the NaN it means.
            using var doc = JsonDocument.Parse(line.Replace(": NaN", ": \"NaN\"", StringComparison.Ordinal)
                .Replace(":NaN", ":\"NaN\"", StringComparison.Ordinal));
            var root = doc.RootElement;
            var id = root.TryGetProperty("id", out var idElement) ? idElement.ToString() : null;
            if (id != expectedId)
                throw new NodeFailedException(node.Name, expectedId,
                    $"answered for example '{id ?? "(no id)"}' where '{expectedId}' was due; outputs must come back one per example, in input order.");
            if (!root.TryGetProperty(node.Output!, out var score))
                throw new NodeFailedException(node.Name, expectedId, $"output line has no '{node.Output}': {Tail(line)}");
            if (score.ValueKind == JsonValueKind.Array)
                throw new NodeFailedException(node.Name, expectedId, $"'{node.Output}' is a list of {score.GetArrayLength()} values; expected one score.");
            if (score.ValueKind == JsonValueKind.String && score.GetString() is "NaN" or "nan") return double.NaN;
            return score.GetDouble();
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new NodeFailedException(node.Name, expectedId, $"output is not a JSON line with a numeric '{node.Output}': {Tail(line)}");
        }
    }

    private static Process StartOrThrow(ModelNodeSpec node, ProcessStartInfo start)
    {
        try
        {
            return Process.Start(start) ?? throw new NodeFailedException(node.Name, null, $"could not start '{start.FileName}'.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new NodeFailedException(node.Name, null, $"could not start '{start.FileName}': {e.Message}.");
        }
    }

    private static string Tail(string text) => text.Length > 300 ? "…" + text[^300..].Trim() : text.Trim();
}
