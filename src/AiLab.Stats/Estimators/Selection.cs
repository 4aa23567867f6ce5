using System.Runtime.CompilerServices;

namespace AiLab.Stats.Estimators;

/// <summary>In-place order statistics without a full sort, for hot loops such as the bootstrap.</summary>
internal static class Selection
{
    /// <summary>The median of <paramref name="values"/>, reordering them (Hoare's quickselect, "FIND", CACM 1961).</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double MedianInPlace(Span<double> values)
    {
        var n = values.Length;
        var upper = n / 2;
        var upperValue = SelectInPlace(values, upper);
        if ((n & 1) == 1)
        {
            return upperValue;
        }

        // After selection everything left of `upper` is ≤ it, so the lower middle is the maximum of that part.
        var lowerValue = values[0];
        for (var i = 1; i < upper; i++)
        {
            if (values[i] > lowerValue)
            {
                lowerValue = values[i];
            }
        }

        return (lowerValue + upperValue) / 2;
    }

    /// <summary>The k-th smallest value (0-based); on return values[..k] ≤ values[k] ≤ values[(k+1)..].</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static double SelectInPlace(Span<double> values, int k)
    {
        var left = 0;
        var right = values.Length - 1;
        while (right > left)
        {
            // Median-of-three pivot keeps sorted and reversed inputs from going quadratic.
            var middle = left + ((right - left) / 2);
            if (values[middle] < values[left])
            {
                Swap(values, middle, left);
            }

            if (values[right] < values[left])
            {
                Swap(values, right, left);
            }

            if (values[right] < values[middle])
            {
                Swap(values, right, middle);
            }

            var pivot = values[middle];
            var i = left;
            var j = right;
            while (i <= j)
            {
                while (values[i] < pivot)
                {
                    i++;
                }

                while (values[j] > pivot)
                {
                    j--;
                }

                if (i <= j)
                {
                    Swap(values, i, j);
                    i++;
                    j--;
                }
            }

            if (k <= j)
            {
                right = j;
            }
            else if (k >= i)
            {
                left = i;
            }
            else
            {
                return values[k];
            }
        }

        return values[k];
    }

    private static void Swap(Span<double> values, int a, int b) => (values[a], values[b]) = (values[b], values[a]);
}
