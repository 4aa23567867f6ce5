using System.Data.Common;
using System.Globalization;

namespace AiLab.Storage.Shared;

/// <summary>ADO.NET helpers that read the same on both engines: Microsoft.Data.Sqlite and Npgsql both bind
/// <c>@name</c> placeholders, so one statement text serves both wherever the SQL itself is standard.</summary>
internal static class Sql
{
    /// <summary>A command over <paramref name="connection"/> with <paramref name="parameters"/> bound by name
    /// (without the <c>@</c>); a null value binds SQL NULL.</summary>
    public static DbCommand Command(
        DbConnection connection, string sql, DbTransaction? transaction = null,
        params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    /// <summary>Runs a statement; returns the rows it changed.</summary>
    public static Task<int> ExecuteAsync(
        this IStoreDatabase database, string sql, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = Command(connection, sql, null, parameters);
            return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Runs a query and maps each row with <paramref name="read"/>.</summary>
    public static Task<List<T>> QueryAsync<T>(
        this IStoreDatabase database, string sql, Func<DbDataReader, T> read, CancellationToken cancellationToken,
        params (string Name, object? Value)[] parameters) =>
        database.RunAsync(async (connection, ct) =>
        {
            await using var command = Command(connection, sql, null, parameters);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            var rows = new List<T>();
            while (await reader.ReadAsync(ct).ConfigureAwait(false)) rows.Add(read(reader));
            return rows;
        }, cancellationToken);

    /// <summary>A text column, or null.</summary>
    public static string? Text(this DbDataReader reader, string column)
    {
        var ordinal = reader.GetOrdinal(column);
        return reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
    }

    /// <summary>A 64-bit integer column (SQLite INTEGER, PostgreSQL BIGINT or INTEGER).</summary>
    public static long Int64(this DbDataReader reader, string column) =>
        Convert.ToInt64(reader.GetValue(reader.GetOrdinal(column)), CultureInfo.InvariantCulture);

    /// <summary>A time as the stores keep it: ISO 8601 text with its offset, round-trippable.</summary>
    public static string Time(DateTimeOffset at) => at.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>Parses a time written by <see cref="Time"/>.</summary>
    public static DateTimeOffset ParseTime(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture);
}
