namespace AiLab.Stats.Validation;

/// <summary>Input checks shared by every estimator and test, so that bad input fails loudly at the edge.</summary>
internal static class SampleGuard
{
    /// <summary>Throws unless the sample is non-null, has at least <paramref name="minCount"/> values and all are finite.</summary>
    public static void Require(IReadOnlyList<double> sample, string paramName, int minCount = 1)
    {
        ArgumentNullException.ThrowIfNull(sample, paramName);
        if (sample.Count < minCount)
        {
            throw new ArgumentException(
                sample.Count == 0
                    ? "The sample is empty."
                    : $"The sample has {sample.Count} value(s); at least {minCount} are needed.",
                paramName);
        }

        for (var i = 0; i < sample.Count; i++)
        {
            if (!double.IsFinite(sample[i]))
            {
                throw new ArgumentException($"The sample contains a non-finite value ({sample[i]}) at index {i}.", paramName);
            }
        }
    }

    /// <summary>Throws unless <paramref name="value"/> is a finite number.</summary>
    public static void RequireFinite(double value, string paramName)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"Expected a finite number, got {value}.", paramName);
        }
    }

    /// <summary>Throws unless <paramref name="p"/> lies in [0, 1].</summary>
    public static void RequireProbability(double p, string paramName)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentException($"Expected a probability in [0, 1], got {p}.", paramName);
        }
    }
}
