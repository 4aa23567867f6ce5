namespace AiLab.Core.Incidents.Sinks;

/// <summary>Write each incident as a Markdown file, plus an index, into a directory.</summary>
/// <param name="Name">The sink's name.</param>
/// <param name="Directory">The directory, as written; relative paths are relative to the config file's directory.</param>
public sealed record MarkdownSinkConfig(string Name, string Directory) : SinkConfig(Name)
{
    /// <inheritdoc />
    public override string Type => "markdown";
}
