using AiLab.Core.Footprints;
using AiLab.Core.Workflows;

namespace AiLab.Lab.ChangeTier;

/// <summary>A production workflow, the test that stands for it in the change tier (its shrunk form when one was
/// derived, else itself), and the footprint it is selected by.</summary>
/// <param name="Production">The production workflow.</param>
/// <param name="Test">What runs: the shrunk workflow, or the production one.</param>
/// <param name="Footprint">The newest footprint of the production workflow; null when none was recorded.</param>
public sealed record ChangeTest(WorkflowSpec Production, WorkflowSpec Test, Footprint? Footprint);
