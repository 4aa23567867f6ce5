using System.Data.Common;
using System.Diagnostics;
using AiLab.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace AiLab.Bench.Storage;

/// <summary>Fills a store to the benchmark's scale fast: experiment 0 and its trials are written through the store's
/// own API, then copied inside the database (INSERT ... SELECT) into experiments 1..N-1, each with its own id,
/// workflow, commits and creation time. The copies hold exactly what the store writes, so reads see what they would
/// after real ingestion; the fill itself is not a figure the benchmark reports (ingestion is measured through the
/// API).</summary>
internal static class LoadFill
{
    public const string TemplateId = "ab-load-0000000";

    /// <summary>Stores <paramref name="experiments"/> experiments over <paramref name="workflows"/> workflows, with
    /// 20 trials each; returns the seconds it took.</summary>
    public static async Task<double> FillAsync(string connectionString, int experiments, int workflows)
    {
        var clock = Stopwatch.StartNew();
        using (var stores = StoreFactory.Open(connectionString))
        {
            await stores.Experiments.CreateAsync(LoadSamples.Experiment(TemplateId, 0, 0));
            await stores.Experiments.AddTrialsAsync(LoadSamples.Trials(TemplateId, new Random(1)));
        }

        var location = StoreLocation.Parse(connectionString);
        var sqlite = location.Kind == StoreKind.Sqlite;
        await using DbConnection connection = sqlite
            ? new SqliteConnection($"Data Source={location.Target};Pooling=False")
            : new NpgsqlConnection(location.Target);
        await connection.OpenAsync();
        var trialColumns = await ColumnsAsync(connection, sqlite);
        var copies = string.Join(", ", trialColumns.Select(c => c == "experiment_id" ? "e.id" : "t." + c));
        foreach (var sql in sqlite ? SqliteCopy(experiments, workflows) : PostgresCopy(experiments, workflows))
            await ExecuteAsync(connection, sql);
        await ExecuteAsync(connection, sqlite ? SqliteDigestCopy : PostgresDigestCopy);
        await ExecuteAsync(connection, $"""
            INSERT INTO trials ({string.Join(", ", trialColumns)})
            SELECT {copies} FROM experiments e CROSS JOIN trials t
            WHERE t.experiment_id = '{TemplateId}' AND e.id <> '{TemplateId}';
            """);
        // What a server's autovacuum (PostgreSQL) or a periodic ANALYZE (SQLite) does after a bulk load.
        await ExecuteAsync(connection, "ANALYZE;");
        return clock.Elapsed.TotalSeconds;
    }

    private static string[] SqliteCopy(int experiments, int workflows) =>
    [$"""
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {experiments - 1})
        INSERT INTO experiments (id, kind, created_at, created_utc_ticks, status, status_reason, spec, verdict,
                                 workflow)
        SELECT printf('ab-load-%07d', i), x.kind,
               strftime('%Y-%m-%dT%H:%M:%S.0000000+00:00', '2026-01-01', '+' || i || ' minutes'),
               x.created_utc_ticks + i * 600000000, x.status, x.status_reason,
               replace(replace(replace(x.spec, '"wf-0000"', printf('"wf-%04d"', i % {workflows})),
                       '00000000a', printf('%08xa', i)), '00000000b', printf('%08xb', i)),
               x.verdict, printf('wf-%04d', i % {workflows})
        FROM n CROSS JOIN (SELECT * FROM experiments WHERE id = '{TemplateId}') x;
        """];

    private static string[] PostgresCopy(int experiments, int workflows) =>
    [$"""
        INSERT INTO experiments (id, kind, created_at, created_utc_ticks, status, status_reason, spec, verdict,
                                 workflow)
        SELECT 'ab-load-' || lpad(i::text, 7, '0'), x.kind,
               to_char(timestamp '2026-01-01' + make_interval(mins => i), 'YYYY-MM-DD"T"HH24:MI:SS".0000000+00:00"'),
               x.created_utc_ticks + i::bigint * 600000000, x.status, x.status_reason,
               replace(replace(replace(x.spec, '"wf-0000"', '"wf-' || lpad((i % {workflows})::text, 4, '0') || '"'),
                       '00000000a', lpad(to_hex(i), 8, '0') || 'a'), '00000000b', lpad(to_hex(i), 8, '0') || 'b'),
               x.verdict, 'wf-' || lpad((i % {workflows})::text, 4, '0')
        FROM generate_series(1, {experiments - 1}) AS i
        CROSS JOIN (SELECT * FROM experiments WHERE id = '{TemplateId}') x;
        """];

    // Each copy's digest (schema step 11): the template's, with the copy's id, workflow, time and commits (the
    // copy's number i is the id's digits, as above).
    private const string DigestColumns = """
        id, workflow, kind, tier, created_at, created_utc_ticks, status, status_reason, repository_path,
        confirmation_of, label_a, revision_a, label_b, revision_b, commits, verdict, basis_summary, ttfb_median_b,
        ttfb_change_pct, phases_b
        """;

    private const string SqliteDigestCopy = $"""
        INSERT INTO experiment_digests ({DigestColumns})
        SELECT e.id, e.workflow, d.kind, d.tier, e.created_at, e.created_utc_ticks, d.status, d.status_reason,
               d.repository_path, d.confirmation_of, d.label_a, d.revision_a, d.label_b, d.revision_b,
               replace(replace(d.commits, '00000000a', printf('%08xa', CAST(substr(e.id, 9) AS INTEGER))),
                       '00000000b', printf('%08xb', CAST(substr(e.id, 9) AS INTEGER))),
               d.verdict, d.basis_summary, d.ttfb_median_b, d.ttfb_change_pct, d.phases_b
        FROM experiments e CROSS JOIN (SELECT * FROM experiment_digests WHERE id = '{TemplateId}') d
        WHERE e.id <> '{TemplateId}';
        """;

    private const string PostgresDigestCopy = $"""
        INSERT INTO experiment_digests ({DigestColumns})
        SELECT e.id, e.workflow, d.kind, d.tier, e.created_at, e.created_utc_ticks, d.status, d.status_reason,
               d.repository_path, d.confirmation_of, d.label_a, d.revision_a, d.label_b, d.revision_b,
               replace(replace(d.commits, '00000000a', lpad(to_hex(substr(e.id, 9)::int), 8, '0') || 'a'),
                       '00000000b', lpad(to_hex(substr(e.id, 9)::int), 8, '0') || 'b'),
               d.verdict, d.basis_summary, d.ttfb_median_b, d.ttfb_change_pct, d.phases_b
        FROM experiments e CROSS JOIN (SELECT * FROM experiment_digests WHERE id = '{TemplateId}') d
        WHERE e.id <> '{TemplateId}';
        """;

    private static async Task<List<string>> ColumnsAsync(DbConnection connection, bool sqlite)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sqlite
            ? "SELECT name FROM pragma_table_info('trials') ORDER BY cid;"
            : "SELECT column_name FROM information_schema.columns WHERE table_name = 'trials' "
              + "AND table_schema = current_schema() ORDER BY ordinal_position;";
        await using var reader = await command.ExecuteReaderAsync();
        var columns = new List<string>();
        while (await reader.ReadAsync()) columns.Add(reader.GetString(0));
        return columns;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 3600;
        await command.ExecuteNonQueryAsync();
    }
}
