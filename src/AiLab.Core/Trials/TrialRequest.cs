using System.Text.RegularExpressions;
using AiLab.Core.Workflows;

namespace AiLab.Core.Trials;

/// <summary>Everything an executor needs to run one trial as a real process.</summary>
/// <param name="Command">Command line: run directly when it is plain words and quotes, else with <c>/bin/sh -c</c>.</param>
/// <param name="WorkingDirectory">Directory the command starts in.</param>
/// <param name="Environment">Variables to set on top of the harness's own environment; a null value removes the variable.</param>
/// <param name="Timeout">Wall-clock limit; past it the whole process group is killed and the trial fails.</param>
/// <param name="LogPath">File that receives the workload's stdout and stderr.</param>
/// <param name="EventsPath">File exported as <c>AILAB_EVENTS</c>, to which the workload appends probe marks.</param>
/// <param name="FirstBatchPattern">Fallback for workloads that cannot be changed: the first stdout/stderr line matching it marks <c>first_batch</c>.</param>
/// <param name="Cpus">CPUs the trial's process tree is pinned to; null lets the scheduler choose.</param>
/// <param name="EnvPolicy">Which of the harness's variables the trial inherits; null means
/// <see cref="EnvironmentPolicy.Default"/> (everything but names that look like credentials).</param>
/// <param name="NeededMarks">The marks the experiment needs (<c>first_batch</c> and the workflow's expected phases);
/// when all have arrived the measurement is done. Null or empty: none awaited.</param>
/// <param name="StopAtMarks">Stop the process group once every needed mark has arrived (SIGTERM, SIGKILL after a
/// short grace); the trial is then a success with its <see cref="TrialResult.Stop"/> recorded.</param>
/// <param name="Gpus">GPUs the trial holds, for its GPU seconds (GPUs times wall time); 0 for none.</param>
/// <param name="Slurm">Submit the trial to Slurm with these settings; null runs it as a local process.</param>
/// <param name="PlacementGroup">Trials sharing this key (an experiment's id) are placed alike, e.g. on one
/// node.</param>
/// <param name="StartTogether">Trials sharing this group (one schedule block's A and B, started side by side) are
/// made eligible at one moment where the executor can do so (Slurm: submitted held, released together), so that they
/// land in one scheduler pass; null for a trial started on its own.</param>
public sealed record TrialRequest(
    string Command,
    string WorkingDirectory,
    IReadOnlyDictionary<string, string?> Environment,
    TimeSpan Timeout,
    string LogPath,
    string EventsPath,
    Regex? FirstBatchPattern = null,
    IReadOnlyList<int>? Cpus = null,
    EnvironmentPolicy? EnvPolicy = null,
    IReadOnlyList<string>? NeededMarks = null,
    bool StopAtMarks = false,
    int Gpus = 0,
    SlurmSettings? Slurm = null,
    string? PlacementGroup = null,
    StartGroup? StartTogether = null);
