namespace AiLab.Core.Calibrations;

/// <summary>Durable home of calibrations.</summary>
public interface ICalibrationStore
{
    /// <summary>Stores a calibration.</summary>
    void Add(Calibration calibration);

    /// <summary>The newest calibration of a workflow key, or null.</summary>
    Calibration? Latest(string workflowKey);

    /// <summary>A calibration by id or unique id prefix; null when none matches.</summary>
    Calibration? Find(string idOrPrefix);

    /// <summary>The most recent calibrations, newest first.</summary>
    IReadOnlyList<Calibration> List(int limit);
}
