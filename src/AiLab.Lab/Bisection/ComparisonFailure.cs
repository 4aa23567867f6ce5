namespace AiLab.Lab.Bisection;

/// <summary>Why a comparison produced no verdict.</summary>
public enum ComparisonFailure
{
    /// <summary>Both sides ran; the verdict is there.</summary>
    None,

    /// <summary>The base commit could not be built or run.</summary>
    Base,

    /// <summary>The candidate commit could not be built or run: bisection skips it, as <c>git bisect skip</c> would.</summary>
    Candidate,

    /// <summary>Stopped by the user (Ctrl-C, SIGTERM); what was measured is stored.</summary>
    Interrupted,
}
