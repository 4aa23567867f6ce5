using AiLab.Core.Machine;

namespace AiLab.Lab.Machine;

/// <summary>Settles the CPUs of an experiment: an explicit choice (<c>--cpus LIST</c>, the workflow's <c>cpus</c>)
/// wins, <c>none</c> turns pinning off, and otherwise the core-speed calibration chooses (<see
/// cref="CoreChooser"/>).</summary>
public static class CpuPinningResolver
{
    /// <summary>The word that turns pinning off.</summary>
    public const string None = "none";

    /// <summary>The word that asks for the calibration's choice (the default).</summary>
    public const string Auto = "auto";

    /// <summary>The pinning for option text <paramref name="option"/> (null, <c>auto</c>, <c>none</c> or a parsed
    /// list in <paramref name="optionCpus"/>) and the workflow's own CPUs; <paramref name="calibrate"/> is called
    /// only when the calibration must choose.</summary>
    public static CpuPinning Resolve(
        string? option, IReadOnlyList<int>? optionCpus, IReadOnlyList<int>? workflowCpus, string optionName,
        Func<CpuPinning> calibrate)
    {
        ArgumentNullException.ThrowIfNull(calibrate);
        if (option == None) return new CpuPinning(null, "none", $"{optionName} none: pinning turned off, the scheduler places each trial");
        if (optionCpus is { Count: > 0 }) return new CpuPinning(optionCpus, "option", $"{optionName} {string.Join(',', optionCpus)}");
        if (option is null && workflowCpus is { Count: > 0 }) return new CpuPinning(workflowCpus, "workflow", "the workflow's cpus setting");
        return calibrate();
    }

    /// <summary>The calibration's choice, with where the calibration came from.</summary>
    public static CpuPinning FromCalibration(CoreSpeedCalibration calibration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        var report = calibration.Get(out var why, cancellationToken: cancellationToken);
        var choice = CoreChooser.Choose(report.Cores);
        return choice with { Reason = $"{choice.Reason} (core-speed calibration {why})" };
    }
}
