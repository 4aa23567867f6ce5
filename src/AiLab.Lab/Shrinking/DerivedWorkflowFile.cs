using System.Globalization;
using System.Text;
using System.Text.Json;
using AiLab.Core.Workflows;

namespace AiLab.Lab.Shrinking;

/// <summary>The file derived workflows live in: <c>ailab.shrunk.yaml</c> next to the <c>ailab.yaml</c> of their
/// originals, an ordinary workflow file (<c>--config ailab.shrunk.yaml --workflow NAME-shrunk</c>). The original
/// file is never written.</summary>
public static class DerivedWorkflowFile
{
    /// <summary>The derived file for <paramref name="configPath"/>.</summary>
    public static string PathFor(string configPath)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(configPath)) ?? ".";
        var ext = Path.GetExtension(configPath);
        return Path.Combine(dir, Path.GetFileNameWithoutExtension(configPath)
            + ".shrunk" + (ext.Length > 0 ? ext : ".yaml"));
    }

    /// <summary>Adds (or replaces) <paramref name="workflow"/> in the derived file of <paramref name="configPath"/>,
    /// keeping the other derived workflows; returns the file's path.</summary>
    public static string Write(string configPath, WorkflowSpec workflow)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var path = PathFor(configPath);
        var others = File.Exists(path)
            ? WorkflowConfig.Load(path).Workflows.Where(w => w.Name != workflow.Name).ToList()
            : [];
        var text = new StringBuilder()
            .Append("# Derived by 'ailab shrink' from ").Append(Path.GetFileName(configPath))
            .Append("; regenerate it rather than editing it.\nworkflows:\n");
        foreach (var spec in others.Append(workflow).OrderBy(w => w.Name, StringComparer.Ordinal)) Append(text, spec);
        var temp = path + ".tmp";
        File.WriteAllText(temp, text.ToString());
        File.Move(temp, path, overwrite: true);
        return path;
    }

    private static void Append(StringBuilder text, WorkflowSpec w)
    {
        text.Append("  ").Append(w.Name).Append(":\n");
        Line(text, "run", Q(w.Run));
        if (w.Build is not null) Line(text, "build", Q(w.Build));
        if (w.WorkingDirectory is not null) Line(text, "workdir", Q(w.WorkingDirectory));
        if (w.Environment.Count > 0)
            Line(text, "env", "{" + string.Join(", ", w.Environment.OrderBy(kv => kv.Key, StringComparer.Ordinal)
                .Select(kv => $"{Q(kv.Key)}: {Q(kv.Value)}")) + "}");
        Line(text, "timeout", ((long)Math.Ceiling(w.Timeout.TotalSeconds)).ToString(CultureInfo.InvariantCulture)
            + "s");
        if (w.FirstBatchPattern is not null) Line(text, "first_batch_pattern", Q(w.FirstBatchPattern));
        if (w.ExpectedPhases.Count > 0) Line(text, "expect_phases", List(w.ExpectedPhases));
        if (w.AutoInstrument == AutoInstrument.Torch) Line(text, "auto_instrument", "torch");
        if (w.Trials is { } trials) Line(text, "trials", trials.ToString(CultureInfo.InvariantCulture));
        if (w.Warmup is { } warmup) Line(text, "warmup", warmup.ToString(CultureInfo.InvariantCulture));
        if (w.FootprintGlobs.Count > 0) Line(text, "footprint", List(w.FootprintGlobs));
        if (w.ShrunkFrom is not null) Line(text, "shrunk_from", Q(w.ShrunkFrom));
    }

    private static void Line(StringBuilder text, string key, string value) =>
        text.Append("    ").Append(key).Append(": ").Append(value).Append('\n');

    private static string List(IEnumerable<string> items) => "[" + string.Join(", ", items.Select(Q)) + "]";

    // A JSON string is a valid YAML double-quoted scalar.
    private static string Q(string value) => JsonSerializer.Serialize(value);
}
