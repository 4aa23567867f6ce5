namespace AiLab.Application.Settings;

/// <summary>Input the lab cannot act on that is not one setting's value (a workflow file without notification sinks,
/// two revisions that are the same commit). The message speaks of the domain; front ends show it as it is.</summary>
public sealed class LabInputException(string message) : Exception(message);
