namespace AiLab.Outputs.Features;

/// <summary>How a feature node derives one model input from one data column.</summary>
public enum FeatureOp
{
    /// <summary>The column's value as a float (booleans read as 0/1): select and cast.</summary>
    Copy,

    /// <summary>(x − mean) / std, with the owner's mean and std (the training set's), or the data set's
    /// own.</summary>
    Standardize,

    /// <summary>ln(1 + x), for counts and other heavy-tailed non-negative columns.</summary>
    Log1p,

    /// <summary>1 when the column's text equals the given value, else 0 (a missing value reads as 0).</summary>
    OneHot,
}
