using System.Data.Common;
using System.Globalization;
using AiLab.Core.Experiments;
using AiLab.Core.Outputs;

namespace AiLab.Storage.Shared;

/// <summary>Model-output comparisons and their flipped examples (schema step 6) on either engine: the statements are
/// standard SQL; a bool binds as INTEGER 0/1 in SQLite and as BOOLEAN in PostgreSQL, each column's type in its
/// dialect, and reads back as a bool from either.</summary>
internal sealed class OutputComparisonStore(IStoreDatabase database) : IOutputComparisonStore
{
    private const string InsertFlip = """
        INSERT INTO output_flips (comparison_id, example_id, slice, label, baseline_score, candidate_score)
        VALUES (@c, @e, @s, @l, @b, @k);
        """;

    /// <inheritdoc />
    public Task AddAsync(
        OutputComparisonRow row, IEnumerable<OutputFlipRow> flips, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(flips);
        return database.RunAsync(async (connection, ct) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(ct).ConfigureAwait(false);
            await using (var insert = Sql.Command(connection, """
                INSERT INTO output_comparisons (id, created_at, created_utc_ticks, dag, baseline, candidate, dataset,
                                                passed, document)
                VALUES (@id, @createdAt, @ticks, @dag, @baseline, @candidate, @dataset, @passed, @document);
                """, transaction,
                ("id", row.Id), ("createdAt", Sql.Time(row.CreatedAt)), ("ticks", row.CreatedAt.UtcTicks),
                ("dag", row.Dag), ("baseline", row.Baseline), ("candidate", row.Candidate), ("dataset", row.Dataset),
                ("passed", row.Passed), ("document", row.Document)))
            {
                await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await AddFlipsAsync(connection, transaction, row.Id, flips, ct).ConfigureAwait(false);
            await transaction.CommitAsync(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutputComparisonRow>> ListAsync(
        int limit, CancellationToken cancellationToken = default) =>
        await QueryAsync("SELECT * FROM output_comparisons ORDER BY created_utc_ticks DESC LIMIT @p;", limit,
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<OutputComparisonRow?> FindAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        var exact = await QueryAsync("SELECT * FROM output_comparisons WHERE id = @p;", idOrPrefix, cancellationToken)
            .ConfigureAwait(false);
        if (exact.Count == 1) return exact[0];
        var matches = await QueryAsync(
            "SELECT * FROM output_comparisons WHERE substr(id, 1, length(@p)) = @p ORDER BY id;", idOrPrefix,
            cancellationToken).ConfigureAwait(false);
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw new AmbiguousIdException(idOrPrefix, [.. matches.Select(c => c.Id)], "output comparisons"),
        };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutputFlipRow>> FlipsAsync(
        string comparisonId, CancellationToken cancellationToken = default) =>
        await database.QueryAsync("""
            SELECT example_id, slice, label, baseline_score, candidate_score FROM output_flips
            WHERE comparison_id = @p ORDER BY abs(candidate_score - baseline_score) DESC;
            """, r => new OutputFlipRow(r.GetString(0), r.GetString(1), r.GetBoolean(2), r.GetDouble(3),
                r.GetDouble(4)),
            cancellationToken, ("p", comparisonId)).ConfigureAwait(false);

    /// <summary>The flips, as one batch where the driver has batches (Npgsql: one round trip for the up to a
    /// thousand flips a comparison stores), else one statement reused per flip (SQLite: in process, where a round
    /// trip costs nothing).</summary>
    private static async Task AddFlipsAsync(
        DbConnection connection, DbTransaction transaction, string comparisonId, IEnumerable<OutputFlipRow> flips,
        CancellationToken ct)
    {
        if (connection.CanCreateBatch)
        {
            await using var batch = connection.CreateBatch();
            batch.Transaction = transaction;
            foreach (var flip in flips)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = InsertFlip;
                foreach (var (name, value) in Values(comparisonId, flip))
                {
                    var parameter = command.CreateParameter();
                    parameter.ParameterName = name;
                    parameter.Value = value;
                    command.Parameters.Add(parameter);
                }

                batch.BatchCommands.Add(command);
            }

            if (batch.BatchCommands.Count > 0)
                await batch.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return;
        }

        await using var insert = Sql.Command(connection, InsertFlip, transaction,
            ("c", null), ("e", null), ("s", null), ("l", null), ("b", null), ("k", null));
        foreach (var flip in flips)
        {
            var i = 0;
            foreach (var (_, value) in Values(comparisonId, flip))
                insert.Parameters[i++].Value = value;
            await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }
    }

    private static (string Name, object Value)[] Values(string comparisonId, OutputFlipRow flip) =>
    [
        ("c", comparisonId), ("e", flip.ExampleId), ("s", flip.Slice), ("l", flip.Label),
        ("b", flip.BaselineScore), ("k", flip.CandidateScore),
    ];

    private Task<List<OutputComparisonRow>> QueryAsync(
        string sql, object parameter, CancellationToken cancellationToken) =>
        database.QueryAsync(sql, r => new OutputComparisonRow(
                r.GetString(r.GetOrdinal("id")),
                DateTimeOffset.Parse(r.GetString(r.GetOrdinal("created_at")), CultureInfo.InvariantCulture),
                r.GetString(r.GetOrdinal("dag")),
                r.GetString(r.GetOrdinal("baseline")),
                r.GetString(r.GetOrdinal("candidate")),
                r.GetString(r.GetOrdinal("dataset")),
                r.GetBoolean(r.GetOrdinal("passed")),
                r.GetString(r.GetOrdinal("document"))),
            cancellationToken, ("p", parameter));
}
