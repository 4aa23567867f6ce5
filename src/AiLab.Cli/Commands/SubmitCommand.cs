using System.CommandLine;
using AiLab.Application.Remote;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab submit ID... --server URL --token-env VAR</c>: sends experiments (with their confirmation runs),
/// calibrations and incidents made here to a server; what the server already holds is not sent again.</summary>
internal static class SubmitCommand
{
    public static Command Create()
    {
        var ids = new Argument<string[]>("id")
        {
            Description = "Experiment, calibration or incident ids (or unique prefixes), as a command run with "
                + "--server printed them when the server could not take them.",
            Arity = ArgumentArity.OneOrMore,
        };
        var db = StoreOption.Create();
        var remote = new RemoteOptions();
        var command = new Command("submit", "Submit locally stored experiments (with their confirmation runs), "
            + "calibrations and incidents to an AiLab server.") { ids, db };
        remote.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            using var server = remote.Connect(parse, writes: true)
                ?? throw new UsageException("submit needs --server URL and --token-env VAR");
            using var lab = LabContext.OpenForReading(parse.GetValue(db));
            LocalWork work;
            try
            {
                work = await LabSubmission.ResolveAsync(lab.Stores, parse.GetValue(ids)!, CancellationToken.None)
                    .ConfigureAwait(false);
            }
            catch (ArgumentException e)
            {
                throw new UsageException($"{e.Message.Split(" (Parameter")[0]}; see: ailab list, ailab calibrate "
                    + "--list, ailab incidents list");
            }

            await RemoteSubmit.SubmitAsync(lab, server, remote, parse, work).ConfigureAwait(false);
            return ExitCodes.Success;
        });
        return command;
    }
}
