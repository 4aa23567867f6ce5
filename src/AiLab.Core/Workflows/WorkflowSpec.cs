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

    /// <summary>Submit the trials to Slurm with these settings (<c>executor: slurm</c>); null runs them as local
    /// processes.</summary>
    public SlurmSettings? Slurm { get; init; }

    /// <summary>A workflow made from <c>--run</c> on the command line, with no config file.</summary>
    public static WorkflowSpec AdHoc(string run, string? build = null) => new() { Name = "adhoc", Run = run, Build = build };
}
