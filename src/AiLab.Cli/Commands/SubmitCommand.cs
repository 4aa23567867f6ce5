using System.CommandLine;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab submit ID --server URL --token-env VAR</c>: sends an experiment measured here (and its
/// confirmation runs) to a server; what the server already holds is not sent again.</summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var id = new Argument<string>("id") { Description =
            "Experiment id, or a unique prefix of it (see ailab list)." };
        var db = StoreOption.Create();
        var remote = new RemoteOptions();
        var command = new Command("submit", "Submit a locally stored experiment (with its confirmation runs) to an "
            + "AiLab server.") { id, db };
        remote.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            using var server = remote.Connect(parse, writes: true)
                ?? throw new UsageException("submit needs --server URL and --token-env VAR");
            using var lab = LabContext.OpenForReading(parse.GetValue(db));
            var key = parse.GetValue(id)!;
            var experiment = await lab.Store.FindAsync(key).ConfigureAwait(false)
                ?? throw new UsageException($"no experiment '{key}' in {lab.DatabasePath}; see: ailab list");
            await RemoteSubmit.SubmitAsync(lab, server, remote, parse, experiment.Id).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
