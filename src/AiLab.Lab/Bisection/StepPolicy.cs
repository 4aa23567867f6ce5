namespace AiLab.Lab.Bisection;

/// <summary>How many trials a step starts with and how far an inconclusive one is repeated.</summary>
/// <param name="Trials">Measured trials per variant of a step's first comparison.</param>
/// <param name="MaxTrials">The most a repeat may use; repeats double the trials up to it.</param>
internal sealed record StepPolicy(int Trials, int MaxTrials);
