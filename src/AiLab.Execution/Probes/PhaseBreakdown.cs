using AiLab.Core.Trials;

namespace AiLab.Execution.Probes;

/// <summary>Phases and time to first batch derived from a trial's marks, with what looked wrong about them.</summary>
/// <param name="Phases">One phase per distinct mark up to and including <c>first_batch</c>.</param>
/// <param name="TtfbMs">Offset of the first <c>first_batch</c> mark, or null when there is none.</param>
/// <param name="Warnings">Marks going backwards in time or repeated.</param>
internal sealed record PhaseBreakdown(IReadOnlyList<Phase> Phases, double? TtfbMs, IReadOnlyList<string> Warnings);
