using AiLab.Core.Experiments;
using AiLab.Core.Verdicts;
using AiLab.Core.Wire;

namespace AiLab.Server.Api;

/// <summary>An experiment as lists show it; <c>GET /api/v1/experiments/{id}</c> has the full document.</summary>
public sealed record ExperimentSummary(string Id, string Kind, DateTimeOffset CreatedAt, string Workflow, string Status,
    IReadOnlyDictionary<string, string> Commits, string? Verdict, double? TtfbChangePct, string? ConfirmationOf)
{
    /// <summary>The summary of <paramref name="e"/>.</summary>
    public static ExperimentSummary Of(Experiment e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var ttfb = e.Verdict?.Metrics.FirstOrDefault(m => m.Name == "ttfb");
        return new ExperimentSummary(e.Id, e.Kind == ExperimentKind.AB ? "ab" : "run", e.CreatedAt, e.Workflow.Name,
            WireNames.Of(e.Status), e.Commits, e.Verdict?.Overall.ToWire(),
            ttfb is not null && double.IsFinite(ttfb.ChangePct) ? ttfb.ChangePct : null, e.ConfirmationOf);
    }

    /// <summary>The summary of a stored digest (the same fields as <see cref="Of(Experiment)"/>).</summary>
    public static ExperimentSummary Of(ExperimentDigest e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new ExperimentSummary(e.Id, e.Kind == ExperimentKind.AB ? "ab" : "run", e.CreatedAt, e.Workflow,
            e.StatusName, e.Commits, e.Verdict, e.TtfbChangePct, e.ConfirmationOf);
    }
}
