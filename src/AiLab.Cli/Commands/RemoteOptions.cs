using System.CommandLine;
using AiLab.Application.Remote;

namespace AiLab.Cli.Commands;

/// <summary><c>--server URL --token-env VAR</c>: talk to an <c>ailab serve</c> instead of the local store. The token
/// is read from the named environment variable, never from the command line (where ps and shell history see it).
/// </summary>
internal sealed class RemoteOptions
{
    /// <summary>--server URL.</summary>
    public Option<string?> Server { get; } = new("--server")
    {
        Description = "Talk to the AiLab server at URL (as 'ailab serve' printed it) instead of the local store.",
        HelpName = "URL",
    };

    /// <summary>--token-env VAR.</summary>
    public Option<string?> TokenEnv { get; } = new("--token-env")
    {
        Description = "The environment variable that holds the server's API token (from 'ailab token create'); "
            + "needed to submit, and to read a server with private reads.",
        HelpName = "VAR",
    };

    /// <summary>Adds both options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        command.Options.Add(Server);
        command.Options.Add(TokenEnv);
    }

    /// <summary>The server client, or null when --server is not given.</summary>
    /// <param name="parse">The parsed command line.</param>
    /// <param name="writes">Whether the command submits (a token is then required).</param>
    /// <param name="local">The options that name a local store, refused beside --server.</param>
    /// <exception cref="UsageException">A token variable without a server, a missing or empty variable, or a
    /// token needed and not named.</exception>
    public RemoteLab? Connect(ParseResult parse, bool writes, Option? local = null)
    {
        var server = parse.GetValue(Server);
        var variable = parse.GetValue(TokenEnv);
        if (server is null)
        {
            if (variable is not null) throw new UsageException("--token-env is only used with --server URL");
            return null;
        }

        if (!writes && local is not null && parse.GetResult(local) is { Implicit: false })
            throw new UsageException($"{local.Name} and --server name two labs; give one");
        var address = ServerAddress.Parse(server);
        if (variable is null)
        {
            if (writes)
                throw new
                    UsageException("--server needs --token-env VAR to submit results: the name of the environment "
                    + "variable that holds a token from 'ailab token create' (e.g. --token-env AILAB_TOKEN)");
            return new RemoteLab(address, null, "--token-env VAR");
        }

        if (string.IsNullOrWhiteSpace(variable) || variable.Contains('=', StringComparison.Ordinal))
            throw new UsageException($"--token-env '{variable}' is not a variable name; give the name (AILAB_TOKEN), "
                + "never the token itself");
        var token = Environment.GetEnvironmentVariable(variable);
        if (string.IsNullOrWhiteSpace(token))
            throw new
                UsageException($"--token-env {variable}: the environment variable {variable} is not set or empty; "
                + $"export {variable}=<token from 'ailab token create'>");
        return new RemoteLab(address, token.Trim(), "$" + variable);
    }
}
