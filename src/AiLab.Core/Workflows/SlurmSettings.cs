namespace AiLab.Core.Workflows;

/// <summary>How a workflow's trials are submitted to a Slurm cluster (<c>executor: slurm</c> and the <c>slurm:</c>
/// block of <c>ailab.yaml</c>, or <c>--executor slurm</c>); docs/slurm.md. Unset members leave the choice to the
/// cluster's defaults.</summary>
public sealed record SlurmSettings
{
    /// <summary>Infrastructure failures retried per trial by default (so at most three submissions).</summary>
    public const int DefaultRetries = 2;

    /// <summary>Partition (<c>sbatch --partition</c>).</summary>
    public string? Partition { get; init; }

    /// <summary>Account charged for the jobs (<c>--account</c>).</summary>
    public string? Account { get; init; }

    /// <summary>CPUs per trial (<c>--cpus-per-task</c>); the cluster's default (one) when unset.</summary>
    public int? Cpus { get; init; }

    /// <summary>Memory per trial in Slurm's syntax, e.g. <c>4G</c> or <c>500M</c> (<c>--mem</c>).</summary>
    public string? Memory { get; init; }

    /// <summary>GPUs per trial, a count or <c>TYPE:COUNT</c> (<c>--gpus</c>).</summary>
    public string? Gpus { get; init; }

    /// <summary>How many GPUs <see cref="Gpus"/> asks for (the count after the last <c>:</c>); null when unset or not a
    /// count.</summary>
    public int? GpuCount =>
        Gpus is { } g && int.TryParse(g[(g.LastIndexOf(':') + 1)..], System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;

    /// <summary>The scheduler's time limit per job (<c>--time</c>); unset: the trial timeout plus a minute, rounded up
    /// to whole minutes, so the harness's own timeout fires first.</summary>
    public TimeSpan? TimeLimit { get; init; }

    /// <summary>Node features required (<c>--constraint</c>), which is how a node class is chosen.</summary>
    public string? Constraint { get; init; }

    /// <summary>Run every trial of an experiment on the node its first trial got (<c>--nodelist</c>): comparing A on
    /// one machine with B on another measures the machines. On by default.</summary>
    public bool SameNode { get; init; } = true;

    /// <summary>Resubmissions of a trial whose job the scheduler ended (node failure, preemption, its time limit, a
    /// cancellation the lab did not ask for) before the trial is reported as an infrastructure failure.</summary>
    public int Retries { get; init; } = DefaultRetries;

    /// <summary>The scheduler's defaults for everything.</summary>
    public static readonly SlurmSettings Default = new();
}
