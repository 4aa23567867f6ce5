using System.Globalization;
using AiLab.Core.Experiments;
using AiLab.Core.Outputs;
using Npgsql;

namespace AiLab.Storage.Postgres;

/// <summary>Model-output comparisons and their flipped examples in PostgreSQL.</summary>
public sealed class PostgresOutputComparisonStore : IOutputComparisonStore
{
    private readonly PostgresDatabase _database;

    internal PostgresOutputComparisonStore(PostgresDatabase database) => _database = database;

    /// <inheritdoc />
    public Task AddAsync(
        OutputComparisonRow row, IEnumerable<OutputFlipRow> flips, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(flips);
        return _database.RunAsync(async (connection, token) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(token).ConfigureAwait(false);
            await using (var command = new NpgsqlCommand("""
                INSERT INTO output_comparisons (id, created_at, created_utc_ticks, dag, baseline, candidate, dataset,
                                                passed, document)
                VALUES (@id, @createdAt, @ticks, @dag, @baseline, @candidate, @dataset, @passed, @document);
                """, connection, transaction))
            {
                command.Parameters.AddWithValue("id", row.Id);
                command.Parameters.AddWithValue("createdAt", row.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("ticks", row.CreatedAt.UtcTicks);
                command.Parameters.AddWithValue("dag", row.Dag);
                command.Parameters.AddWithValue("baseline", row.Baseline);
                command.Parameters.AddWithValue("candidate", row.Candidate);
                command.Parameters.AddWithValue("dataset", row.Dataset);
                command.Parameters.AddWithValue("passed", row.Passed);
                command.Parameters.AddWithValue("document", row.Document);
                await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }

            var batch = new NpgsqlBatch(connection, transaction);
            await using (batch.ConfigureAwait(false))
            {
                foreach (var flip in flips)
                {
                    var insert = new NpgsqlBatchCommand("""
                        INSERT INTO output_flips (comparison_id, example_id, slice, label, baseline_score,
                                                  candidate_score)
                        VALUES (@c, @e, @s, @l, @b, @k);
                        """);
                    insert.Parameters.AddWithValue("c", row.Id);
                    insert.Parameters.AddWithValue("e", flip.ExampleId);
                    insert.Parameters.AddWithValue("s", flip.Slice);
                    insert.Parameters.AddWithValue("l", flip.Label);
                    insert.Parameters.AddWithValue("b", flip.BaselineScore);
                    insert.Parameters.AddWithValue("k", flip.CandidateScore);
                    batch.BatchCommands.Add(insert);
                }

                if (batch.BatchCommands.Count > 0)
                    await batch.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }

            await transaction.CommitAsync(token).ConfigureAwait(false);
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
            "SELECT * FROM output_comparisons WHERE left(id, length(@p)) = @p ORDER BY id;", idOrPrefix,
            cancellationToken).ConfigureAwait(false);
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw new AmbiguousIdException(idOrPrefix, [.. matches.Select(c => c.Id)], "output comparisons"),
        };
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<OutputFlipRow>> FlipsAsync(
        string comparisonId, CancellationToken cancellationToken = default) =>
        _database.RunAsync<IReadOnlyList<OutputFlipRow>>(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand("""
                SELECT example_id, slice, label, baseline_score, candidate_score FROM output_flips
                WHERE comparison_id = @p ORDER BY abs(candidate_score - baseline_score) DESC;
                """, connection);
            command.Parameters.AddWithValue("p", comparisonId);
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var flips = new List<OutputFlipRow>();
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                flips.Add(new OutputFlipRow(
                    reader.GetString(0), reader.GetString(1), reader.GetBoolean(2), reader.GetDouble(3),
                    reader.GetDouble(4)));
            }

            return flips;
        }, cancellationToken);

    private Task<List<OutputComparisonRow>> QueryAsync(
        string sql, object parameter, CancellationToken cancellationToken) =>
        _database.RunAsync(async (connection, token) =>
        {
            await using var command = new NpgsqlCommand(sql, connection);
            command.Parameters.AddWithValue("p", parameter);
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var rows = new List<OutputComparisonRow>();
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                rows.Add(new OutputComparisonRow(
                    reader.GetString(reader.GetOrdinal("id")),
                    DateTimeOffset.Parse(reader.GetString(reader.GetOrdinal("created_at")), CultureInfo.InvariantCulture),
                    reader.GetString(reader.GetOrdinal("dag")),
                    reader.GetString(reader.GetOrdinal("baseline")),
                    reader.GetString(reader.GetOrdinal("candidate")),
                    reader.GetString(reader.GetOrdinal("dataset")),
                    reader.GetBoolean(reader.GetOrdinal("passed")),
                    reader.GetString(reader.GetOrdinal("document"))));
            }

            return rows;
        }, cancellationToken);
}
