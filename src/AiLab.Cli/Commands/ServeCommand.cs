using System.CommandLine;
using System.Net;
using AiLab.Server.Data;
using AiLab.Server.Hosting;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab serve</c>: the REST API and the dashboard over the lab's store (docs/server.md).</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var port = new Option<int>("--port") { Description = $"Port to listen on (default {ServerOptions.DefaultPort}; 0 picks a free one).", DefaultValueFactory = _ => ServerOptions.DefaultPort, HelpName = "N" };
        var bind = new Option<string>("--bind") { Description = "Address to bind (default 127.0.0.1: this machine only).", DefaultValueFactory = _ => "127.0.0.1", HelpName = "ADDR" };
        var store = new Option<string?>("--store") { Description = "The store to serve: an SQLite file or sqlite:PATH (default: --db or $AILAB_HOME/ailab.db).", HelpName = "STORE" };
        var db = new Option<string?>("--db") { Description = "SQLite database (default: $AILAB_HOME/ailab.db).", HelpName = "FILE" };
        var privateReads = new Option<bool>("--private-reads") { Description = "Require an API token for reads too (API and dashboard); writes always need one." };
        var command = new Command("serve", "Serve the REST API (/api/v1) and the dashboard over the lab's store.") { port, bind, store, db, privateReads };
        command.SetAction(async (parse, _) =>
        {
            var n = parse.GetValue(port);
            if (n is < 0 or > 65535) throw new UsageException($"--port must be between 0 and 65535, got {n}");
            var address = parse.GetValue(bind)!;
            if (!IPAddress.TryParse(address, out var ip))
                throw new UsageException($"--bind '{address}' is not an IP address; use 127.0.0.1 (default) or 0.0.0.0 for every interface");
            var storeName = parse.GetValue(store) ?? LabContext.ResolveDatabasePath(parse.GetValue(db));
            var options = new ServerOptions
            {
                DatabasePath = storeName, BindAddress = address, Port = n, PrivateReads = parse.GetValue(privateReads),
            };
            LabData data;
            try { data = LabData.Open(storeName); }
            catch (ArgumentException e) { throw new UsageException(e.Message); }
            using (data)
            {
                await using var app = LabServer.Build(options, data, Console.Error);
                using var interruption = new Interruption();
                await app.StartAsync(interruption.Token).ConfigureAwait(false);
                var url = LabServer.BoundAddress(app);
                if (!IPAddress.IsLoopback(ip))
                    Console.Error.WriteLine($"ailab serve: warning: bound to {address}, reachable from other machines{(options.PrivateReads ? "" : "; reads are public (--private-reads to require a token)")}");
                Console.Error.WriteLine($"ailab serve: listening on {url} (store {data.Location}; reads {(options.PrivateReads ? "need a token" : "public")}; writes need a token: ailab token create)");
                Console.Out.WriteLine(url);
                try { await Task.Delay(Timeout.Infinite, interruption.Token).ConfigureAwait(false); }
                catch (OperationCanceledException) { }
                await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
