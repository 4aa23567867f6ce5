using System.CommandLine;
using System.Globalization;
using AiLab.Cli.Rendering;
using AiLab.Core.Experiments;
using AiLab.Core.Experiments.Leases;
using AiLab.Core.Verdicts;
using AiLab.Core.Wire;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab list</c>: the most recent experiments.</summary>
internal static class ListCommand
{
    public static Command Create()
    {
        var limit = new Option<int>("--limit", "-n")
        {
            Description = "How many experiments to list, newest first (default 20).",
            DefaultValueFactory = _ => 20,
            HelpName = "N",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout." };
        var db = StoreOption.Create();
        var remote = new RemoteOptions();
        var command = new Command("list", "List recent experiments with their status and verdict.") { limit, json, db };
        remote.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var n = parse.GetValue(limit);
            if (n < 1) throw new UsageException($"--limit must be at least 1, got {n}");
            using var server = remote.Connect(parse, writes: false, local: db);
            string where;
            List<Experiment> experiments;
            Dictionary<string, ExperimentLease?> leaseOf;
            if (server is not null)
            {
                // The server's stored status: leases are the server's business, not readable from here.
                where = server.Address.ToString();
                experiments = [.. await server.ListExperimentsAsync(n, cancellationToken).ConfigureAwait(false)];
                leaseOf = experiments.ToDictionary(e => e.Id, _ => (ExperimentLease?)null, StringComparer.Ordinal);
            }
            else
            {
                using var lab = LabContext.OpenForReading(parse.GetValue(db));
                where = lab.DatabasePath;
                var leases = new List<(Experiment Experiment, ExperimentLease? Lease)>();
                foreach (var e in await lab.Store.ListAsync(n, cancellationToken).ConfigureAwait(false))
                    leases.Add((e, await lab.Stores.Leases.GetLeaseAsync(e.Id,
                        cancellationToken).ConfigureAwait(false)));
                // A running experiment whose process is gone (kill -9, a crash, a reboot) reads as interrupted.
                experiments = [.. leases.Select(x => lab.Leases.Effective(x.Experiment, x.Lease))];
                leaseOf = leases.ToDictionary(x => x.Experiment.Id, x => x.Lease, StringComparer.Ordinal);
            }

            if (parse.GetValue(json))
            {
                Console.Out.WriteLine(JsonReport.List(experiments, id => leaseOf[id]));
                return ExitCodes.Success;
            }

            if (experiments.Count == 0)
            {
                Console.Out.WriteLine($"No experiments yet in {where}. Try: ailab demo");
                return ExitCodes.Success;
            }

            foreach (var e in experiments)
            {
                var verdict = e.Verdict?.Overall.ToWire() ?? "-";
                var holder = e.Status == ExperimentStatus.Running && leaseOf[e.Id] is { } lease
                    ? $"  [{lease.Holder}]"
                    : "";
                var variants = string.Join(" vs ", e.Variants.Select(v => v.Describe()));
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{e.Id,-28} {e.CreatedAt.ToLocalTime():yyyy-MM-dd HH:mm}  {WireNames.Of(e.Status),-11} "
                    + $"{verdict,-12} {e.Workflow.Name}: {variants}{holder}"));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
