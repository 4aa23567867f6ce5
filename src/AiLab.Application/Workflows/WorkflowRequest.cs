namespace AiLab.Application.Workflows;

/// <summary>What to run, as a front end received it: an ad-hoc command or a workflow of a workflow file, and the
/// overrides of the workflow's settings. Exactly one of <see cref="AdHocCommand"/> and <see cref="WorkflowName"/> is
/// set (the front end says how to choose).</summary>
public sealed record WorkflowRequest
{
    /// <summary>The shell command that runs one trial, for an ad-hoc workflow.</summary>
    public string? AdHocCommand { get; init; }

    /// <summary>The name of a workflow in the workflow file.</summary>
    public string? WorkflowName { get; init; }

    /// <summary>The workflow file; null to look for it (<see cref="WorkflowFiles"/>).</summary>
    public string? ConfigPath { get; init; }

    /// <summary>Overrides the build command.</summary>
    public string? Build { get; init; }

    /// <summary>Overrides the trial timeout, as text (<c>90s</c>, <c>5m</c>).</summary>
    public string? Timeout { get; init; }

    /// <summary>Overrides the regular expression that marks first_batch on stdout/stderr.</summary>
    public string? FirstBatchPattern { get; init; }

    /// <summary>Overrides the automatic instrumentation: <c>torch</c> or <c>none</c>.</summary>
    public string? AutoInstrument { get; init; }

    /// <summary>Overrides how long each trial runs: <c>marks</c> or <c>completion</c>.</summary>
    public string? RunTo { get; init; }

    /// <summary>Overrides the directory trials run in, relative to the repository root.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>Environment variables for every trial, as <c>KEY=VALUE</c>; they override the workflow's.</summary>
    public IReadOnlyList<string> Environment { get; init; } = [];

    /// <summary>Overrides the CPUs the trials are pinned to.</summary>
    public IReadOnlyList<int>? Cpus { get; init; }
}
