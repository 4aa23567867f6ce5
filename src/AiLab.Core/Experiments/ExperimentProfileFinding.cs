namespace AiLab.Core.Experiments;

/// <summary>One finding of an experiment's profile diff, as stored with the experiment.</summary>
/// <param name="Summary">In plain words, e.g. <c>+96.1 ms (+22.3% of TTFB) in repr ← features.memoize_key ←
/// features.build_features (0 → 4 calls), phase preprocessing</c>.</param>
/// <param name="Path">The call path, innermost first.</param>
/// <param name="Phase">The probe phase it happened in, when known.</param>
/// <param name="ChangeMs">The change of the path's inclusive time (median over profiled trials), in ms.</param>
/// <param name="PctOfTtfb">That change in percent of the baseline's TTFB.</param>
public sealed record ExperimentProfileFinding(
    string Summary, IReadOnlyList<string> Path, string? Phase, double ChangeMs, double PctOfTtfb);
