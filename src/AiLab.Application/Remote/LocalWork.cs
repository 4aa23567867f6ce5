namespace AiLab.Application.Remote;

/// <summary>What a command made in the local store and sends to a server afterwards: experiments (each with its
/// confirmation runs), calibrations (with their A/A experiments) and incidents (with their evidence).</summary>
public sealed record LocalWork
{
    /// <summary>Experiment ids, oldest first (an original before its confirmation).</summary>
    public IReadOnlyList<string> Experiments { get; init; } = [];

    /// <summary>Calibration ids.</summary>
    public IReadOnlyList<string> Calibrations { get; init; } = [];

    /// <summary>Incident ids.</summary>
    public IReadOnlyList<string> Incidents { get; init; } = [];

    /// <summary>Every id, as <c>ailab submit</c> takes them.</summary>
    public IEnumerable<string> Ids => Experiments.Concat(Calibrations).Concat(Incidents);
}
