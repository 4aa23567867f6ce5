namespace AiLab.Core.Workflows;

/// <summary>How long a trial runs (<c>run_to:</c> in ailab.yaml, <c>--run-to</c> on the command line).</summary>
public enum RunTo
{
    /// <summary>Until every mark the experiment needs has arrived (<c>first_batch</c> and every phase named in
    /// <c>expect_phases</c>); the harness then stops the workload's process group. The default: the rest of a
    /// training run measures nothing and costs most of the trial.</summary>
    Marks,

    /// <summary>Until the workload exits by itself, for workflows whose steady-state CPU or memory matters.</summary>
    Completion,
}
