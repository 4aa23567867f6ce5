using AiLab.Core.Experiments;
using AiLab.Lab.Analysis;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Analysis;

public sealed class MetricCatalogTests
{
    [Fact]
    public void Extract_SuccessfulTrial_ReadsTtfbPhasesCpuAndMemoryInMiB()
    {
        var trial = Trials.Succeeded([("imports", 1200), ("first_batch", 300)], cpuMs: 900, rssBytes: 512L * 1024 * 1024);

        var values = MetricCatalog.Extract(trial);

        Assert.Equal(1500, values[MetricCatalog.Ttfb]);
        Assert.Equal(1200, values["phase:imports"]);
        Assert.Equal(300, values["phase:first_batch"]);
        Assert.Equal(900, values[MetricCatalog.CpuTime], 1e-9);
        Assert.Equal(512, values[MetricCatalog.PeakRss]);
        Assert.Equal(5, values.Count);
    }

    [Fact]
    public void Order_Metrics_PutsTtfbThenPhasesAsMarkedThenResourcesThenOthers()
    {
        string[] metrics = ["peak_rss", "zzz", "phase:unknown", "cpu_time", "phase:first_batch", "ttfb", "phase:imports"];

        var ordered = MetricCatalog.Order(metrics, ["imports", "first_batch"]);

        Assert.Equal(["ttfb", "phase:imports", "phase:first_batch", "phase:unknown", "cpu_time", "peak_rss", "zzz"], ordered);
    }

    [Fact]
    public void UnitOf_Metrics_IsMiBForMemoryAndMsOtherwise()
    {
        Assert.Equal("MiB", MetricCatalog.UnitOf(MetricCatalog.PeakRss).Symbol);
        Assert.Equal("ms", MetricCatalog.UnitOf(MetricCatalog.CpuTime).Symbol);
        Assert.Equal("ms", MetricCatalog.UnitOf("phase:imports").Symbol);
        Assert.True(MetricCatalog.IsPhase("phase:imports"));
        Assert.False(MetricCatalog.IsPhase(MetricCatalog.Ttfb));
    }

    [Fact]
    public void RunSummaryMetrics_MixedTrials_UsesOnlySuccessfulMeasuredOnes()
    {
        TrialRecord[] trials =
        [
            new("x", 0, "A", true, Trials.Succeeded([("first_batch", 9000)])),
            new("x", 1, "A", false, Trials.Succeeded([("first_batch", 100)])),
            new("x", 2, "A", false, Trials.Failed("crash")),
            new("x", 3, "A", false, Trials.Succeeded([("first_batch", 300)])),
        ];

        var ttfb = RunSummary.Metrics(trials).Single(m => m.Name == MetricCatalog.Ttfb).Values;

        Assert.Equal([100.0, 300.0], ttfb);
    }

    [Fact]
    public void Summarize_Values_GivesNMedianMeanSpreadAndRange()
    {
        var summary = RunSummary.Summarize([4, 1, 3, 2]);

        Assert.Equal(4, summary.N);
        Assert.Equal(2.5, summary.Median);
        Assert.Equal(2.5, summary.Mean);
        Assert.Equal(Math.Sqrt(5.0 / 3.0), summary.StdDev, 1e-12);
        Assert.Equal(1, summary.Min);
        Assert.Equal(4, summary.Max);
        Assert.Equal(0, RunSummary.Summarize([7]).StdDev);
        Assert.True(double.IsNaN(RunSummary.Summarize([]).Median));
    }
}
