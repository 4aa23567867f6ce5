using AiLab.Storage.Schema.Steps;

namespace AiLab.Storage.Schema;

/// <summary>The schema's history, shared by SQLite and PostgreSQL. To add a step: copy a file of Steps/, give it
/// the next version, a name and its statements in both dialects, and append it here. Never edit a step that has
/// shipped.</summary>
internal static class SchemaMigrations
{
    /// <summary>Every step, in order.</summary>
    public static IReadOnlyList<SchemaMigration> All { get; } =
    [
        Step001ExperimentsAndTrials.Step,
        Step002IncidentsAndDeliveries.Step,
        Step003Calibrations.Step,
        Step004MachineStatePerTrial.Step,
        Step005ExperimentLeases.Step,
        Step006OutputComparisons.Step,
        Step007Footprints.Step,
        Step008ApiTokens.Step,
        Step009SchedulerQueue.Step,
        Step010WorkflowIndex.Step,
        Step011ExperimentDigests.Step,
        Step012WireNames.Step,
        Step013WorkflowCounts.Step,
    ];
}
