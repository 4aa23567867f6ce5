namespace AiLab.Storage.Tests.Contract;

/// <summary>A new SQLite file in a temporary directory.</summary>
public sealed class SqliteBackend : StoreBackend
{
    private readonly TempDirectory _temp = new();

    /// <inheritdoc />
    public override string ConnectionString => "sqlite:" + _temp.File("lab.db");

    /// <inheritdoc />
    public override void Dispose() => _temp.Dispose();
}
