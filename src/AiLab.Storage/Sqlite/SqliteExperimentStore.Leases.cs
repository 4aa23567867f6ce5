using System.Globalization;
using AiLab.Core.Experiments.Leases;
using Microsoft.Data.Sqlite;

namespace AiLab.Storage.Sqlite;

/// <summary>The experiments' leases (schema step 4), in the same file as the experiments they cover.</summary>
public sealed partial class SqliteExperimentStore
{
    /// <inheritdoc />
    public ExperimentLease? TryAcquire(ExperimentLease wanted, Func<ExperimentLease, bool> canTakeOver)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(canTakeOver);
        return Guarded(() =>
        {
            // IMMEDIATE: the write lock is taken before the read, so two processes cannot both see the lease free.
            using var transaction = _connection.BeginTransaction(deferred: false);
            var current = ReadLease(wanted.ExperimentId, transaction);
            if (current is not null && current.Token != wanted.Token && !canTakeOver(current))
                return current;

            using var command = _connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                INSERT OR REPLACE INTO experiment_leases (experiment_id, token, holder_pid, holder_host, holder_boot_id,
                    holder_start_ticks, acquired_at, heartbeat_at, expires_utc_ticks)
                VALUES ($id, $token, $pid, $host, $boot, $start, $acquired, $heartbeat, $expires);
                """;
            var p = command.Parameters;
            p.AddWithValue("$id", wanted.ExperimentId);
            p.AddWithValue("$token", wanted.Token);
            p.AddWithValue("$pid", wanted.Holder.Pid);
            p.AddWithValue("$host", wanted.Holder.Host);
            p.AddWithValue("$boot", wanted.Holder.BootId);
            p.AddWithValue("$start", wanted.Holder.StartTicks);
            p.AddWithValue("$acquired", wanted.AcquiredAt.ToString("O", CultureInfo.InvariantCulture));
            p.AddWithValue("$heartbeat", wanted.HeartbeatAt.ToString("O", CultureInfo.InvariantCulture));
            p.AddWithValue("$expires", wanted.ExpiresAt.UtcTicks);
            try
            {
                command.ExecuteNonQuery();
            }
            catch (SqliteException ex) when (ex.SqliteExtendedErrorCode == ConstraintForeignKey)
            {
                throw new InvalidOperationException(
                    $"experiment '{wanted.ExperimentId}' is not in {DatabasePath}; Create it before leasing it", ex);
            }

            transaction.Commit();
            return (ExperimentLease?)null;
        });
    }

    /// <inheritdoc />
    public bool Renew(string experimentId, string token, DateTimeOffset heartbeatAt, DateTimeOffset expiresAt) =>
        Guarded(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            UPDATE experiment_leases SET heartbeat_at = $heartbeat, expires_utc_ticks = $expires
            WHERE experiment_id = $id AND token = $token;
            """;
        command.Parameters.AddWithValue("$id", experimentId);
        command.Parameters.AddWithValue("$token", token);
        command.Parameters.AddWithValue("$heartbeat", heartbeatAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$expires", expiresAt.UtcTicks);
        return command.ExecuteNonQuery() == 1;
    });

    /// <inheritdoc />
    public void Release(string experimentId, string token) => Guarded(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "DELETE FROM experiment_leases WHERE experiment_id = $id AND token = $token;";
        command.Parameters.AddWithValue("$id", experimentId);
        command.Parameters.AddWithValue("$token", token);
        command.ExecuteNonQuery();
    });

    /// <inheritdoc />
    public ExperimentLease? GetLease(string experimentId) => Guarded(() => ReadLease(experimentId, null));

    private ExperimentLease? ReadLease(string experimentId, SqliteTransaction? transaction)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT token, holder_pid, holder_host, holder_boot_id, holder_start_ticks, acquired_at, heartbeat_at,
                   expires_utc_ticks
            FROM experiment_leases WHERE experiment_id = $id;
            """;
        command.Parameters.AddWithValue("$id", experimentId);
        using var reader = command.ExecuteReader();
        if (!reader.Read())
            return null;
        var holder = new LeaseHolder(reader.GetInt32(1), reader.GetString(2), reader.GetString(3), reader.GetInt64(4));
        return new ExperimentLease(
            experimentId,
            reader.GetString(0),
            holder,
            DateTimeOffset.Parse(reader.GetString(5), CultureInfo.InvariantCulture),
            DateTimeOffset.Parse(reader.GetString(6), CultureInfo.InvariantCulture),
            new DateTimeOffset(reader.GetInt64(7), TimeSpan.Zero));
    }
}
