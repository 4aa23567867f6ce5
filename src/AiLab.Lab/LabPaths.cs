namespace AiLab.Lab;

/// <summary>Where the lab keeps its state: the database, the build cache, and each trial's log and events.</summary>
/// <param name="Home">Root folder: <c>$AILAB_HOME</c>, or <c>~/.ailab</c>.</param>
public sealed record LabPaths(string Home)
{
    /// <summary>The default location, honouring <c>AILAB_HOME</c>.</summary>
    public static LabPaths Default()
    {
        var home = Environment.GetEnvironmentVariable("AILAB_HOME");
        if (string.IsNullOrWhiteSpace(home))
            home = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".ailab");
        return new LabPaths(Path.GetFullPath(home));
    }

    /// <summary>The SQLite database (overridable with <c>--db</c>).</summary>
    public string Database => Path.Combine(Home, "ailab.db");

    /// <summary>Worktrees and build outputs, one folder per (tree, build command, environment).</summary>
    public string Builds => Path.Combine(Home, "builds");

    /// <summary>The folder of one experiment's trial logs.</summary>
    public string TrialsOf(string experimentId) => Path.Combine(Home, "trials", experimentId);

    /// <summary>Log file of one trial.</summary>
    public string TrialLog(string experimentId, int sequence, string variant) =>
        Path.Combine(TrialsOf(experimentId), $"{sequence:D4}-{variant}.log");

    /// <summary>Probe events file of one trial.</summary>
    public string TrialEvents(string experimentId, int sequence, string variant) =>
        Path.Combine(TrialsOf(experimentId), $"{sequence:D4}-{variant}.events.jsonl");

    /// <summary>The file exported as <c>AILAB_FOOTPRINT</c>: the probe writes the loaded modules there.</summary>
    public string TrialFootprint(string experimentId, int sequence, string variant) =>
        Path.Combine(TrialsOf(experimentId), $"{sequence:D4}-{variant}.footprint.json");
}
