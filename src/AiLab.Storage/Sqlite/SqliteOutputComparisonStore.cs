using System.Globalization;
using AiLab.Core.Experiments;
using AiLab.Core.Outputs;
using AiLab.Storage.Schema;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Sqlite;

/// <summary>Model-output comparisons and their flipped examples, in the same SQLite file as the experiments.</summary>
public sealed class SqliteOutputComparisonStore : IOutputComparisonStore, IDisposable
{
    private readonly SqliteDatabase _database;
    private readonly bool _ownsDatabase = true;

    /// <summary>Opens (or creates) the database at <paramref name="path"/>.</summary>
    /// <exception cref="StorageException">The file is not an SQLite database, is corrupt, or has a newer schema.</exception>
    public SqliteOutputComparisonStore(string path)
        : this(path, StoreAccess.ReadWrite)
    {
    }

    /// <summary>Opens the database at <paramref name="path"/> for <paramref name="access"/>.</summary>
    /// <exception cref="StorageException">The file is not an SQLite database, is corrupt, or has a newer schema.</exception>
    public SqliteOutputComparisonStore(string path, StoreAccess access)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        DatabasePath = Path.GetFullPath(path);
        _database = SqliteDatabase.Open(DatabasePath, SchemaMigrations.All, access);
    }

    /// <summary>A store on a database another owner opened and closes (<see cref="StoreFactory"/>).</summary>
    internal SqliteOutputComparisonStore(SqliteDatabase database)
    {
        _database = database;
        _ownsDatabase = false;
        DatabasePath = database.Path;
    }

    /// <summary>Absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <inheritdoc />
    public Task AddAsync(
        OutputComparisonRow row, IEnumerable<OutputFlipRow> flips, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(flips);
        return _database.RunAsync(async (connection, token) =>
        {
            await using var transaction = connection.BeginTransaction();
            await using (var command = connection.CreateCommand())
            {
                command.Transaction = transaction;
                command.CommandText = """
                    INSERT INTO output_comparisons (id, created_at, created_utc_ticks, dag, baseline, candidate,
                                                    dataset, passed, document)
                    VALUES ($id, $createdAt, $ticks, $dag, $baseline, $candidate, $dataset, $passed, $document);
                    """;
                command.Parameters.AddWithValue("$id", row.Id);
                command.Parameters.AddWithValue("$createdAt", row.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
                command.Parameters.AddWithValue("$ticks", row.CreatedAt.UtcTicks);
                command.Parameters.AddWithValue("$dag", row.Dag);
                command.Parameters.AddWithValue("$baseline", row.Baseline);
                command.Parameters.AddWithValue("$candidate", row.Candidate);
                command.Parameters.AddWithValue("$dataset", row.Dataset);
                command.Parameters.AddWithValue("$passed", row.Passed ? 1 : 0);
                command.Parameters.AddWithValue("$document", row.Document);
                await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            }

            await using (var insert = connection.CreateCommand())
            {
                insert.Transaction = transaction;
                insert.CommandText = """
                    INSERT INTO output_flips (comparison_id, example_id, slice, label, baseline_score, candidate_score)
                    VALUES ($c, $e, $s, $l, $b, $k);
                    """;
                var parameters = new[] { "$c", "$e", "$s", "$l", "$b", "$k" }
                    .Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
                foreach (var flip in flips)
                {
                    parameters[0].Value = row.Id;
                    parameters[1].Value = flip.ExampleId;
                    parameters[2].Value = flip.Slice;
                    parameters[3].Value = flip.Label ? 1 : 0;
                    parameters[4].Value = flip.BaselineScore;
                    parameters[5].Value = flip.CandidateScore;
                    await insert.ExecuteNonQueryAsync(token).ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync(token).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<OutputComparisonRow>> ListAsync(
        int limit, CancellationToken cancellationToken = default) =>
        await QueryAsync("SELECT * FROM output_comparisons ORDER BY created_utc_ticks DESC LIMIT $p;", limit,
            cancellationToken).ConfigureAwait(false);

    /// <inheritdoc />
    public async Task<OutputComparisonRow?> FindAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        var exact = await QueryAsync("SELECT * FROM output_comparisons WHERE id = $p;", idOrPrefix, cancellationToken)
            .ConfigureAwait(false);
        if (exact.Count == 1) return exact[0];
        var matches = await QueryAsync(
            "SELECT * FROM output_comparisons WHERE substr(id, 1, length($p)) = $p ORDER BY id;", idOrPrefix,
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
            await using var command = connection.CreateCommand();
            command.CommandText = """
                SELECT example_id, slice, label, baseline_score, candidate_score FROM output_flips
                WHERE comparison_id = $p ORDER BY abs(candidate_score - baseline_score) DESC;
                """;
            command.Parameters.AddWithValue("$p", comparisonId);
            await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
            var flips = new List<OutputFlipRow>();
            while (await reader.ReadAsync(token).ConfigureAwait(false))
            {
                flips.Add(new OutputFlipRow(
                    reader.GetString(0), reader.GetString(1), reader.GetInt64(2) == 1, reader.GetDouble(3),
                    reader.GetDouble(4)));
            }

            return flips;
        }, cancellationToken);

    /// <inheritdoc />
    public void Dispose()
    {
        if (_ownsDatabase) _database.Dispose();
    }

    private Task<List<OutputComparisonRow>> QueryAsync(
        string sql, object parameter, CancellationToken cancellationToken) =>
        _database.RunAsync(async (connection, token) =>
        {
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$p", parameter);
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
                    reader.GetInt64(reader.GetOrdinal("passed")) == 1,
                    reader.GetString(reader.GetOrdinal("document"))));
            }

            return rows;
        }, cancellationToken);
}
