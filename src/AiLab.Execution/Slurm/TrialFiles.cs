namespace AiLab.Execution.Slurm;

/// <summary>The files of one submission, next to the trial's log in the shared directory: the batch script, the
/// handover the node writes when the workload ended, and the ping/pong of the clock-offset exchange.</summary>
internal sealed record TrialFiles(string Script, string Handover, string Ping, string Pong)
{
    /// <summary>The files for the trial whose log is <paramref name="logPath"/>.</summary>
    public static TrialFiles For(string logPath)
    {
        var stem = Path.Combine(Path.GetDirectoryName(logPath)!, Path.GetFileNameWithoutExtension(logPath));
        return new TrialFiles(stem + ".sbatch", stem + ".handover", stem + ".ping", stem + ".pong");
    }

    /// <summary>Removes what an earlier attempt left, so nothing of it is read as this one's.</summary>
    public void Clear()
    {
        foreach (var path in new[] { Handover, Ping, Pong, Ping + ".tmp", Pong + ".tmp", Handover + ".tmp" })
            File.Delete(path);
    }
}
