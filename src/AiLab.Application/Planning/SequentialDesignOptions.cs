using AiLab.Stats.Sequential;

namespace AiLab.Application.Planning;

/// <summary>The choices of a sequential experiment's design, with the defaults the lab plans with. Pocock-type
/// α-spending by default: in the sequential-sim benchmark it saves 43% of the trials against fixed N at equal error
/// rates, where O'Brien–Fleming saves 29–31% (it keeps the cap lower: 37 trials against Pocock's 46 for a fixed
/// 35).</summary>
public sealed record SequentialDesignOptions
{
    /// <summary>The defaults of <c>ab --sequential</c>.</summary>
    public static readonly SequentialDesignOptions Default = new();

    /// <summary>Power at <see cref="EquivalenceMargin"/>. Default 0.9.</summary>
    public double Power { get; init; } = 0.9;

    /// <summary>The relative shift the design has its power at, and below which "no change" may stop it. Default
    /// 0.03 (3%).</summary>
    public double EquivalenceMargin { get; init; } = 0.03;

    /// <summary>Looks, equally spaced up to the cap. Default 5.</summary>
    public int LookCount { get; init; } = 5;

    /// <summary>Fewest trials per variant at the first look. Default 5.</summary>
    public int MinTrials { get; init; } = 5;

    /// <summary>α-spending function. Default <see cref="SpendingFunction.Pocock"/>.</summary>
    public SpendingFunction Spending { get; init; } = SpendingFunction.Pocock;

    /// <summary>sd of log TTFB assumed without a calibration: the quiet PyTorch example measures 0.02-0.03. Default
    /// 0.04.</summary>
    public double DefaultLogSd { get; init; } = 0.04;

    /// <summary>Floor of a calibration's sd of log TTFB: a calibration on a very quiet machine must not plan a design
    /// too short for the next, noisier run. Default 0.005.</summary>
    public double MinLogSd { get; init; } = 0.005;
}
