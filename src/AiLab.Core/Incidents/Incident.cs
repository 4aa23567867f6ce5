namespace AiLab.Core.Incidents;

/// <summary>A confirmed regression attributed to one commit, with the evidence that convicts it.</summary>
/// <remarks>The <see cref="Id"/> is derived from what was attributed (repository, workflow, culprit, metric), never
/// from when: a second bisection of the same range reaches the same id, so the store and every sink see one incident.</remarks>
public sealed record Incident
{
    /// <summary>Deterministic id, <c>inc-</c> and 16 hex digits; see <see cref="IncidentId.For"/>.</summary>
    public string Id => IncidentId.For(Repository, Workflow, Culprit.Sha, Metric);

    /// <summary>When the incident was first recorded.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The workflow that regressed (its name in ailab.yaml, or the ad-hoc command's name).</summary>
    public required string Workflow { get; init; }

    /// <summary>The repository the culprit lives in: a path or URL, as the lab was given it.</summary>
    public required string Repository { get; init; }

    /// <summary>The metric that regressed, e.g. <c>ttfb</c>.</summary>
    public required string Metric { get; init; }

    /// <summary>The phase that moved most, e.g. <c>config_validation</c>; null when no phase stands out.</summary>
    public string? Phase { get; init; }

    /// <summary>The commit the regression is attributed to.</summary>
    public required CulpritCommit Culprit { get; init; }

    /// <summary>The range that was searched: last good and first known bad revision.</summary>
    public required RevisionRange Range { get; init; }

    /// <summary>How much the metric moved at the culprit, with its confidence intervals.</summary>
    public required ChangeEstimate Change { get; init; }

    /// <summary>The comparisons that convict the culprit: the original one and its confirmation.</summary>
    public required IReadOnlyList<IncidentEvidence> Evidence { get; init; }

    /// <summary>Trials spent to attribute the regression (bisection and confirmation together).</summary>
    public int TrialsUsed { get; init; }

    /// <summary>The culprit's profile diff, when the bisection ran with <c>--profile</c>; null otherwise.</summary>
    public IncidentProfile? Profile { get; init; }

    /// <summary>Where the incident stands; new incidents are open.</summary>
    public IncidentStatus Status { get; init; } = IncidentStatus.Open;

    /// <summary>A one-line title that names the metric, the change, the culprit and the incident id.</summary>
    public string Title()
    {
        var what = Phase is null ? Metric : $"{Metric} ({Phase})";
        var sign = Change.ChangePct >= 0 ? "+" : "";
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"{Workflow}: {what} {sign}{Change.ChangePct:0.#}% in {Culprit.ShortSha} \"{Culprit.Subject}\" [{Id}]");
    }
}
