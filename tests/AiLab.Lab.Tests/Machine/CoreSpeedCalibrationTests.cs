using AiLab.Lab.Machine;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Machine;

public sealed class CoreSpeedCalibrationTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 1, 0, 0, TimeSpan.Zero);
    private readonly TempDirectory _home = new();

    public void Dispose() => _home.Dispose();

    [Fact]
    public void Get_NothingCached_MeasuresAndStoresEveryCore()
    {
        var meter = new FakeCoreSpeedMeter(6.0, 8.0);

        var report = Calibration(meter, Now).Get(out var why);

        Assert.Equal(1, meter.Measurements);
        Assert.Equal([0, 1], report.Cores.Select(c => c.Cpu));
        Assert.Equal(6.0, report.Cores[0].MedianMs, 1);
        Assert.Equal(CoreSpeedCalibration.Rounds, report.Cores[1].Rounds);
        Assert.Contains("measured now", why, StringComparison.Ordinal);
        Assert.True(File.Exists(CoreSpeedCalibration.CachePathIn(_home.Path)));
    }

    [Fact]
    public void Get_FreshCacheOfThisMachine_MeasuresNothing()
    {
        var meter = new FakeCoreSpeedMeter(6.0, 8.0);
        Calibration(meter, Now).Get(out _);

        var report = Calibration(meter, Now.AddHours(11)).Get(out var why);

        Assert.Equal(1, meter.Measurements);
        Assert.Equal(8.0, report.Cores[1].MedianMs, 1);
        Assert.StartsWith("cached", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_CacheOlderThanTheLimit_MeasuresAgain()
    {
        var meter = new FakeCoreSpeedMeter(6.0, 8.0);
        Calibration(meter, Now).Get(out _);

        Calibration(meter, Now + CoreSpeedCalibration.MaxAge + TimeSpan.FromMinutes(1)).Get(out var why);

        Assert.Equal(2, meter.Measurements);
        Assert.Contains("h old", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_MachineRebooted_MeasuresAgain()
    {
        var meter = new FakeCoreSpeedMeter(6.0, 8.0);
        Calibration(meter, Now).Get(out _);
        meter.Machine = meter.Machine with { BootId = "boot-2" };

        Calibration(meter, Now.AddMinutes(5)).Get(out var why);

        Assert.Equal(2, meter.Measurements);
        Assert.Contains("rebooted", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Get_DamagedCache_MeasuresAgainAndRewritesIt()
    {
        var meter = new FakeCoreSpeedMeter(6.0, 8.0);
        var path = CoreSpeedCalibration.CachePathIn(_home.Path);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{ not json");

        var report = Calibration(meter, Now).Get(out _);

        Assert.Equal(1, meter.Measurements);
        Assert.Equal(2, report.Cores.Count);
        Assert.Equal(0, Calibration(meter, Now).Get(out _).Cores[0].Cpu);
        Assert.Equal(1, meter.Measurements);
    }

    [Fact]
    public void FromCalibration_UnequalCores_PinsToTheFasterAndSaysWhereTheNumbersCameFrom()
    {
        var pinning = CpuPinningResolver.FromCalibration(Calibration(new FakeCoreSpeedMeter(7.8, 6.0), Now));

        Assert.Equal([1], pinning.Cpus);
        Assert.Contains("core-speed calibration measured now", pinning.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("none", null, null, "none")]
    [InlineData("0", new[] { 0 }, null, "option")]
    [InlineData(null, null, new[] { 1 }, "workflow")]
    [InlineData(null, null, null, "auto")]
    [InlineData("auto", null, new[] { 1 }, "auto")]
    public void Resolve_Choices_ExplicitWinsNoneTurnsOffElseCalibration(string? option, int[]? optionCpus, int[]? workflowCpus, string source)
    {
        var calls = 0;
        var pinning = CpuPinningResolver.Resolve(option, optionCpus, workflowCpus, "--cpus", () =>
        {
            calls++;
            return new Core.Machine.CpuPinning([0], "auto", "calibrated");
        });

        Assert.Equal(source, pinning.Source);
        Assert.Equal(source == "auto" ? 1 : 0, calls);
        if (source == "none") Assert.Null(pinning.Cpus);
    }

    private CoreSpeedCalibration Calibration(FakeCoreSpeedMeter meter, DateTimeOffset now) =>
        new(meter, CoreSpeedCalibration.CachePathIn(_home.Path), new FixedTimeProvider(now));
}
