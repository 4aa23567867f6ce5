namespace AiLab.Storage.Schema.Steps;

/// <summary>Schema step 5: experiment leases.</summary>
internal static class Step005ExperimentLeases
{
    /// <summary>The step, in both dialects.</summary>
    public static SchemaMigration Step { get; } = new(5, "experiment leases", Sqlite, Postgres);

    private const string Sqlite = """
        CREATE TABLE experiment_leases (
            experiment_id       TEXT    NOT NULL PRIMARY KEY REFERENCES experiments (id) ON DELETE CASCADE,
            token               TEXT    NOT NULL, -- random per acquisition; renew and release name it
            holder_pid          INTEGER NOT NULL,
            holder_host         TEXT    NOT NULL,
            holder_boot_id      TEXT    NOT NULL, -- /proc/sys/kernel/random/boot_id: a reboot ends every holder
            holder_start_ticks  INTEGER NOT NULL, -- /proc/PID/stat field 22: tells a reused pid from the holder
            acquired_at         TEXT    NOT NULL,
            heartbeat_at        TEXT    NOT NULL,
            expires_utc_ticks   INTEGER NOT NULL
        );
        """;

    private const string Postgres = """
        CREATE TABLE experiment_leases (
            experiment_id       TEXT    NOT NULL PRIMARY KEY REFERENCES experiments (id) ON DELETE CASCADE,
            token               TEXT    NOT NULL,
            holder_pid          INTEGER NOT NULL,
            holder_host         TEXT    NOT NULL,
            holder_boot_id      TEXT    NOT NULL,
            holder_start_ticks  BIGINT  NOT NULL,
            acquired_at         TEXT    NOT NULL,
            heartbeat_at        TEXT    NOT NULL,
            expires_utc_ticks   BIGINT  NOT NULL
        );
        """;
}
