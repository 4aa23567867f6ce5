namespace AiLab.Storage.Sqlite;

/// <summary>One step of the schema: applied once, in its own transaction, when the database's
/// <c>PRAGMA user_version</c> is below <paramref name="Version"/>.</summary>
/// <param name="Version">The user_version the database has after this step; steps are numbered 1, 2, 3, ...</param>
/// <param name="Description">What the step adds, for error messages.</param>
/// <param name="Sql">The statements of the step.</param>
internal sealed record SchemaMigration(int Version, string Description, string Sql);
