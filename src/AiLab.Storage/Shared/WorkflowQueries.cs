using AiLab.Core.Experiments;
using AiLab.Storage.Serialization;

namespace AiLab.Storage.Shared;

/// <summary>The per-workflow reads, on either engine, over the indexed <c>experiments.workflow</c> column (schema step
/// 10): the list of workflows is an index-only scan and a workflow's newest experiments an index range, whatever
/// the number of experiments stored.</summary>
internal static class WorkflowQueries
{
    /// <summary>See <see cref="IExperimentStore.WorkflowsAsync"/>: one row per workflow, from the counts kept with
    /// the digests (schema step 13), not a count over every experiment.</summary>
    public static async Task<IReadOnlyList<WorkflowCount>> WorkflowsAsync(
        IStoreDatabase database, CancellationToken cancellationToken) =>
        await database.QueryAsync(
            "SELECT workflow, experiments FROM workflow_counts WHERE experiments > 0 ORDER BY workflow;",
            r => new WorkflowCount(r.GetString(0), (int)r.GetInt64(1)), cancellationToken).ConfigureAwait(false);

    /// <summary>See <see cref="IExperimentStore.ExistsAsync"/>: a primary-key lookup.</summary>
    public static async Task<bool> ExistsAsync(IStoreDatabase database, string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        var rows = await database.QueryAsync("SELECT 1 FROM experiments WHERE id = @id;", _ => true,
            cancellationToken, ("id", id)).ConfigureAwait(false);
        return rows.Count > 0;
    }

    /// <summary>See <see cref="IExperimentStore.ListByWorkflowAsync"/>.</summary>
    public static async Task<IReadOnlyList<Experiment>> ListByWorkflowAsync(
        IStoreDatabase database, string workflow, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        return await database.QueryAsync(
            """
            SELECT * FROM experiments WHERE workflow = @workflow
            ORDER BY created_utc_ticks DESC, id DESC LIMIT @limit;
            """,
            r => ExperimentDocuments.Read(r, database.Display), cancellationToken,
            ("workflow", workflow), ("limit", limit)).ConfigureAwait(false);
    }
}
