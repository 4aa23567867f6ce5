namespace AiLab.Core.Experiments;

/// <summary>Where an experiment is in its life.</summary>
public enum ExperimentStatus
{
    /// <summary>Trials are being run (or the process running them died; <c>--resume</c> continues it).</summary>
    Running,

    /// <summary>Every scheduled trial ran and the verdict is stored.</summary>
    Completed,

    /// <summary>Stopped by the user (Ctrl-C, SIGTERM); the trials so far are kept and <c>--resume</c> continues it.</summary>
    Interrupted,

    /// <summary>Could not go on (a variant failed to build, every trial failed); the reason is stored.</summary>
    Failed,
}
