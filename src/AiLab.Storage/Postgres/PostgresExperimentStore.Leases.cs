using System.Globalization;
using AiLab.Core.Experiments.Leases;
using Npgsql;

namespace AiLab.Storage.Postgres;

/// <summary>The experiments' leases, in the same database as the experiments they cover.</summary>
public sealed partial class PostgresExperimentStore : ILeaseStore
{
    /// <inheritdoc />
    public Task<ExperimentLease?> TryAcquireAsync(
        ExperimentLease wanted, Func<ExperimentLease, bool> canTakeOver, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(wanted);
        ArgumentNullException.ThrowIfNull(canTakeOver);
        return _database.RunAsync(async (connection, token) =>
        {
            await using var transaction = await connection.BeginTransactionAsync(token).ConfigureAwait(false);
            // The experiment's row, locked: two processes acquiring at once are serialized here, so they cannot
            // both see the lease free (there may be no lease row yet to lock).
            await using (var lockRow = new NpgsqlCommand(
                "SELECT 1 FROM experiments WHERE id = @id FOR UPDATE;", connection, transaction))
            {
                lockRow.Parameters.AddWithValue("id", wanted.ExperimentId);
                if (await lockRow.ExecuteScalarAsync(token).ConfigureAwait(false) is null)
                    throw new InvalidOperationException(
                        $"experiment '{wanted.ExperimentId}' is not in {Where}; create it before leasing it");
            }

            var current = await ReadLeaseAsync(connection, transaction, wanted.ExperimentId, token).ConfigureAwait(false);
            if (current is not null && current.Token != wanted.Token && !canTakeOver(current))
                return current;

            await using var command = new NpgsqlCommand("""
                INSERT INTO experiment_leases (experiment_id, token, holder_pid, holder_host, holder_boot_id,
                    holder_start_ticks, acquired_at, heartbeat_at, expires_utc_ticks)
                VALUES (@id, @token, @pid, @host, @boot, @start, @acquired, @heartbeat, @expires)
                ON CONFLICT (experiment_id) DO UPDATE SET
                    token = excluded.token, holder_pid = excluded.holder_pid, holder_host = excluded.holder_host,
                    holder_boot_id = excluded.holder_boot_id, holder_start_ticks = excluded.holder_start_ticks,
                    acquired_at = excluded.acquired_at, heartbeat_at = excluded.heartbeat_at,
                    expires_utc_ticks = excluded.expires_utc_ticks;
                """, connection, transaction);
            var p = command.Parameters;
            p.AddWithValue("id", wanted.ExperimentId);
            p.AddWithValue("token", wanted.Token);
            p.AddWithValue("pid", wanted.Holder.Pid);
            p.AddWithValue("host", wanted.Holder.Host);
            p.AddWithValue("boot", wanted.Holder.BootId);
            p.AddWithValue("start", wanted.Holder.StartTicks);
            p.AddWithValue("acquired", wanted.AcquiredAt.ToString("O", CultureInfo.InvariantCulture));
            p.AddWithValue("heartbeat", wanted.HeartbeatAt.ToString("O", CultureInfo.InvariantCulture));
            p.AddWithValue("expires", wanted.ExpiresAt.UtcTicks);
            await command.ExecuteNonQueryAsync(token).ConfigureAwait(false);
            await transaction.CommitAsync(token).ConfigureAwait(false);
            return (ExperimentLease?)null;
        }, cancellationToken);
    }

    /// <inheritdoc />
    public Task<bool> RenewAsync(
        string experimentId, string token, DateTimeOffset heartbeatAt, DateTimeOffset expiresAt,
        CancellationToken cancellationToken = default) =>
        _database.RunAsync(async (connection, cancel) =>
        {
            await using var command = new NpgsqlCommand("""
                UPDATE experiment_leases SET heartbeat_at = @heartbeat, expires_utc_ticks = @expires
                WHERE experiment_id = @id AND token = @token;
                """, connection);
            command.Parameters.AddWithValue("id", experimentId);
            command.Parameters.AddWithValue("token", token);
            command.Parameters.AddWithValue("heartbeat", heartbeatAt.ToString("O", CultureInfo.InvariantCulture));
            command.Parameters.AddWithValue("expires", expiresAt.UtcTicks);
            return await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false) == 1;
        }, cancellationToken);

    /// <inheritdoc />
    public Task ReleaseAsync(string experimentId, string token, CancellationToken cancellationToken = default) =>
        _database.RunAsync(async (connection, cancel) =>
        {
            await using var command = new NpgsqlCommand(
                "DELETE FROM experiment_leases WHERE experiment_id = @id AND token = @token;", connection);
            command.Parameters.AddWithValue("id", experimentId);
            command.Parameters.AddWithValue("token", token);
            await command.ExecuteNonQueryAsync(cancel).ConfigureAwait(false);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<ExperimentLease?> GetLeaseAsync(string experimentId, CancellationToken cancellationToken = default) =>
        _database.RunAsync(
            (connection, token) => ReadLeaseAsync(connection, null, experimentId, token), cancellationToken);

    private static async Task<ExperimentLease?> ReadLeaseAsync(
        NpgsqlConnection connection, NpgsqlTransaction? transaction, string experimentId, CancellationToken token)
    {
        await using var command = new NpgsqlCommand("""
            SELECT token, holder_pid, holder_host, holder_boot_id, holder_start_ticks, acquired_at, heartbeat_at,
                   expires_utc_ticks
            FROM experiment_leases WHERE experiment_id = @id;
            """, connection, transaction);
        command.Parameters.AddWithValue("id", experimentId);
        await using var reader = await command.ExecuteReaderAsync(token).ConfigureAwait(false);
        if (!await reader.ReadAsync(token).ConfigureAwait(false))
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
