using System.Globalization;

namespace AiLab.Bench.Verdicts;

/// <summary>"--name value" arguments of the verdict benchmarks.</summary>
internal sealed class Options(IReadOnlyList<string> args)
{
    public string? Get(string name)
    {
        for (var i = 0; i < args.Count - 1; i++)
        {
            if (args[i] == name)
            {
                return args[i + 1];
            }
        }

        return null;
    }

    public int GetInt(string name, int fallback) => Get(name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double GetDouble(string name, double fallback) => Get(name) is { } v ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double[] GetList(string name, double[] fallback) =>
        Get(name) is { } v ? v.Split(',').Select(s => double.Parse(s, CultureInfo.InvariantCulture)).ToArray() : fallback;
}
