namespace AiLab.Outputs.Comparing;

/// <summary>Both sides' ROC and precision–recall curves over all examples, for the dashboard to overlay.</summary>
/// <param name="RocBaseline">The baseline's ROC curve.</param>
/// <param name="RocCandidate">The candidate's ROC curve.</param>
/// <param name="PrBaseline">The baseline's precision–recall curve.</param>
/// <param name="PrCandidate">The candidate's precision–recall curve.</param>
public sealed record ComparisonCurves(
    CurvePoints RocBaseline, CurvePoints RocCandidate, CurvePoints PrBaseline, CurvePoints PrCandidate);
