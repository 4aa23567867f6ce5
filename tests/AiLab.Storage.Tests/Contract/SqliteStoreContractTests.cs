namespace AiLab.Storage.Tests.Contract;

/// <summary>The store contract against SQLite.</summary>
public sealed class SqliteStoreContractTests : StoreContractTests
{
    /// <inheritdoc />
    protected override StoreBackend CreateBackend() => new SqliteBackend();
}
