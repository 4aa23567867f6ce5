using AiLab.Core.Verdicts;

namespace AiLab.Core.Incidents;

/// <summary>One experiment behind an incident and what it concluded.</summary>
/// <param name="Role">What the experiment was for: <see cref="EvidenceRole.Original"/> or <see cref="EvidenceRole.Confirmation"/>.</param>
/// <param name="ExperimentId">The experiment's id in the store (see <c>ailab show</c>).</param>
/// <param name="Verdict">Its overall verdict.</param>
/// <param name="Reason">Why, in a short sentence (e.g. the verdict rule that decided it).</param>
public sealed record IncidentEvidence(EvidenceRole Role, string ExperimentId, Verdict Verdict, string Reason);
