using System.CommandLine;
using AiLab.Application.Incidents;
using AiLab.Cli.Rendering;
using AiLab.Core.Incidents;
using AiLab.Notifications;
using AiLab.Storage;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab incidents list|show|notify</c>: the regressions attributed to commits, and their
/// notifications.</summary>
internal static class IncidentsCommand
{
    public static Command Create()
    {
        var command = new Command("incidents", "List, show and notify incidents: regressions attributed to a commit.");
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateShow());
        command.Subcommands.Add(CreateNotify());
        return command;
    }

    private static Command CreateList()
    {
        var limit = new Option<int>("--limit", "-n")
        {
            Description = "How many incidents to list, newest first (default 20).",
            DefaultValueFactory = _ => 20, HelpName = "N",
        };

        var json = JsonOption();
        var db = DbOption();
        var remote = new RemoteOptions();
        var command = new Command("list", "List recent incidents with their status and deliveries.") { limit, json, db };
        remote.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var n = parse.GetValue(limit);
            if (n < 1) throw new UsageException($"--limit must be at least 1, got {n}");
            using var server = remote.Connect(parse, writes: false, local: db);
            IReadOnlyList<Incident> incidents;
            var attempts = new Dictionary<string, IReadOnlyList<DeliveryAttempt>>(StringComparer.Ordinal);
            string where;
            if (server is not null)
            {
                // The API does not serve delivery attempts: a server's notifications are its own business.
                where = server.Address.ToString();
                incidents = await server.ListIncidentsAsync(n, cancellationToken).ConfigureAwait(false);
                foreach (var incident in incidents) attempts[incident.Id] = [];
            }
            else
            {
                using var stores = LabContext.OpenStores(parse.GetValue(db), StoreAccess.ReadOnly);
                where = stores.Location.Display;
                var store = stores.Incidents;
                incidents = await store.ListAsync(n, cancellationToken).ConfigureAwait(false);
                foreach (var incident in incidents)
                    attempts[incident.Id] = await store.GetAttemptsAsync(incident.Id, cancellationToken).ConfigureAwait(false);
            }

            if (parse.GetValue(json))
                Console.Out.WriteLine(IncidentReport.ListJson(incidents, id => attempts[id]));
            else if (incidents.Count == 0)
                Console.Out.WriteLine($"No incidents in {where}.");
            else
                Console.Out.Write(IncidentReport.List(incidents, id => attempts[id]));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateShow()
    {
        var id = new Argument<string>("id")
        {
            Description = "Incident id, or a unique prefix of it (see ailab incidents list).",
        };

        var json = JsonOption();
        var db = DbOption();
        var command = new Command("show", "Show an incident: culprit, effect, evidence, and every delivery attempt.") { id, json, db };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var stores = LabContext.OpenStores(parse.GetValue(db), StoreAccess.ReadOnly);
            var key = parse.GetValue(id)!;
            var incident = await FindAsync(stores.Incidents, key, cancellationToken).ConfigureAwait(false)
                ?? throw new UsageException(
                    $"no incident '{key}' in {stores.Location.Display}; see: ailab incidents list");
            var attempts = await stores.Incidents.GetAttemptsAsync(incident.Id, cancellationToken).ConfigureAwait(false);
            Console.Out.Write(parse.GetValue(json) ? IncidentReport.ShowJson(incident, attempts) + "\n" : IncidentReport.Show(incident, attempts));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command CreateNotify()
    {
        var config = new Option<string?>("--config")
        {
            Description = "The ailab.yaml whose 'notify:' section lists the sinks (default: ./ailab.yaml).",
            HelpName = "FILE",
        };

        var json = JsonOption();
        var db = DbOption();
        var command = new Command("notify",
            "Deliver every open incident to each configured sink that does not have it yet, with retries; "
            + "what still fails stays pending. Exit 1 when something is still pending.")
        {
            config, json, db,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var interruption = new Interruption();
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, interruption.Token);
            using var stores = LabContext.OpenStores(parse.GetValue(db), StoreAccess.ReadWrite);
            NotificationReport report;
            try
            {
                report = await IncidentFiler.DeliverPendingAsync(
                    stores.Incidents, parse.GetValue(config), Directory.GetCurrentDirectory(), linked.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (interruption.Token.IsCancellationRequested)
            {
                await Console.Error.WriteLineAsync("ailab: interrupted; the attempts made so far are recorded, the rest stays pending").ConfigureAwait(false);
                return ExitCodes.Interrupted;
            }

            if (parse.GetValue(json))
                Console.Out.WriteLine(IncidentReport.NotifyJson(report));
            else if (report.Sinks.All(s => s.Results.Count == 0))
                Console.Out.WriteLine($"Nothing to deliver: every open incident in {stores.Location.Display} has reached every sink.");
            else
                Console.Out.Write(IncidentReport.Notify(report));
            return report.AllDelivered ? ExitCodes.Success : ExitCodes.Error;
        });
        return command;
    }

    private static async Task<Incident?> FindAsync(
        IIncidentStore store, string key, CancellationToken cancellationToken)
    {
        try
        {
            return await store.FindAsync(key, cancellationToken).ConfigureAwait(false);
        }
        catch (AmbiguousIncidentIdException e)
        {
            throw new UsageException(e.Message);
        }
    }


    private static Option<bool> JsonOption() => new("--json") { Description = "Print one JSON document on stdout." };

    private static Option<string?> DbOption() => StoreOption.Create();
}
