using System.Globalization;
using System.Text.Json;
using AiLab.Stats.Calibration;
using AiLab.Testing.Noise;

namespace AiLab.Bench.Verdicts;

/// <summary>Where simulated trials come from: a real calibration pool (resampled with a smoothed bootstrap, so that
/// fresh draws are new values from the pool's distribution rather than the pool's own values) or the built-in
/// lognormal + heavy-tail generator.</summary>
internal sealed class NoiseSource
{
    private readonly double[]? _logs;
    private readonly double _bandwidth;
    private readonly SyntheticNoise _synthetic;

    private NoiseSource(double[]? values, SyntheticNoise synthetic, string description)
    {
        _synthetic = synthetic;
        Description = description;
        if (values is not null)
        {
            _logs = values.Select(v => Math.Log(v)).ToArray();
            var sorted = _logs.Order().ToArray();
            var sd = Math.Sqrt(_logs.Select(v => (v - _logs.Average()) * (v - _logs.Average())).Sum() / (_logs.Length - 1));
            var iqr = sorted[(int)(0.75 * (sorted.Length - 1))] - sorted[(int)(0.25 * (sorted.Length - 1))];
            // Silverman's rule of thumb (Density Estimation, 1986, eq. 3.31) on the log scale.
            _bandwidth = 0.9 * Math.Min(sd, iqr / 1.34) * Math.Pow(_logs.Length, -0.2);
        }
    }

    /// <summary>What the trials are, for the report.</summary>
    public string Description { get; }

    /// <summary>The pool the calibration is fitted on: the file's values, or a fresh draw of the generator.</summary>
    public static NoiseSource FromArgs(Options options, out double[] pool)
    {
        var file = options.Get("--pool");
        if (file is null)
        {
            var synthetic = new SyntheticNoise(
                LogSd: options.GetDouble("--sd", 0.02), TailShare: options.GetDouble("--tail-share", 0.03), TailMean: options.GetDouble("--tail-mean", 0.15));
            pool = synthetic.Sample(options.GetInt("--pool-size", 400), new Random(options.GetInt("--seed", 1) + 17));
            return new NoiseSource(null, synthetic, $"built-in generator (lognormal σ={synthetic.LogSd}, {synthetic.TailShare:P0} of trials slowed by Exp(mean {synthetic.TailMean:P0}))");
        }

        pool = Read(file);
        return new NoiseSource(pool, new SyntheticNoise(), $"{Path.GetFileName(file)} ({pool.Length} values), smoothed bootstrap (log-scale bandwidth Silverman)");
    }

    /// <summary>A smoothed bootstrap of <paramref name="values"/>.</summary>
    public static NoiseSource FromValues(double[] values, string name) =>
        new(values, new SyntheticNoise(), $"{name} ({values.Length} values), smoothed bootstrap (log-scale bandwidth Silverman)");

    /// <summary>Fresh values from the same distribution.</summary>
    public double[] Sample(int count, Random random)
    {
        if (_logs is null)
        {
            return _synthetic.Sample(count, random);
        }

        var values = new double[count];
        for (var i = 0; i < count; i++)
        {
            values[i] = Math.Exp(_logs[random.Next(_logs.Length)] + (_bandwidth * SyntheticNoise.Gaussian(random)));
        }

        return values;
    }

    /// <summary>Reads ms values: a JSON array of numbers, or CSV/text with one number per line (a header line is skipped).</summary>
    public static double[] Read(string path)
    {
        var text = File.ReadAllText(path);
        if (text.TrimStart().StartsWith('['))
        {
            return JsonSerializer.Deserialize<double[]>(text) ?? [];
        }

        return text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(line => line.Split(',')[^1])
            .Where(cell => double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            .Select(cell => double.Parse(cell, CultureInfo.InvariantCulture))
            .ToArray();
    }
}
