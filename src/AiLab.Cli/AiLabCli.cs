using System.CommandLine;
using AiLab.Application.Remote;
using AiLab.Application.Settings;
using AiLab.Application.Workflows;
using AiLab.Cli.Commands;
using AiLab.Core.Experiments;
using AiLab.Core.Experiments.Leases;
using AiLab.Core.Workflows;
using AiLab.Execution.Git;
using AiLab.Storage;
using Microsoft.Data.Sqlite;

namespace AiLab.Cli;

/// <summary>The <c>ailab</c> command: parses, dispatches, and turns bad input into clear messages and the exit
/// codes of the contract (docs/cli.md).</summary>
public static class AiLabCli
{
    /// <summary>Builds the command tree.</summary>
    public static RootCommand CreateRoot()
    {
        var root = new RootCommand(
            "AiLab: A/B-test the time to first batch (TTFB) of ML training workflows, phase by phase, with verdicts you can act on.\n" +
            "Exit codes: 0 success, 1 error, 2 bad usage or config, 3 the workload failed, 4 verdict matched --fail-on, " +
            "5 --server unreachable, 6 --server refused the token, 130 interrupted.");
        root.Subcommands.Add(AbCommand.Create());
        root.Subcommands.Add(RunCommand.Create());
        root.Subcommands.Add(ListCommand.Create());
        root.Subcommands.Add(ShowCommand.Create());
        root.Subcommands.Add(DemoCommand.Create());
        root.Subcommands.Add(BisectCommand.Create());
        root.Subcommands.Add(ReleaseCommand.Create());
        root.Subcommands.Add(IncidentsCommand.Create());
        root.Subcommands.Add(CalibrateCommand.Create());
        root.Subcommands.Add(HistoryCommand.Create());
        root.Subcommands.Add(DoctorCommand.Create());
        root.Subcommands.Add(OutputsCommand.Create());
        root.Subcommands.Add(CapacityCommand.Create());
        root.Subcommands.Add(ShrinkCommand.Create());
        root.Subcommands.Add(ChangeCommand.Create());
        root.Subcommands.Add(ProfileCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(TokenCommand.Create());
        root.Subcommands.Add(SubmitCommand.Create());
        return root;
    }

    /// <summary>Runs the command line and returns the process exit code.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        var parse = CreateRoot().Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
                await Console.Error.WriteLineAsync($"ailab: {ParseErrorText.Describe(error.Message)}").ConfigureAwait(false);
            var name = parse.CommandResult.Command.Name;
            await Console.Error.WriteLineAsync($"See: {(name == "ailab" ? "ailab" : "ailab " + name)} --help").ConfigureAwait(false);
            return ExitCodes.BadUsage;
        }

        try
        {
            var invocation = new InvocationConfiguration { EnableDefaultExceptionHandler = false, ProcessTerminationTimeout = null };
            return await parse.InvokeAsync(invocation).ConfigureAwait(false);
        }
        catch (Exception e) when (BadInput(e) is { } message)
        {
            await Console.Error.WriteLineAsync($"ailab: {message}").ConfigureAwait(false);
            return ExitCodes.BadUsage;
        }
        catch (RemoteException e)
        {
            await Console.Error.WriteLineAsync($"ailab: {e.Message}").ConfigureAwait(false);
            return e.Failure switch
            {
                RemoteFailure.Unreachable => ExitCodes.ServerUnreachable,
                RemoteFailure.Unauthorized or RemoteFailure.Forbidden => ExitCodes.ServerRefusedToken,
                RemoteFailure.NotFound => ExitCodes.BadUsage,
                _ => ExitCodes.Error,
            };
        }
        catch (Exception e) when (e is ExperimentBusyException or StorageException)
        {
            // Known states of the environment with their own message (who holds the experiment; the file and the fix).
            await Console.Error.WriteLineAsync($"ailab: {e.Message}").ConfigureAwait(false);
            return ExitCodes.Error;
        }
        catch (SqliteException e)
        {
            await Console.Error.WriteLineAsync($"ailab: the AiLab database failed (SQLite: {e.Message}); if it is damaged, restore it from a "
                + "backup or move it aside and recover it with: sqlite3 FILE .recover | sqlite3 recovered.db").ConfigureAwait(false);
            return ExitCodes.Error;
        }
        catch (Exception e)
        {
            await Console.Error.WriteLineAsync($"ailab: error: {e.Message}").ConfigureAwait(false);
            if (Environment.GetEnvironmentVariable("AILAB_DEBUG") == "1") await Console.Error.WriteLineAsync(e.ToString()).ConfigureAwait(false);
            else await Console.Error.WriteLineAsync("(set AILAB_DEBUG=1 for the stack trace)").ConfigureAwait(false);
            return ExitCodes.Error;
        }
    }

    /// <summary>The message for input errors the user can fix (exit 2); null for anything else.</summary>
    private static string? BadInput(Exception e) => e switch
    {
        UsageException => e.Message,
        InvalidSettingException setting => $"--{setting.Setting} {setting.Problem}",
        WorkflowFileNotFoundException missing => missing.Path is null ? $"{missing.Message}; pass --config FILE" : missing.Message,
        LabInputException => e.Message,
        ConfigException => e.Message,
        UnknownRevisionException => e.Message,
        GitException => e.Message,
        AmbiguousIdException => e.Message,
        Lab.Shrinking.ShrinkException => e.Message,
        _ => null,
    };
}
