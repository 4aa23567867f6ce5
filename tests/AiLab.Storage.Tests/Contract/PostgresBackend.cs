namespace AiLab.Storage.Tests.Contract;

/// <summary>A new schema of its own in the PostgreSQL database named by <c>AILAB_TEST_POSTGRES</c>, dropped at the
/// end (<see cref="PostgresSchema"/>: without that variable the test fails and says how to start a server).</summary>
public sealed class PostgresBackend : StoreBackend
{
    private readonly PostgresSchema _schema = new();

    /// <inheritdoc />
    public override string ConnectionString => _schema.ConnectionString;

    /// <inheritdoc />
    public override void Dispose() => _schema.Dispose();
}
