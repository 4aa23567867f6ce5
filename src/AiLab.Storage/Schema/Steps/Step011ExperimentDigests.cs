using System.Data.Common;
using AiLab.Core.Experiments;
using AiLab.Storage.Serialization;
using AiLab.Storage.Shared;

namespace AiLab.Storage.Schema.Steps;

/// <summary>Schema step 11: a digest of each experiment (docs/storage.md, "Scale"), and experiment ids found by
/// prefix over an index. The home page, the lists and bisections read a page of experiments; each read parsed the
/// whole spec and verdict documents (3.5 KB a row). The digest table holds what they show in columns, one row per
/// experiment, written with the experiment in one transaction; existing experiments are filled here from their
/// documents (in code: the verdict may hold NaN, which neither engine's JSON functions read). On PostgreSQL an index
/// on the id in byte order (COLLATE "C") makes a prefix lookup an index range whatever the database's collation.
/// </summary>
internal static class Step011ExperimentDigests
{
    private const int FillBatch = 500;

    /// <summary>The step, in both dialects.</summary>
    public static SchemaMigration Step { get; } = new(11, "experiment digests", Sqlite, Postgres) { Fill = FillAll };

    private const string Sqlite = """
        CREATE TABLE experiment_digests (
            id                TEXT    NOT NULL PRIMARY KEY REFERENCES experiments (id) ON DELETE CASCADE,
            workflow          TEXT    NOT NULL,
            kind              TEXT    NOT NULL, -- wire names (ab, run; change, release, ...; completed, ...)
            tier              TEXT    NOT NULL,
            created_at        TEXT    NOT NULL, -- ISO 8601 with the original offset
            created_utc_ticks INTEGER NOT NULL,
            status            TEXT    NOT NULL,
            status_reason     TEXT,
            repository_path   TEXT,
            confirmation_of   TEXT,
            label_a           TEXT,
            revision_a        TEXT,
            label_b           TEXT,
            revision_b        TEXT,
            commits           TEXT    NOT NULL, -- JSON object, label → sha
            verdict           TEXT,             -- the overall verdict's wire name
            basis_summary     TEXT,
            ttfb_median_b     REAL,
            ttfb_change_pct   REAL,
            phases_b          TEXT    NOT NULL  -- JSON array of {Phase, Ms}: B's finite phase medians
        );
        CREATE INDEX experiment_digests_by_created ON experiment_digests (created_utc_ticks DESC, id DESC);
        CREATE INDEX experiment_digests_by_workflow ON experiment_digests (workflow, created_utc_ticks DESC, id DESC);
        """;

    private const string Postgres = """
        CREATE TABLE experiment_digests (
            id                TEXT             NOT NULL PRIMARY KEY REFERENCES experiments (id) ON DELETE CASCADE,
            workflow          TEXT             NOT NULL,
            kind              TEXT             NOT NULL,
            tier              TEXT             NOT NULL,
            created_at        TEXT             NOT NULL,
            created_utc_ticks BIGINT           NOT NULL,
            status            TEXT             NOT NULL,
            status_reason     TEXT,
            repository_path   TEXT,
            confirmation_of   TEXT,
            label_a           TEXT,
            revision_a        TEXT,
            label_b           TEXT,
            revision_b        TEXT,
            commits           TEXT             NOT NULL,
            verdict           TEXT,
            basis_summary     TEXT,
            ttfb_median_b     DOUBLE PRECISION,
            ttfb_change_pct   DOUBLE PRECISION,
            phases_b          TEXT             NOT NULL
        );
        CREATE INDEX experiment_digests_by_created ON experiment_digests (created_utc_ticks DESC, id DESC);
        CREATE INDEX experiment_digests_by_workflow ON experiment_digests (workflow, created_utc_ticks DESC, id DESC);
        CREATE INDEX experiments_by_id_bytes ON experiments (id COLLATE "C");
        """;

    /// <summary>A digest for every stored experiment, read in batches by id (Npgsql reads one result at a time).
    /// </summary>
    private static void FillAll(DbConnection connection, DbTransaction transaction, string where)
    {
        var after = ""; // every id sorts after the empty string, in any collation
        while (true)
        {
            var batch = new List<ExperimentDigest>(FillBatch);
            using (var command = Sql.Command(connection, $"""
                       SELECT id, kind, created_at, status, status_reason, spec, verdict FROM experiments
                       WHERE id > @after ORDER BY id LIMIT {FillBatch};
                       """, transaction, ("after", after)))
            {
                using var reader = command.ExecuteReader();
                // Documents not yet rewritten by step 12 (wire names) hold camelCase enum names.
                while (reader.Read())
                    batch.Add(ExperimentDigest.Of(ExperimentDocuments.Read(reader, where, olderSpellings: true)));
            }

            foreach (var digest in batch) ExperimentDigests.Write(connection, transaction, digest);
            if (batch.Count < FillBatch) return;
            after = batch[^1].Id;
        }
    }
}
