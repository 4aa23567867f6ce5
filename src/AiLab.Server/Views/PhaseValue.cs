namespace AiLab.Server.Views;

/// <summary>A phase's name (without the <c>phase:</c> prefix) and a value in ms.</summary>
public sealed record PhaseValue(string Phase, double Ms);
