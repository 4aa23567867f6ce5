using AiLab.Stats.ChangePoints;
using Xunit.Abstractions;

namespace AiLab.Stats.Tests.ChangePoints;

public sealed class ScratchTests(ITestOutputHelper output)
{
    [Fact]
    public void Scratch()
    {
        var random = new Random(60);
        var pattern = new[] { (20, 100.0), (5, 110.0), (20, 100.0), (15, 108.0) }.SelectMany(r => Enumerable.Repeat(r.Item2, r.Item1)).Select(v => v * Math.Exp(0.005 * G(random))).ToArray();
        var tiled = Enumerable.Repeat(pattern, 4).SelectMany(p => p).ToArray();
        foreach (var o in new[] { new EDivisiveOptions(), new EDivisiveOptions { ExhaustiveSplit = true }, new EDivisiveOptions { SerialCorrelation = SerialCorrelationAllowance.None }, new EDivisiveOptions { OutlierRobust = false } })
        {
            output.WriteLine($"{o.ExhaustiveSplit} {o.SerialCorrelation} {o.OutlierRobust}: " + string.Join(",", EDivisive.Detect(tiled, o).Select(c => c.Index)));
        }
    }

    private static double G(Random random)
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
