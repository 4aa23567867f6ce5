using AiLab.Core.Experiments;
using AiLab.Core.Variants;
using AiLab.Server.Data;
using AiLab.Server.Hosting;
using AiLab.Server.Tests.Fixtures;
using Microsoft.AspNetCore.Builder;

namespace AiLab.Server.Tests.Browser;

/// <summary>A second server over a copy of the fixture's store (so the shared lab is not written) plus a workflow
/// history with one level change: ten A/B experiments on branch <c>main</c> made from the fixture's real A/B
/// experiment and its trials, B's TTFB (trials and medians) scaled by 1.5 from the sixth on, with a 1% drift per
/// experiment so no two points are equal.</summary>
internal sealed class SteppedLab : IAsyncDisposable
{
    /// <summary>The stepped workflow's name.</summary>
    public const string Workflow = "stepped";

    /// <summary>Experiments in the stepped history; the level changes at <see cref="ChangeAt"/> (0-based).</summary>
    public const int Count = 10;

    /// <summary>The first experiment of the new level.</summary>
    public const int ChangeAt = 5;

    private readonly TempDirectory _dir = new("ailab-stepped-");
    private LabData? _data;
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The stepped experiments' ids, oldest first.</summary>
    public IReadOnlyList<string> Ids { get; private set; } = [];

    public static async Task<SteppedLab> StartAsync(LabFixture lab)
    {
        var stepped = new SteppedLab();
        var data = stepped._data = LabData.OpenSqlite(stepped._dir.File("lab.db"));
        var experiments = await lab.Data.ExperimentsAsync();
        foreach (var e in experiments)
        {
            await data.CreateExperimentAsync(e);
            foreach (var t in await lab.Data.TrialsAsync(e.Id)) await data.AddTrialAsync(t);
        }

        // The fixture's first A/B experiment (not a confirmation): real trials of the real launcher.
        var source = experiments.Where(e => e.Kind == ExperimentKind.AB && e.ConfirmationOf is null
            && e.Verdict is not null)
            .OrderBy(e => e.CreatedAt).First();
        var trials = await lab.Data.TrialsAsync(source.Id);
        var ids = new List<string>();
        for (var k = 0; k < Count; k++)
        {
            var factor = (k < ChangeAt ? 1.0 : 1.5) * (1 + (0.01 * k));
            var id = $"ab-stepped-{k:00}";
            ids.Add(id);
            var b = source.Variants[1] with { Revision = "main" };
            await data.CreateExperimentAsync(source with
            {
                Id = id,
                CreatedAt = source.CreatedAt.AddMinutes(k + 1),
                Workflow = source.Workflow with { Name = Workflow },
                Variants = [source.Variants[0], b],
                ConfirmationOf = null,
                Verdict = source.Verdict! with
                {
                    Metrics = [.. source.Verdict!.Metrics.Select(m => m.Name == "ttfb" || m.Name.StartsWith("phase:",
                        StringComparison.Ordinal)
                        ? m with { B = m.B with { Median = m.B.Median * factor } } : m)],
                },
            });
            foreach (var t in trials)
            {
                var result = t.Variant == "B" && t.Result.TtfbMs is { } ttfb ? t.Result with { TtfbMs = ttfb * factor }
                    : t.Result;
                await data.AddTrialAsync(t with { ExperimentId = id, Result = result });
            }
        }

        stepped.Ids = ids;
        stepped._app = LabServer.Build(new ServerOptions { DatabasePath = stepped._dir.File("lab.db"), Port = 0 },
            data);
        await stepped._app.StartAsync();
        stepped.BaseAddress = LabServer.BoundAddress(stepped._app);
        return stepped;
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
        _data?.Dispose();
        _dir.Dispose();
    }
}
