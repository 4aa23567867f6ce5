using System.Text;
using AiLab.Core.Incidents;
using AiLab.Core.Incidents.Sinks;
using AiLab.Notifications.Rendering;

namespace AiLab.Notifications.Sinks;

/// <summary>Writes one Markdown file per incident (<c>ID.md</c>) and an <c>index.md</c> listing them, in a directory
/// (e.g. one a docs site or a repository publishes). Rewriting an incident's file replaces it: idempotent.</summary>
public sealed class MarkdownFileSink(MarkdownSinkConfig config, string directory) : INotificationSink
{
    /// <summary>The index file's name.</summary>
    public const string IndexFile = "index.md";

    /// <inheritdoc />
    public string Name => config.Name;

    /// <inheritdoc />
    public string Type => config.Type;

    /// <summary>The directory written to, absolute.</summary>
    public string Directory { get; } = Path.GetFullPath(directory);

    /// <inheritdoc />
    public Task<DeliveryOutcome> DeliverAsync(Incident incident, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(incident);
        try
        {
            System.IO.Directory.CreateDirectory(Directory);
            var path = Path.Combine(Directory, incident.Id + ".md");
            WriteAtomically(path, IncidentMarkdown.Document(incident));
            WriteAtomically(Path.Combine(Directory, IndexFile), Index());
            return Task.FromResult(DeliveryOutcome.Delivered(path));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return Task.FromResult(DeliveryOutcome.Transient($"cannot write to {Directory}: {e.Message}"));
        }
    }

    // Rebuilt from the files present, so that an index lost or edited by hand heals on the next delivery.
    private string Index()
    {
        var sb = new StringBuilder("# AiLab incidents\n\n");
        foreach (var file in System.IO.Directory.GetFiles(Directory, IncidentId.Prefix + "*.md").Order(StringComparer.Ordinal))
        {
            var title = File.ReadLines(file).FirstOrDefault()?.TrimStart('#', ' ') ?? Path.GetFileNameWithoutExtension(file);
            sb.Append("- [").Append(title.Replace("]", "\\]", StringComparison.Ordinal)).Append("](").Append(Path.GetFileName(file)).Append(")\n");
        }

        return sb.ToString();
    }

    // A reader (or a crash) never sees half a file: write beside it, then rename over it.
    private static void WriteAtomically(string path, string content)
    {
        if (File.Exists(path) && File.ReadAllText(path) == content)
            return;
        var temp = $"{path}.{Environment.ProcessId}.tmp";
        File.WriteAllText(temp, content);
        File.Move(temp, path, overwrite: true);
    }
}
