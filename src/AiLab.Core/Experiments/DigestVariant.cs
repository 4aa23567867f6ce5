namespace AiLab.Core.Experiments;

/// <summary>A variant as an <see cref="ExperimentDigest"/> keeps it.</summary>
/// <param name="Label">Its label (<c>A</c>, <c>B</c>, ...).</param>
/// <param name="Revision">The revision it asked for, or null when it ran no revision.</param>
public sealed record DigestVariant(string Label, string? Revision);
