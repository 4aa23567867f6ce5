using AiLab.Core.Footprints;
using AiLab.Storage.Schema;
using AiLab.Storage.Serialization;

namespace AiLab.Storage.Shared;

/// <summary>Footprints and change-tier outcomes (schema step 7) on either engine: the same statements, but for the
/// column that keeps insertion order (SQLite's <c>rowid</c>, PostgreSQL's <c>seq</c>).</summary>
internal sealed class FootprintStore(IStoreDatabase database) : IFootprintStore
{
    /// <inheritdoc />
    public Task SaveAsync(Footprint footprint, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(footprint);
        return database.ExecuteAsync("""
            INSERT INTO footprints (workflow, revision, recorded_at, recorded_utc_ticks, document)
            VALUES (@workflow, @revision, @at, @ticks, @document)
            ON CONFLICT (workflow, revision) DO UPDATE SET recorded_at = excluded.recorded_at,
                recorded_utc_ticks = excluded.recorded_utc_ticks, document = excluded.document;
            """, cancellationToken,
            ("workflow", footprint.Workflow), ("revision", footprint.Revision),
            ("at", Sql.Time(footprint.RecordedAt)), ("ticks", footprint.RecordedAt.UtcTicks),
            ("document", StorageJson.Serialize(footprint)));
    }

    /// <inheritdoc />
    public async Task<Footprint?> FindAsync(
        string workflow, string revision, CancellationToken cancellationToken = default) =>
        (await QueryAsync<Footprint>("SELECT document FROM footprints WHERE workflow = @a AND revision = @b;",
            cancellationToken, ("a", workflow), ("b", revision)).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public async Task<Footprint?> LatestAsync(string workflow, CancellationToken cancellationToken = default) =>
        (await QueryAsync<Footprint>(
            "SELECT document FROM footprints WHERE workflow = @a ORDER BY recorded_utc_ticks DESC LIMIT 1;",
            cancellationToken, ("a", workflow)).ConfigureAwait(false)).FirstOrDefault();

    /// <inheritdoc />
    public Task AddOutcomeAsync(ChangeOutcome outcome, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        // A bool binds as INTEGER 0/1 in SQLite and as BOOLEAN in PostgreSQL: each column's type in its dialect.
        return database.ExecuteAsync("""
            INSERT INTO change_outcomes (workflow, regressed, experiment_id, recorded_utc_ticks, document)
            VALUES (@workflow, @regressed, @experiment, @ticks, @document);
            """, cancellationToken,
            ("workflow", outcome.Workflow), ("regressed", outcome.Regressed), ("experiment", outcome.ExperimentId),
            ("ticks", outcome.RecordedAt.UtcTicks), ("document", StorageJson.Serialize(outcome)));
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<ChangeOutcome>> OutcomesAsync(CancellationToken cancellationToken = default)
    {
        var order = database.Dialect == SqlDialect.Sqlite ? "rowid" : "seq";
        return await QueryAsync<ChangeOutcome>(
            $"SELECT document FROM change_outcomes ORDER BY recorded_utc_ticks, {order};", cancellationToken)
            .ConfigureAwait(false);
    }

    private Task<List<T>> QueryAsync<T>(
        string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters) =>
        database.QueryAsync(sql, r => FootprintDocuments.Read<T>(r.GetString(0), database.Display),
            cancellationToken, parameters);
}
