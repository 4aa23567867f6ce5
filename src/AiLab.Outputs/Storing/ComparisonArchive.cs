using AiLab.Outputs.Comparing;
using AiLab.Core.Outputs;

namespace AiLab.Outputs.Storing;

/// <summary>Stores and reads back comparisons through the output comparison store.</summary>
public sealed class ComparisonArchive(IOutputComparisonStore store)
{
    /// <summary>Stores a finished comparison with its flipped examples.</summary>
    public Task AddAsync(ComparisonReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        return store.AddAsync(
            new OutputComparisonRow(report.Id, report.CreatedAt, report.Dag, Describe(report.Baseline), Describe(report.Candidate),
                Describe(report.Dataset), report.Passed, ReportJson.Serialize(report)),
            report.Flipped.Select(f => new OutputFlipRow(f.Id, f.Slice, f.Label, f.BaselineScore, f.CandidateScore)),
            cancellationToken);
    }

    /// <summary>The newest comparisons.</summary>
    public Task<IReadOnlyList<OutputComparisonRow>> ListAsync(int limit, CancellationToken cancellationToken = default) =>
        store.ListAsync(limit, cancellationToken);

    /// <summary>A comparison by id or unique prefix; null when none.</summary>
    public async Task<ComparisonReport?> FindAsync(string idOrPrefix, CancellationToken cancellationToken = default) =>
        await store.FindAsync(idOrPrefix, cancellationToken).ConfigureAwait(false) is { } row
            ? ReportJson.Deserialize(row.Document)
            : null;

    private static string Describe(ArtifactIdentity identity) =>
        identity.Sha256 is null ? $"{identity.Name} ({identity.Location})" : $"{identity.Name} ({Path.GetFileName(identity.Location)} {identity.Sha256[..12]})";
}
