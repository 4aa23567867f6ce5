using AiLab.Core.Calibrations;
using AiLab.Core.Experiments;
using AiLab.Storage.Serialization;

namespace AiLab.Storage.Shared;

/// <summary>Calibrations (schema step 3), beside the experiments they pooled, on either engine.</summary>
internal sealed class CalibrationStore(IStoreDatabase database) : ICalibrationStore
{
    /// <inheritdoc />
    public Task AddAsync(Calibration calibration, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(calibration);
        return database.ExecuteAsync("""
            INSERT INTO calibrations (id, workflow_key, created_at, created_utc_ticks, document)
            VALUES (@id, @key, @createdAt, @ticks, @document);
            """, cancellationToken,
            ("id", calibration.Id), ("key", calibration.WorkflowKey), ("createdAt", Sql.Time(calibration.CreatedAt)),
            ("ticks", calibration.CreatedAt.UtcTicks), ("document", StorageJson.Serialize(calibration)));
    }

    /// <inheritdoc />
    public async Task<Calibration?> LatestAsync(string workflowKey, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workflowKey);
        var found = await QueryAsync(
            "SELECT id, document FROM calibrations WHERE workflow_key = @p ORDER BY created_utc_ticks DESC LIMIT 1;",
            workflowKey, cancellationToken).ConfigureAwait(false);
        return found.FirstOrDefault();
    }

    /// <inheritdoc />
    public async Task<Calibration?> FindAsync(string idOrPrefix, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(idOrPrefix);
        var exact = await QueryAsync("SELECT id, document FROM calibrations WHERE id = @p;", idOrPrefix,
            cancellationToken).ConfigureAwait(false);
        if (exact.Count == 1) return exact[0];
        var matches = await QueryAsync(
            "SELECT id, document FROM calibrations WHERE substr(id, 1, length(@p)) = @p ORDER BY id;", idOrPrefix,
            cancellationToken).ConfigureAwait(false);
        return matches.Count switch
        {
            0 => null,
            1 => matches[0],
            _ => throw new AmbiguousIdException(idOrPrefix, [.. matches.Select(c => c.Id)], "calibrations"),
        };
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<Calibration>> ListAsync(
        int limit, CancellationToken cancellationToken = default) =>
        await QueryAsync("SELECT id, document FROM calibrations ORDER BY created_utc_ticks DESC LIMIT @p;", limit,
            cancellationToken).ConfigureAwait(false);

    private Task<List<Calibration>> QueryAsync(string sql, object parameter, CancellationToken cancellationToken) =>
        database.QueryAsync(sql, r => ExperimentDocuments.Deserialize<Calibration>(
                r.GetString(1), database.Display, $"calibration '{r.GetString(0)}'"),
            cancellationToken, ("p", parameter));
}
