using System.Globalization;
using AiLab.Core.Experiments;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Sqlite;

/// <summary>Model-output comparisons and their flipped examples, in the same SQLite file as the experiments.</summary>
public sealed class SqliteOutputComparisonStore : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();

    /// <summary>Opens (or creates) the database at <paramref name="path"/>.</summary>
    /// <exception cref="StorageException">The file is not an SQLite database, is corrupt, or has a newer schema.</exception>
    public SqliteOutputComparisonStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        DatabasePath = Path.GetFullPath(path);
        (_connection, _) = SqliteDatabase.Open(DatabasePath, SchemaMigrations.All);
    }

    /// <summary>Absolute path of the database file.</summary>
    public string DatabasePath { get; }

    /// <summary>Stores a comparison and its flipped examples in one transaction.</summary>
    public void Add(OutputComparisonRow row, IEnumerable<OutputFlipRow> flips)
    {
        ArgumentNullException.ThrowIfNull(row);
        ArgumentNullException.ThrowIfNull(flips);
        lock (_gate)
        {
            using var transaction = _connection.BeginTransaction();
            using (var command = _connection.CreateCommand())
            {
                command.CommandText = """
                    INSERT INTO output_comparisons (id, created_at, created_utc_ticks, dag, baseline, candidate, dataset, passed, document)
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
                command.ExecuteNonQuery();
            }

            using (var insert = _connection.CreateCommand())
            {
                insert.CommandText = """
                    INSERT INTO output_flips (comparison_id, example_id, slice, label, baseline_score, candidate_score)
                    VALUES ($c, $e, $s, $l, $b, $k);
                    """;
                var parameters = new[] { "$c", "$e", "$s", "$l", "$b", "$k" }.Select(n => insert.Parameters.Add(n, SqliteType.Text)).ToArray();
                foreach (var flip in flips)
                {
                    parameters[0].Value = row.Id;
                    parameters[1].Value = flip.ExampleId;
                    parameters[2].Value = flip.Slice;
                    parameters[3].Value = flip.Label ? 1 : 0;
                    parameters[4].Value = flip.BaselineScore;
                    parameters[5].Value = flip.CandidateScore;
                    insert.ExecuteNonQuery();
                }
            }

            transaction.Commit();
        }
    }

    /// <summary>The newest comparisons first.</summary>
    public IReadOnlyList<OutputComparisonRow> List(int limit) =>
        Query("SELECT * FROM output_comparisons ORDER BY created_utc_ticks DESC LIMIT $p;", limit);

    /// <summary>The comparison with this id or unique id prefix; null when none.</summary>
    /// <exception cref="AmbiguousIdException">The prefix matches more than one comparison.</exception>
    public OutputComparisonRow? Find(string idOrPrefix)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        var exact = Query("SELECT * FROM output_comparisons WHERE id = $p;", idOrPrefix);
        if (exact.Count == 1) return exact[0];
        var matches = Query("SELECT * FROM output_comparisons WHERE substr(id, 1, length($p)) = $p ORDER BY id;", idOrPrefix);
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw new AmbiguousIdException(idOrPrefix, [.. matches.Select(c => c.Id)], "output comparisons"),
        };
    }

    /// <summary>The stored flipped examples of one comparison, largest score change first.</summary>
    public IReadOnlyList<OutputFlipRow> Flips(string comparisonId)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = """
                SELECT example_id, slice, label, baseline_score, candidate_score FROM output_flips
                WHERE comparison_id = $p ORDER BY abs(candidate_score - baseline_score) DESC;
                """;
            command.Parameters.AddWithValue("$p", comparisonId);
            using var reader = command.ExecuteReader();
            var flips = new List<OutputFlipRow>();
            while (reader.Read())
                flips.Add(new OutputFlipRow(reader.GetString(0), reader.GetString(1), reader.GetInt64(2) == 1, reader.GetDouble(3), reader.GetDouble(4)));
            return flips;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private List<OutputComparisonRow> Query(string sql, object parameter)
    {
        lock (_gate)
        {
            using var command = _connection.CreateCommand();
            command.CommandText = sql;
            command.Parameters.AddWithValue("$p", parameter);
            using var reader = command.ExecuteReader();
            var rows = new List<OutputComparisonRow>();
            while (reader.Read())
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
        }
    }
}
