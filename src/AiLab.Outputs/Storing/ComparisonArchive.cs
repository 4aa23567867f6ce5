using AiLab.Outputs.Comparing;
using AiLab.Storage.Sqlite;

namespace AiLab.Outputs.Storing;

/// <summary>Stores and reads back comparisons through the SQLite store.</summary>
public sealed class ComparisonArchive(SqliteOutputComparisonStore store)
{
    /// <summary>Stores a finished comparison with its flipped examples.</summary>
    public void Add(ComparisonReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        store.Add(
            new OutputComparisonRow(report.Id, report.CreatedAt, report.Dag, Describe(report.Baseline), Describe(report.Candidate),
                Describe(report.Dataset), report.Passed, ReportJson.Serialize(report)),
            report.Flipped.Select(f => new OutputFlipRow(f.Id, f.Slice, f.Label, f.BaselineScore, f.CandidateScore)));
    }

    /// <summary>The newest comparisons.</summary>
    public IReadOnlyList<OutputComparisonRow> List(int limit) => store.List(limit);

    /// <summary>A comparison by id or unique prefix; null when none.</summary>
    public ComparisonReport? Find(string idOrPrefix) => store.Find(idOrPrefix) is { } row ? ReportJson.Deserialize(row.Document) : null;

    private static string Describe(ArtifactIdentity identity) =>
        identity.Sha256 is null ? $"{identity.Name} ({identity.Location})" : $"{identity.Name} ({Path.GetFileName(identity.Location)} {identity.Sha256[..12]})";
}
