using AiLab.Core.Experiments;
using AiLab.Core.Trials;
using AiLab.Lab.Capacity;
using AiLab.Lab.ChangeTier;
using AiLab.Lab.Tests.Support;
using AiLab.Testing;

namespace AiLab.Lab.Tests.Capacity;

public sealed class StoredTrialsTests : IDisposable
{
    private readonly LabHome _home = new();

    [Fact]
    public async Task From_OneReading_GivesTheLedgerAndThePricingWhatTheirOwnScansGave()
    {
        var start = new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero);
        for (var e = 0; e < 3; e++)
        {
            var id = $"ab-{e}";
            _home.Store.Create(Samples.Experiment(id, start.AddHours(e)) with { Id = id });
            for (var i = 0; i < 4; i++)
                _home.Store.AddTrial(new TrialRecord(id, i, i % 2 == 0 ? "A" : "B", false,
                    Samples.Trial(i == 3 && e == 1 ? FailureKind.NonZeroExit : FailureKind.None, (e * 10) + i)));
        }

        var reading = await StoredTrials.LoadAsync(_home.Store, CancellationToken.None);
        var ledger = CapacityLedger.From(reading);
        var pricing = StoredTrialCost.From(reading, lookback: 2);

        var scanned = await CapacityLedger.LoadAsync(_home.Store, CancellationToken.None);
        Assert.Equal(scanned.Trials(), ledger.Trials());
        Assert.Equal(12, ledger.Trials().Count);
        var ownScan = await StoredTrialCost.LoadAsync(_home.Store, CancellationToken.None, lookback: 2);
        Assert.Equal(ownScan.CpuSecondsPerTrial("mnist"), pricing.CpuSecondsPerTrial("mnist"));
        Assert.Equal(ownScan.TtfbNoise("mnist"), pricing.TtfbNoise("mnist"));
        // The lookback keeps the latest experiments only: ab-0's trials are not priced.
        Assert.Equal(["ab-2", "ab-1"], reading.Latest(2).Experiments.Select(x => x.Experiment.Id));
    }

    public void Dispose() => _home.Dispose();
}
