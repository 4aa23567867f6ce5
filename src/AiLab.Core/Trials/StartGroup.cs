namespace AiLab.Core.Trials;

/// <summary>A block of trials started side by side (one schedule block's A and B): <paramref name="Key"/> names it,
/// <paramref name="Size"/> trials belong to it. An executor that can makes them eligible at one moment
/// (<see cref="TrialRequest.StartTogether"/>).</summary>
public sealed record StartGroup(string Key, int Size);
