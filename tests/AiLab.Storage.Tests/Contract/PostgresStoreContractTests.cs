namespace AiLab.Storage.Tests.Contract;

/// <summary>The store contract against a real PostgreSQL server (<c>AILAB_TEST_POSTGRES</c>).</summary>
public sealed class PostgresStoreContractTests : StoreContractTests
{
    /// <inheritdoc />
    protected override StoreBackend CreateBackend() => new PostgresBackend();
}
