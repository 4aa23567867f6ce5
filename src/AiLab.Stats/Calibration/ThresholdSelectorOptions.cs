namespace AiLab.Stats.Calibration;

/// <summary>How <see cref="ThresholdSelector"/> builds its pseudo-experiments and which shifts it scores.</summary>
public sealed record ThresholdSelectorOptions
{
    /// <summary>The defaults.</summary>
    public static readonly ThresholdSelectorOptions Default = new();

    /// <summary>Relative shifts whose detection rate is reported. Default 1%, 2%, 3%, 5%, 10%.</summary>
    public IReadOnlyList<double> TargetShifts { get; init; } = [0.01, 0.02, 0.03, 0.05, 0.10];

    /// <summary>The shift the threshold is tuned to detect (the ROC's true-positive axis). Default 3%.</summary>
    public double DesignShift { get; init; } = 0.03;

    /// <summary>A/A pseudo-experiments for the null. Default 20,000: at a 1/1000 budget that leaves about 20
    /// exceedances, enough for an empirical tail; fewer fall back on the parametric fit.</summary>
    public int NullExperiments { get; init; } = 20_000;

    /// <summary>Pseudo-experiments per injected shift. Default 4,000 (a detection rate's standard error ≤ 0.8 points).</summary>
    public int ShiftedExperiments { get; init; } = 4_000;

    /// <summary>The candidate detectors, in order of preference when their detection rates tie. Default all three.</summary>
    public IReadOnlyList<Detector> Detectors { get; init; } = [Detector.WelchLogT, Detector.MannWhitneyZ, Detector.MedianRatioZ];

    /// <summary>Seed of the pseudo-experiments' random splits; the selection is a pure function of its inputs. Default 0.</summary>
    public int Seed { get; init; }

    /// <summary>Points kept per ROC curve (log-spaced in false-positive rate). Default 40.</summary>
    public int RocPoints { get; init; } = 40;

    /// <summary>Validates the options; throws <see cref="ArgumentException"/> naming the bad setting.</summary>
    public ThresholdSelectorOptions Validated()
    {
        ArgumentNullException.ThrowIfNull(TargetShifts);
        ArgumentNullException.ThrowIfNull(Detectors);
        if (TargetShifts.Any(s => !(s > 0 && s <= 1)))
            throw new ArgumentException($"target shifts must lie in (0, 1] (0.03 = 3%), got [{string.Join(", ", TargetShifts)}]");
        if (!(DesignShift > 0 && DesignShift <= 1)) throw new ArgumentException($"the design shift must lie in (0, 1] (0.03 = 3%), got {DesignShift}");
        if (NullExperiments < 2000) throw new ArgumentException($"at least 2,000 null pseudo-experiments are needed, got {NullExperiments}");
        if (ShiftedExperiments < 200) throw new ArgumentException($"at least 200 pseudo-experiments per shift are needed, got {ShiftedExperiments}");
        if (Detectors.Count == 0 || Detectors.Any(d => !Enum.IsDefined(d))) throw new ArgumentException("at least one known detector is needed");
        if (RocPoints < 2) throw new ArgumentException($"a ROC curve needs at least 2 points, got {RocPoints}");
        return this;
    }
}
