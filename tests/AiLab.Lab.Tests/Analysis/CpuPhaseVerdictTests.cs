using AiLab.Core.Experiments;
using AiLab.Core.Verdicts;
using AiLab.Lab.Analysis;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Analysis;

/// <summary>Phases judged on CPU time where they are CPU-bound (<see cref="CpuBoundPhases"/>,
/// <see cref="PhaseDecomposedRule"/>).</summary>
public sealed class CpuPhaseVerdictTests
{
    private static readonly VerdictPolicy Fast = VerdictPolicy.Default with { BootstrapIterations = 400 };

    /// <summary>One phase of a simulated trial: its CPU work and blocked time in ms, and the noise of each.</summary>
    private sealed record PhaseModel(
        string Name, double CpuMs, double WaitMs, double CpuSd = 0.01, double WaitSd = 0.02);

    private static readonly PhaseModel[] Baseline =
    [
        new("imports", 800, 100, CpuSd: 0.02, WaitSd: 0.3), new("config_validation", 0.1, 0.1),
        new("preprocessing", 150, 2), new("model_build", 30, 1), new("first_batch", 15, 5),
    ];

    [Fact]
    public void Analyze_LoadStretchesAComputingPhase_CpuTimeDecidesTheRegression()
    {
        // +60 ms of CPU work in preprocessing on a machine whose load stretches every phase by 1–3× at random: the
        // wall time cannot tell, the CPU time can.
        var experiment = Trials.AbExperiment(trials: 10, warmup: 0);
        var trials = Build(experiment, seed: 21, load: 0.5,
            b: p => p.Name == "preprocessing" ? p with { CpuMs = 210 } : p);

        var verdict = ExperimentAnalyzer.Analyze(experiment, trials, Fast);

        Assert.Equal(Verdict.Regression, verdict.Overall);
        Assert.Equal("phase_cpu:preprocessing", verdict.Basis!.DecidedBy);
        Assert.Equal("phase:preprocessing", verdict.Cause);
        Assert.NotEqual(Verdict.Regression, Metric(verdict, "phase:preprocessing").Verdict);
        Assert.Contains("(CPU time of a CPU-bound phase; its wall time", verdict.Basis.Summary,
            StringComparison.Ordinal);
        // TTFB and its 5 phases, plus the CPU times of the 4 phases that compute (config validation is too short).
        Assert.Equal(10, verdict.Basis.FamilySize);
    }

    [Fact]
    public void Analyze_BlockingWaitInAPhase_WallTimeDecidesAndTheWaitingPhaseIsNoCpuCandidate()
    {
        // The demo's regression on a busy machine: +120 ms of waiting for a thread in config validation, no CPU.
        var experiment = Trials.AbExperiment(trials: 10, warmup: 0);
        var trials = Build(experiment, seed: 22, load: 0.5,
            b: p => p.Name == "config_validation" ? p with { WaitMs = 120 } : p);

        var verdict = ExperimentAnalyzer.Analyze(experiment, trials, Fast);

        Assert.Equal(Verdict.Regression, verdict.Overall);
        Assert.Equal("phase:config_validation", verdict.Basis!.DecidedBy);
        Assert.True(double.IsNaN(Metric(verdict, "phase_cpu:config_validation").AdjustedP));
    }

    [Fact]
    public void Analyze_SpinReplacesASleepOnAQuietMachine_WallTimeRulesOutTheCpuShift()
    {
        // Preprocessing waited 110 ms for a file; B spins for it instead: +110 ms CPU, the same wall time.
        var experiment = Trials.AbExperiment(trials: 10, warmup: 0);
        var trials = Build(experiment, seed: 23, load: 0,
            a: p => p.Name == "preprocessing" ? p with { WaitMs = 110 } : p,
            b: p => p.Name == "preprocessing" ? p with { CpuMs = 260, WaitMs = 0 } : p);

        var verdict = ExperimentAnalyzer.Analyze(experiment, trials, Fast);

        Assert.NotEqual(Verdict.Regression, verdict.Overall);
        Assert.NotEqual("phase_cpu:preprocessing", verdict.Basis!.DecidedBy);
        Assert.Equal(Verdict.Regression, Metric(verdict, "phase_cpu:preprocessing").Verdict);
    }

    [Fact]
    public void Analyze_AaOnALoadedMachineWithCpuTimes_NoAlarm()
    {
        // The CPU times enlarge the Holm family; 40 A/A experiments at α = 0.01 should raise an alarm in none or one.
        var alarms = 0;
        for (var seed = 0; seed < 40; seed++)
        {
            var experiment = Trials.AbExperiment(trials: 10, warmup: 0);
            var verdict = ExperimentAnalyzer.Analyze(experiment, Build(experiment, seed: 700 + seed, load: 0.5), Fast);
            if (verdict.Overall is Verdict.Regression or Verdict.Improvement) alarms++;
        }

        Assert.InRange(alarms, 0, 2);
    }

    [Fact]
    public void Select_ParallelOrWaitingPhases_AreNotCpuBound()
    {
        var experiment = Trials.AbExperiment(trials: 6, warmup: 0);
        var trials = Build(experiment, seed: 24, load: 0, a: Parallel, b: Parallel);

        var selected = CpuBoundPhases.Select(trials.Where(t => t.Variant == "A"), trials.Where(t => t.Variant == "B"),
            PhaseDecomposedRule.FamilyPhases(Baseline.Select(p => p.Name).ToList()), minTrials: 3);

        // model_build on four threads (CPU 4× wall) and config_validation (0.2 ms) are out; the others compute.
        Assert.Equal(["phase_cpu:imports", "phase_cpu:preprocessing", "phase_cpu:first_batch"], selected);

        static PhaseModel Parallel(PhaseModel p) => p.Name == "model_build" ? p with { CpuMs = 120 } : p;
    }

    [Fact]
    public void Select_LoadGivesEveryComputingPhaseAThirdOfACore_TheyAreStillCpuBoundAndTheWaitIsNot()
    {
        // A load of 30 on two cores: no trial's computing phase runs on CPU for more than a third of its wall time.
        var experiment = Trials.AbExperiment(trials: 6, warmup: 0);
        var trials = Build(experiment, seed: 25, load: 0.2, busy: 3,
            a: p => p.Name == "config_validation" ? p with { WaitMs = 120 } : p,
            b: p => p.Name == "config_validation" ? p with { WaitMs = 120 } : p);

        var selected = CpuBoundPhases.Select(trials.Where(t => t.Variant == "A"), trials.Where(t => t.Variant == "B"),
            PhaseDecomposedRule.FamilyPhases(Baseline.Select(p => p.Name).ToList()), minTrials: 3);

        Assert.Equal(["phase_cpu:imports", "phase_cpu:preprocessing", "phase_cpu:model_build",
            "phase_cpu:first_batch"], selected);
    }

    private static MetricComparison Metric(ExperimentVerdict verdict, string name) =>
        verdict.Metrics.First(m => m.Name == name);

    /// <summary>Trials whose phases take CPU work plus blocked time; <paramref name="load"/> is the log-sd of a
    /// per-trial factor (at least <paramref name="busy"/>) that stretches the CPU work's wall time, as neighbours'
    /// load does. A model_build
    /// whose CPU exceeds its wall time runs on four threads.</summary>
    private static List<TrialRecord> Build(Experiment experiment, int seed, double load,
        Func<PhaseModel, PhaseModel>? a = null, Func<PhaseModel, PhaseModel>? b = null, double busy = 1)
    {
        var random = new Random(seed);
        var trials = new List<TrialRecord>();
        for (var i = 0; i < experiment.TrialsPerVariant; i++)
        {
            foreach (var label in new[] { "A", "B" })
            {
                var change = (label == "A" ? a : b) ?? (p => p);
                var phases = Baseline.Select(change).Select(p =>
                {
                    var cpu = p.CpuMs * Math.Exp(p.CpuSd * Samples.StandardNormal(random));
                    var stretch = busy * Math.Exp(load * Math.Abs(Samples.StandardNormal(random)));
                    var onCores = p.Name == "model_build" && p.CpuMs > Baseline[3].CpuMs ? 4 : 1;
                    var wall = cpu / onCores * stretch + p.WaitMs * Math.Exp(p.WaitSd * Samples.StandardNormal(random));
                    return (p.Name, Wall: wall, Cpu: cpu);
                }).ToList();
                var result = Trials.Succeeded(phases.Select(p => (p.Name, p.Wall)).ToList());
                result = result with
                {
                    Phases = result.Phases.Select((p, k) => p with { CpuMs = phases[k].Cpu }).ToList(),
                };
                trials.Add(new TrialRecord(experiment.Id, trials.Count, label, false, result));
            }
        }

        return trials;
    }
}
