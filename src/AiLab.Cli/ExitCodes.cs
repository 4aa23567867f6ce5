namespace AiLab.Cli;

/// <summary>The exit codes of the command-line contract (docs/cli.md). Scripts and CI rely on them.</summary>
public static class ExitCodes
{
    /// <summary>Success, whatever the verdict (unless <c>--fail-on</c> matched).</summary>
    public const int Success = 0;

    /// <summary>Anything else: a bug or an environment problem (the message says which).</summary>
    public const int Error = 1;

    /// <summary>Bad usage or bad config: unknown option, malformed ailab.yaml, unknown revision.</summary>
    public const int BadUsage = 2;

    /// <summary>The workload itself failed: a build failed, or a trial crashed, hung, or never reached first_batch.</summary>
    public const int WorkloadFailed = 3;

    /// <summary>The verdict matched <c>--fail-on</c> (e.g. a regression).</summary>
    public const int VerdictMatched = 4;

    /// <summary>The AiLab server of <c>--server</c> did not answer (refused, unknown host, timeout).</summary>
    public const int ServerUnreachable = 5;

    /// <summary>The AiLab server refused the token of <c>--token-env</c> (401 unknown or missing, 403
    /// revoked).</summary>
    public const int ServerRefusedToken = 6;

    /// <summary>Interrupted by Ctrl-C or SIGTERM; what was measured is stored and <c>--resume</c> continues.</summary>
    public const int Interrupted = 130;
}
