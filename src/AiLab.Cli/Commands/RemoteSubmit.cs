using System.CommandLine;
using AiLab.Application;
using AiLab.Application.Remote;

namespace AiLab.Cli.Commands;

/// <summary>After <c>ab</c> or <c>run</c> with <c>--server</c>: submits what was measured (kept in the local store
/// first, so a server that fails at the end loses nothing) and keeps the run's exit code.</summary>
internal static class RemoteSubmit
{
    /// <summary>Submits experiment <paramref name="experimentId"/> when <paramref name="server"/> is given; returns
    /// <paramref name="exitCode"/> (the run's), or throws <see cref="RemoteException"/> with how to submit
    /// again.</summary>
    public static async Task<int> AfterRunAsync(
        LabSession lab, RemoteLab? server, RemoteOptions options, ParseResult parse, string experimentId, int exitCode)
    {
        if (server is null) return exitCode;
        await SubmitAsync(lab, server, options, parse, experimentId).ConfigureAwait(false);
        return exitCode;
    }

    /// <summary>Submits and reports each experiment on stderr.</summary>
    public static async Task SubmitAsync(
        LabSession lab, RemoteLab server, RemoteOptions options, ParseResult parse, string experimentId)
    {
        IReadOnlyList<ExperimentSubmission.Submitted> submitted;
        try
        {
            // Not the run's token: after Ctrl-C what was measured is still submitted.
            submitted = await ExperimentSubmission.SubmitAsync(lab.Store, server, experimentId, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (RemoteException e)
        {
            throw new RemoteException(e.Failure, $"{e.Message}. Nothing measured is lost: the results are in "
                + $"{lab.DatabasePath}; submit them with: ailab submit {experimentId} --server {server.Address}"
                + $" --token-env {parse.GetValue(options.TokenEnv)}", e);
        }

        foreach (var s in submitted)
        {
            Console.Error.WriteLine($"ailab: submitted {s.ExperimentId} to {server.Address} "
                + $"({(s.Created ? "new" : "updated")}, {s.TrialsAdded} trial{(s.TrialsAdded == 1 ? "" : "s")} added)");
        }
    }
}
