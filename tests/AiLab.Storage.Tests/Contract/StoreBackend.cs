using AiLab.Storage.Schema;

namespace AiLab.Storage.Tests.Contract;

/// <summary>A fresh, empty database of one engine for one test, opened through <see cref="StoreFactory"/> like
/// every front end opens it.</summary>
public abstract class StoreBackend : IDisposable
{
    /// <summary>The connection string of this test's database.</summary>
    public abstract string ConnectionString { get; }

    /// <summary>Opens every store of the test's database.</summary>
    public LabStores Open(StoreAccess access = StoreAccess.ReadWrite) =>
        StoreFactory.Open(StoreLocation.Parse(ConnectionString), access);

    /// <summary>Opens every store with schema steps of the test's own.</summary>
    internal LabStores Open(IReadOnlyList<SchemaMigration> migrations) =>
        StoreFactory.Open(StoreLocation.Parse(ConnectionString), StoreAccess.ReadWrite, migrations);

    /// <summary>Removes the test's database.</summary>
    public abstract void Dispose();
}
