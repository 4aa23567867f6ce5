using System.Data.Common;
using AiLab.Storage.Schema;

namespace AiLab.Storage.Shared;

/// <summary>A database of either engine as the shared (engine-neutral) stores see it: a connection per operation,
/// errors that name the database, and the dialect for the few statements that differ.</summary>
internal interface IStoreDatabase
{
    /// <summary>How messages name the database (never with a password).</summary>
    string Display { get; }

    /// <summary>What the database speaks.</summary>
    SqlDialect Dialect { get; }

    /// <summary>Runs <paramref name="operation"/> on an open connection of its own.</summary>
    Task<T> RunAsync<T>(Func<DbConnection, CancellationToken, Task<T>> operation, CancellationToken cancellationToken);
}
