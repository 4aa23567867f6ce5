namespace AiLab.Core.Verdicts;

/// <summary>Descriptive statistics of one variant's successful trials for one metric.</summary>
public sealed record SampleSummary(int N, double Median, double Mean, double StdDev, double Min, double Max);
