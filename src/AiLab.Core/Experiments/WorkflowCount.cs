namespace AiLab.Core.Experiments;

/// <summary>A workflow that has experiments, and how many.</summary>
/// <param name="Name">The workflow's name.</param>
/// <param name="Experiments">How many experiments (of any kind and status) it has.</param>
public sealed record WorkflowCount(string Name, int Experiments);
