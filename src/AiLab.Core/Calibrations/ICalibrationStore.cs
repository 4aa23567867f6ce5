namespace AiLab.Core.Calibrations;

/// <summary>Durable home of calibrations.</summary>
public interface ICalibrationStore
{
    /// <summary>Stores a calibration.</summary>
    Task AddAsync(Calibration calibration, CancellationToken cancellationToken = default);

    /// <summary>The newest calibration of a workflow key, or null.</summary>
    Task<Calibration?> LatestAsync(string workflowKey, CancellationToken cancellationToken = default);

    /// <summary>A calibration by id or unique id prefix; null when none matches.</summary>
    Task<Calibration?> FindAsync(string idOrPrefix, CancellationToken cancellationToken = default);

    /// <summary>The most recent calibrations, newest first.</summary>
    Task<IReadOnlyList<Calibration>> ListAsync(int limit, CancellationToken cancellationToken = default);
}
