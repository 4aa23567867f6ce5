namespace AiLab.Core.Workflows;

/// <summary>A representative ML job: how to build it, how to run it, what to expect of it.</summary>
public sealed record WorkflowSpec
{
    /// <summary>Default wall-clock limit of one trial.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>Name used on the command line (<c>--workflow NAME</c>) and in reports.</summary>
    public required string Name { get; init; }

    /// <summary>Shell command that starts one trial.</summary>
    public required string Run { get; init; }

    /// <summary>Shell command run once per revision (per source tree) before its trials; null for none.</summary>
    public string? Build { get; init; }

    /// <summary>Directory to run in, relative to the repository root (or the current directory without a repository).</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Environment variables every trial gets, before the variant's own.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>Wall-clock limit of one trial; past it the process group is killed and the trial fails.</summary>
    public TimeSpan Timeout { get; init; } = DefaultTimeout;

    /// <summary>Fallback regular expression on stdout/stderr lines that marks <c>first_batch</c>.</summary>
    public string? FirstBatchPattern { get; init; }

    /// <summary>Phases the workload is expected to mark; a trial missing one gets a warning.</summary>
    public IReadOnlyList<string> ExpectedPhases { get; init; } = [];

    /// <summary>How long each trial runs: until the marks the experiment needs have arrived (the default), or to the
    /// workload's own exit (<c>run_to: completion</c>).</summary>
    public RunTo RunTo { get; init; } = RunTo.Marks;

    /// <summary>GPUs each trial holds (<c>gpus:</c>), for the capacity ledger's GPU seconds; 0 for CPU-only.</summary>
    public int Gpus { get; init; }

    /// <summary>The marks an experiment on this workflow needs: <c>first_batch</c>, then every expected phase.</summary>
    public IReadOnlyList<string> NeededMarks() => ["first_batch", .. ExpectedPhases.Where(p => p != "first_batch")];

    /// <summary>Instrumentation the harness switches on for an unmodified script.</summary>
    public AutoInstrument AutoInstrument { get; init; } = AutoInstrument.None;

    /// <summary>CPUs every trial is pinned to (both variants alike); null lets the scheduler choose.</summary>
    public IReadOnlyList<int>? Cpus { get; init; }

    /// <summary>Measured trials per variant, when the workflow sets its own default.</summary>
    public int? Trials { get; init; }

    /// <summary>Warm-up trials per variant (discarded), when the workflow sets its own default.</summary>
    public int? Warmup { get; init; }

    /// <summary>Which variables of the caller's environment trials inherit (<c>env_policy:</c>).</summary>
    public EnvironmentPolicy EnvPolicy { get; init; } = EnvironmentPolicy.Default;

    /// <summary>Declared repository-relative path globs of the code this workflow loads (<c>footprint:</c>), for
    /// workloads the Python probe cannot see into; empty when the probe's record is enough.</summary>
    public IReadOnlyList<string> FootprintGlobs { get; init; } = [];

    /// <summary>The workflow's overrides for <c>ailab shrink</c>.</summary>
    public ShrinkSettings Shrink { get; init; } = ShrinkSettings.None;

    /// <summary>The production workflow this one was derived from by <c>ailab shrink</c>; null for an original.</summary>
    public string? ShrunkFrom { get; init; }
    /// <summary>Submit the trials to Slurm with these settings (<c>executor: slurm</c>); null runs them as local
    /// processes.</summary>
    public SlurmSettings? Slurm { get; init; }

    /// <summary>A workflow made from <c>--run</c> on the command line, with no config file.</summary>
    public static WorkflowSpec AdHoc(string run, string? build = null) => new() { Name = "adhoc", Run = run, Build = build };
}
