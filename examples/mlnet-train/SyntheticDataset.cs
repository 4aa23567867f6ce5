namespace MlnetTrain;

/// <summary>Generates a deterministic, learnable but noisy binary-classification table.</summary>
internal static class SyntheticDataset
{
    /// <summary>The rows for <paramref name="config"/>; the same config always gives the same rows.</summary>
    public static List<TabularRow> Generate(TrainingConfig config)
    {
        var random = new Random(config.Seed);
        var numericWeights = Enumerable.Range(0, config.NumericFeatures).Select(_ => (float)(random.NextDouble() * 2 - 1)).ToArray();
        var countWeights = Enumerable.Range(0, config.CountFeatures).Select(_ => (float)(random.NextDouble() * 0.2 - 0.1)).ToArray();
        var countMeans = Enumerable.Range(0, config.CountFeatures).Select(_ => 5 + random.NextDouble() * 45).ToArray();

        var rows = new List<TabularRow>(config.Rows);
        for (var r = 0; r < config.Rows; r++)
        {
            var numeric = new float[config.NumericFeatures];
            var counts = new float[config.CountFeatures];
            var score = 0.0;
            for (var j = 0; j < numeric.Length; j++)
            {
                numeric[j] = (float)StandardNormal(random);
                score += numericWeights[j] * numeric[j];
            }

            for (var j = 0; j < counts.Length; j++)
            {
                // Counts spread around their mean; their scale is why the pipeline normalizes.
                counts[j] = MathF.Max(0, MathF.Round((float)(countMeans[j] + StandardNormal(random) * Math.Sqrt(countMeans[j]))));
                score += countWeights[j] * (counts[j] - countMeans[j]) / Math.Sqrt(countMeans[j]);
            }

            // A logistic draw rather than a threshold: labels are noisy, so accuracy lands well below 1.
            var probability = 1 / (1 + Math.Exp(-1.5 * score));
            rows.Add(new TabularRow { Numeric = numeric, Counts = counts, Label = random.NextDouble() < probability });
        }

        return rows;
    }

    private static double StandardNormal(Random random)
    {
        // Box–Muller; 1 - NextDouble() keeps the logarithm's argument in (0, 1].
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
