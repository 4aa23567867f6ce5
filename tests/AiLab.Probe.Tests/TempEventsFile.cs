namespace AiLab.Probe.Tests;

/// <summary>A unique events-file path in the temp directory, deleted on dispose.</summary>
internal sealed class TempEventsFile : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ailab-probe-{Guid.NewGuid():N}.jsonl");

    public string[] ReadLines() => File.Exists(Path) ? File.ReadAllLines(Path) : [];

    public void Dispose() => File.Delete(Path);
}
