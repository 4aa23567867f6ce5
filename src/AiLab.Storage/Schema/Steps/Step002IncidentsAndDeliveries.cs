namespace AiLab.Storage.Schema.Steps;

/// <summary>Schema step 2: incidents and their deliveries.</summary>
internal static class Step002IncidentsAndDeliveries
{
    /// <summary>The step, in both dialects.</summary>
    public static SchemaMigration Step { get; } = new(2, "incidents and their deliveries", Sqlite, Postgres);

    private const string Sqlite = """
        CREATE TABLE incidents (
            id                TEXT    NOT NULL PRIMARY KEY, -- deterministic: repository, workflow, culprit, metric
            created_at        TEXT    NOT NULL,
            created_utc_ticks INTEGER NOT NULL,
            status            TEXT    NOT NULL,
            workflow          TEXT    NOT NULL,
            repository        TEXT    NOT NULL,
            metric            TEXT    NOT NULL,
            phase             TEXT,
            commit_sha        TEXT    NOT NULL,
            document          TEXT    NOT NULL  -- JSON: the full Incident; the columns above are copies for queries
        );
        CREATE INDEX incidents_by_created ON incidents (created_utc_ticks DESC);

        CREATE TABLE deliveries (
            incident_id  TEXT    NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
            sink         TEXT    NOT NULL,
            attempted_at TEXT    NOT NULL,
            succeeded    INTEGER NOT NULL,
            error        TEXT,
            reference    TEXT
        );
        CREATE INDEX deliveries_by_incident ON deliveries (incident_id, sink);
        """;

    private const string Postgres = """
        CREATE TABLE incidents (
            id                TEXT    NOT NULL PRIMARY KEY, -- deterministic: repository, workflow, culprit, metric
            row_seq           BIGINT  GENERATED ALWAYS AS IDENTITY,
            created_at        TEXT    NOT NULL,
            created_utc_ticks BIGINT  NOT NULL,
            status            TEXT    NOT NULL,
            workflow          TEXT    NOT NULL,
            repository        TEXT    NOT NULL,
            metric            TEXT    NOT NULL,
            phase             TEXT,
            commit_sha        TEXT    NOT NULL,
            document          TEXT    NOT NULL  -- JSON: the full Incident; the columns above are copies for queries
        );
        CREATE INDEX incidents_by_created ON incidents (created_utc_ticks DESC);

        CREATE TABLE deliveries (
            row_seq      BIGINT  GENERATED ALWAYS AS IDENTITY PRIMARY KEY, -- attempt order (SQLite's rowid)
            incident_id  TEXT    NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
            sink         TEXT    NOT NULL,
            attempted_at TEXT    NOT NULL,
            succeeded    BOOLEAN NOT NULL,
            error        TEXT,
            reference    TEXT
        );
        CREATE INDEX deliveries_by_incident ON deliveries (incident_id, sink);
        """;
}
