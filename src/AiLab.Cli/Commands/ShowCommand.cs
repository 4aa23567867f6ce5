using System.CommandLine;
using System.Globalization;
using AiLab.Application.Remote;
using AiLab.Cli.Rendering;
using AiLab.Core.Experiments;
using AiLab.Core.Experiments.Leases;
using AiLab.Core.Wire;
using AiLab.Lab.Machine;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab show ID</c>: an experiment's report, as it was stored.</summary>
internal static class ShowCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description = "Experiment id, or a unique prefix of it (see ailab list)." };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout." };
        var trials = new Option<bool>("--trials") { Description = "Also list every trial: TTFB, phases, CPU, memory, log path." };
        var db = StoreOption.Create();
        var remote = new RemoteOptions();
        var command = new Command("show", "Show an experiment's verdict, metrics and failed trials.") { id, json, trials, db };
        remote.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var key = parse.GetValue(id)!;
            if (string.IsNullOrWhiteSpace(key)) throw new UsageException("the experiment id is empty; see: ailab list");
            using var server = remote.Connect(parse, writes: false, local: db);
            var (experiment, records, lease) = server is null
                ? await LocalAsync(parse.GetValue(db), key, cancellationToken).ConfigureAwait(false)
                : await RemoteAsync(server, key, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonReport.Experiment(experiment, records, includeTrials: parse.GetValue(trials), lease));
                return ExitCodes.Success;
            }

            Console.Out.Write(SummaryTable.Render(experiment, records));
            if (experiment.Status == Core.Experiments.ExperimentStatus.Running && lease is not null)
                Console.Out.WriteLine($"  running in {lease.Holder}, last heartbeat {lease.HeartbeatAt.ToLocalTime():HH:mm:ss}");
            if (parse.GetValue(trials))
            {
                Console.Out.WriteLine();
                foreach (var t in records)
                {
                    var r = t.Result;
                    var phases = string.Join(" ", r.Phases.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name}={p.DurationMs:0.0}")));
                    Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"#{t.Sequence,-4} {t.Variant,-3} {(t.IsWarmup ? "warm-up " : "")}{WireNames.Of(r.Status),-9} "
                        + $"ttfb={r.TtfbMs:0.0} {phases} cpu={r.Resources.CpuTotalMs:0} "
                        + $"rss={r.Resources.PeakRssBytes / 1048576.0:0.0}MiB({r.Resources.PeakRssMethod ?? "unrecorded"}) "
                        + $"{MachineText.Trial(r.Machine)} log={r.LogPath}"));
                }
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static async Task<(Experiment, IReadOnlyList<TrialRecord>, ExperimentLease?)> LocalAsync(
        string? store, string key, CancellationToken cancellationToken)
    {
        using var lab = LabContext.OpenForReading(store);
        var stored = await lab.Store.FindAsync(key, cancellationToken).ConfigureAwait(false)
            ?? throw new UsageException($"no experiment '{key}' in {lab.DatabasePath}; see: ailab list");
        var lease = await lab.Stores.Leases.GetLeaseAsync(stored.Id, cancellationToken).ConfigureAwait(false);
        var experiment = lab.Leases.Effective(stored, lease);
        return (experiment, await lab.Store.GetTrialsAsync(experiment.Id, cancellationToken).ConfigureAwait(false),
            lease);
    }

    private static async Task<(Experiment, IReadOnlyList<TrialRecord>, ExperimentLease?)> RemoteAsync(
        RemoteLab server, string key, CancellationToken cancellationToken)
    {
        var experiment = await server.FindExperimentAsync(key, cancellationToken).ConfigureAwait(false)
            ?? throw new
                UsageException($"no experiment '{key}' on {server.Address}; see: ailab list --server {server.Address}");
        return (experiment, await server.TrialsAsync(experiment.Id, cancellationToken).ConfigureAwait(false), null);
    }
}
