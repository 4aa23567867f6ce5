using System.CommandLine;
using AiLab.Application;
using AiLab.Application.Remote;

namespace AiLab.Cli.Commands;

/// <summary>After a command run with <c>--server</c>: submits what it made (kept in the local store first, so a
/// server that fails at the end loses nothing) and keeps the command's exit code.</summary>
internal static class RemoteSubmit
{
    /// <summary>Submits experiment <paramref name="experimentId"/> when <paramref name="server"/> is given; returns
    /// <paramref name="exitCode"/> (the run's), or throws <see cref="RemoteException"/> with how to submit
    /// again.</summary>
    public static Task<int> AfterRunAsync(
        LabSession lab, RemoteLab? server, RemoteOptions options, ParseResult parse, string experimentId, int exitCode)
        => AfterWorkAsync(lab, server, options, parse, new LocalWork { Experiments = [experimentId] }, exitCode);

    /// <summary>Submits <paramref name="work"/> when <paramref name="server"/> is given; returns
    /// <paramref name="exitCode"/>, or throws <see cref="RemoteException"/> with how to submit again.</summary>
    public static async Task<int> AfterWorkAsync(
        LabSession lab, RemoteLab? server, RemoteOptions options, ParseResult parse, LocalWork work, int exitCode)
    {
        if (server is null) return exitCode;
        await SubmitAsync(lab, server, options, parse, work).ConfigureAwait(false);
        return exitCode;
    }

    /// <summary>Submits and reports each document on stderr.</summary>
    public static async Task SubmitAsync(
        LabSession lab, RemoteLab server, RemoteOptions options, ParseResult parse, LocalWork work)
    {
        if (!work.Ids.Any())
        {
            Console.Error.WriteLine($"ailab: nothing to submit to {server.Address}");
            return;
        }

        IReadOnlyList<LabSubmission.Sent> sent;
        try
        {
            // Not the run's token: after Ctrl-C what was measured is still submitted.
            sent = await LabSubmission.SubmitAsync(lab.Stores, server, work, CancellationToken.None)
                .ConfigureAwait(false);
        }
        catch (RemoteException e)
        {
            throw new RemoteException(e.Failure, $"{e.Message}. Nothing measured is lost: the results are in "
                + $"{lab.DatabasePath}; submit them with: ailab submit {string.Join(' ', work.Ids)} --server "
                + $"{server.Address} --token-env {parse.GetValue(options.TokenEnv)}", e);
        }

        foreach (var s in sent) Console.Error.WriteLine($"ailab: submitted {s.Id} to {server.Address} ({s.Detail})");
    }

    /// <summary>Connects to <c>--server</c> when given and checks its token before any work, so an unreachable
    /// server or a refused token costs no trials; null without <c>--server</c>.</summary>
    public static async Task<RemoteLab?> ConnectAndCheckAsync(RemoteOptions options, ParseResult parse)
    {
        var server = options.Connect(parse, writes: true);
        if (server is null) return null;
        try
        {
            await server.CheckTokenAsync().ConfigureAwait(false);
        }
        catch
        {
            server.Dispose();
            throw;
        }

        return server;
    }
}
