using System.Data.Common;
using System.Text.Json;
using AiLab.Core.Capacity;
using AiLab.Core.Experiments;
using AiLab.Core.Wire;

namespace AiLab.Storage.Shared;

/// <summary>The <c>experiment_digests</c> table (schema step 11) on either engine: one row per experiment, written
/// by the experiment stores in the transaction that writes the experiment, and read by the lists, the home chart
/// and bisections newest first, one page at a time, over the indexes on (created, id) and (workflow, created, id).
/// </summary>
internal static class ExperimentDigests
{
    private const string Columns = """
        id, workflow, kind, tier, created_at, created_utc_ticks, status, status_reason, repository_path,
        confirmation_of, label_a, revision_a, label_b, revision_b, commits, verdict, basis_summary, ttfb_median_b,
        ttfb_change_pct, phases_b
        """;

    private const string Upsert = $"""
        INSERT INTO experiment_digests ({Columns})
        VALUES (@id, @workflow, @kind, @tier, @createdAt, @ticks, @status, @reason, @repository, @confirmationOf,
                @labelA, @revisionA, @labelB, @revisionB, @commits, @verdict, @basis, @ttfb, @ttfbChange, @phases)
        ON CONFLICT (id) DO UPDATE SET
            workflow = excluded.workflow, kind = excluded.kind, tier = excluded.tier,
            created_at = excluded.created_at, created_utc_ticks = excluded.created_utc_ticks,
            status = excluded.status, status_reason = excluded.status_reason,
            repository_path = excluded.repository_path, confirmation_of = excluded.confirmation_of,
            label_a = excluded.label_a, revision_a = excluded.revision_a, label_b = excluded.label_b,
            revision_b = excluded.revision_b, commits = excluded.commits, verdict = excluded.verdict,
            basis_summary = excluded.basis_summary, ttfb_median_b = excluded.ttfb_median_b,
            ttfb_change_pct = excluded.ttfb_change_pct, phases_b = excluded.phases_b;
        """;

    /// <summary>Writes (or replaces) the digest of <paramref name="experiment"/> inside
    /// <paramref name="transaction"/>, and moves its workflow's experiment count (schema step 13) when the
    /// experiment is new or changed workflow. The stores call it after writing the experiment's row, whose lock
    /// (PostgreSQL) or the write lock (SQLite) keeps a concurrent write of the same experiment from reading the
    /// same previous workflow.</summary>
    public static async Task WriteAsync(
        DbConnection connection, DbTransaction transaction, Experiment experiment, CancellationToken cancellationToken)
    {
        var digest = ExperimentDigest.Of(experiment);
        string? counted;
        await using (var find = Sql.Command(connection, "SELECT workflow FROM experiment_digests WHERE id = @id;",
                         transaction, ("id", digest.Id)))
            counted = await find.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as string;
        await using (var command = Command(connection, transaction, digest))
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        if (counted == digest.Workflow) return;
        if (counted is not null)
        {
            await using var leave = Sql.Command(connection,
                "UPDATE workflow_counts SET experiments = experiments - 1 WHERE workflow = @workflow;", transaction,
                ("workflow", counted));
            await leave.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using var join = Sql.Command(connection, """
            INSERT INTO workflow_counts (workflow, experiments) VALUES (@workflow, 1)
            ON CONFLICT (workflow) DO UPDATE SET experiments = workflow_counts.experiments + 1;
            """, transaction, ("workflow", digest.Workflow));
        await join.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Synchronous <see cref="WriteAsync"/> without the count, for schema step 11, which fills the digests
    /// before step 13 counts them.</summary>
    public static void Write(DbConnection connection, DbTransaction transaction, ExperimentDigest digest)
    {
        using var command = Command(connection, transaction, digest);
        command.ExecuteNonQuery();
    }

    /// <summary>See <see cref="IExperimentStore.DigestsAsync"/>.</summary>
    public static Task<IReadOnlyList<ExperimentDigest>> ListAsync(
        IStoreDatabase database, string? workflow, int limit, string? afterId, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(limit);
        var filter = workflow is null ? "" : "workflow = @workflow AND ";
        return database.RunAsync<IReadOnlyList<ExperimentDigest>>(async (connection, token) =>
        {
            long ticks = long.MaxValue;
            var after = "";
            if (afterId is not null)
            {
                await using var find = Sql.Command(connection,
                    $"SELECT created_utc_ticks FROM experiment_digests WHERE {filter}id = @id;", null,
                    ("workflow", workflow), ("id", afterId));
                ticks = await find.ExecuteScalarAsync(token).ConfigureAwait(false) is { } found
                    ? Convert.ToInt64(found, System.Globalization.CultureInfo.InvariantCulture)
                    : throw new ArgumentException(
                        $"experiment '{afterId}' is not in {database.Display}"
                        + (workflow is null ? "" : $" under workflow '{workflow}'"), nameof(afterId));
                after = "(created_utc_ticks < @ticks OR (created_utc_ticks = @ticks AND id < @id)) AND ";
            }

            // Row-value-free keyset condition: both engines turn it into one index range.
            await using var command = Sql.Command(connection, $"""
                SELECT {Columns} FROM experiment_digests
                WHERE {filter}{after}1 = 1
                ORDER BY created_utc_ticks DESC, id DESC LIMIT @limit;
                """, null, ("workflow", workflow), ("ticks", ticks), ("id", afterId), ("limit", limit));
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var digests = new List<ExperimentDigest>();
            while (await reader.ReadAsync(token).ConfigureAwait(false)) digests.Add(Read(reader, database.Display));
            return digests;
        }, cancellationToken);
    }

    private static DbCommand Command(DbConnection connection, DbTransaction transaction, ExperimentDigest d) =>
        Sql.Command(connection, Upsert, transaction,
            ("id", d.Id), ("workflow", d.Workflow), ("kind", WireNames.Of(d.Kind)), ("tier", WireNames.Of(d.Tier)),
            ("createdAt", Sql.Time(d.CreatedAt)), ("ticks", d.CreatedAt.UtcTicks), ("status", WireNames.Of(d.Status)),
            ("reason", d.StatusReason), ("repository", d.RepositoryPath), ("confirmationOf", d.ConfirmationOf),
            ("labelA", d.A?.Label), ("revisionA", d.A?.Revision), ("labelB", d.B?.Label),
            ("revisionB", d.B?.Revision), ("commits", JsonSerializer.Serialize(d.Commits)), ("verdict", d.Verdict),
            ("basis", d.BasisSummary), ("ttfb", d.TtfbMedianB), ("ttfbChange", d.TtfbChangePct),
            ("phases", JsonSerializer.Serialize(d.PhasesB)));

    private static ExperimentDigest Read(DbDataReader r, string where)
    {
        var id = r.GetString(0);
        T Parse<T>(string column)
            where T : struct, Enum =>
            WireNames.Parse<T>(r.Text(column)) ?? throw new StorageException(
                $"{where}: the digest of experiment '{id}' has {column} '{r.Text(column)}', "
                + "which this AiLab does not know; upgrade AiLab");
        DigestVariant? Variant(string label, string revision) =>
            r.Text(label) is { } l ? new DigestVariant(l, r.Text(revision)) : null;
        double? Number(string column) => r.IsDBNull(r.GetOrdinal(column)) ? null : r.GetDouble(r.GetOrdinal(column));

        return new ExperimentDigest(
            id, r.Text("workflow")!, Parse<ExperimentKind>("kind"), Parse<CapacityTier>("tier"),
            Sql.ParseTime(r.Text("created_at")!), Parse<ExperimentStatus>("status"), r.Text("status_reason"),
            r.Text("repository_path"), r.Text("confirmation_of"), Variant("label_a", "revision_a"),
            Variant("label_b", "revision_b"),
            JsonSerializer.Deserialize<Dictionary<string, string>>(r.Text("commits")!) ?? [],
            r.Text("verdict"), r.Text("basis_summary"), Number("ttfb_median_b"), Number("ttfb_change_pct"),
            JsonSerializer.Deserialize<List<DigestPhase>>(r.Text("phases_b")!) ?? []);
    }
}
