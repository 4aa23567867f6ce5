namespace AiLab.Outputs.Features;

/// <summary>One output of a feature node.</summary>
/// <param name="Output">The output's name; model nodes read it as a column.</param>
/// <param name="From">The data column it is derived from.</param>
/// <param name="Op">How it is derived.</param>
/// <param name="Value">For <see cref="FeatureOp.OneHot"/>: the value that reads as 1.</param>
/// <param name="Mean">For <see cref="FeatureOp.Standardize"/>: the mean to subtract; null for the data set's.</param>
/// <param name="Std">For <see cref="FeatureOp.Standardize"/>: the scale; null to use the data set's.</param>
/// <param name="Default">What a missing value becomes; null makes a missing value an error naming the example.</param>
public sealed record FeatureSpec(
    string Output, string From, FeatureOp Op, string? Value, double? Mean, double? Std, double? Default);
