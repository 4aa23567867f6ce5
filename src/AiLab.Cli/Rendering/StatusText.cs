using AiLab.Core.Experiments;

namespace AiLab.Cli.Rendering;

/// <summary>An experiment's status reason as the command line shows it: the lab's reason, and for an interrupted
/// experiment the command that continues it.</summary>
internal static class StatusText
{
    /// <summary>The reason with the resume hint; null when the experiment has no reason.</summary>
    public static string? Reason(Experiment experiment)
    {
        if (experiment.StatusReason is not { } reason) return null;
        // Databases written before the lab stopped naming commands already carry the hint.
        if (experiment.Status != ExperimentStatus.Interrupted
            || reason.Contains("resume with:", StringComparison.Ordinal))
        {
            return reason;
        }

        var verb = experiment.Kind == ExperimentKind.AB ? "ab" : "run";
        return $"{reason}; resume with: ailab {verb} --resume {ResumedId(experiment)}";
    }

    // A confirmation run is continued through the experiment it confirms.
    private static string ResumedId(Experiment experiment) => experiment.ConfirmationOf ?? experiment.Id;
}
