using System.Diagnostics;

namespace AiLab.Execution.Slurm;

/// <summary>Talks to the cluster through Slurm's own commands (<c>sbatch</c>, <c>scontrol</c>, <c>scancel</c>) on
/// PATH, the way a user at a login node would: no REST daemon, no database needed.</summary>
public sealed class SlurmCli : ISlurmClient
{
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    /// <inheritdoc />
    public async Task<SlurmSubmission> SubmitAsync(string scriptPath, IReadOnlyList<string> options,
        IReadOnlyList<string> environment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        var (code, stdout, stderr) = await RunAsync("sbatch", ["--parsable", .. options, scriptPath], environment,
            cancellationToken).ConfigureAwait(false);
        // --parsable prints "ID" or "ID;CLUSTER".
        var id = stdout.Trim().Split(';')[0];
        return code == 0 && id.Length > 0 && id.All(char.IsAsciiDigit)
            ? new SlurmSubmission(id, null)
            : new SlurmSubmission(null, Message(stderr, stdout, code));
    }

    /// <inheritdoc />
    public async Task<SlurmJobInfo?> QueryAsync(string jobId, CancellationToken cancellationToken)
    {
        var (code, stdout, stderr) = await RunAsync("scontrol", ["show", "job", "-o", jobId], null, cancellationToken)
            .ConfigureAwait(false);
        if (code != 0)
        {
            if (stderr.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase))
                return null;
            throw new SlurmException($"scontrol show job {jobId} failed: {Message(stderr, stdout, code)}");
        }

        return stdout.Split('\n').Select(l => SlurmJobInfo.Parse(l)).FirstOrDefault(j => j?.JobId == jobId);
    }

    /// <inheritdoc />
    public async Task ReleaseAsync(IReadOnlyList<string> jobIds, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(jobIds);
        var ids = string.Join(',', jobIds);
        var (code, stdout, stderr) = await RunAsync("scontrol", ["release", ids], null, cancellationToken)
            .ConfigureAwait(false);
        if (code != 0)
            throw new SlurmException($"scontrol release {ids} failed: {Message(stderr, stdout, code)}");
    }

    /// <inheritdoc />
    public async Task CancelAsync(string jobId, CancellationToken cancellationToken)
    {
        var (code, stdout, stderr) = await RunAsync("scancel", [jobId], null, cancellationToken).ConfigureAwait(false);
        if (code != 0 && !stderr.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase)
                      && !stderr.Contains("already completing or completed", StringComparison.OrdinalIgnoreCase))
            throw new SlurmException($"scancel {jobId} failed: {Message(stderr, stdout, code)}");
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<SlurmNodeInfo>> NodesAsync(CancellationToken cancellationToken)
    {
        var (code, stdout, stderr) = await RunAsync("scontrol", ["show", "node", "-o"], null, cancellationToken)
            .ConfigureAwait(false);
        if (code != 0)
            throw new SlurmException($"scontrol show node failed: {Message(stderr, stdout, code)}");
        return stdout.Split('\n').Select(SlurmNodeInfo.Parse).OfType<SlurmNodeInfo>().ToList();
    }

    private static string Message(string stderr, string stdout, int code)
    {
        var text = (stderr.Trim().Length > 0 ? stderr : stdout).Trim().Replace('\n', ' ');
        return text.Length > 0 ? text : $"exit code {code}";
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(
        string command, IReadOnlyList<string> arguments, IReadOnlyList<string>? environment,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo(command)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
            start.ArgumentList.Add(argument);
        if (environment is not null)
        {
            // Exactly the trial's environment: sbatch exports what it was started with (--export=ALL).
            start.Environment.Clear();
            foreach (var item in environment)
            {
                var eq = item.IndexOf('=', StringComparison.Ordinal);
                if (eq > 0)
                    start.Environment[item[..eq]] = item[(eq + 1)..];
            }
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new SlurmException($"{command} could not be started");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new SlurmException($"{command} could not be started ({e.Message}); is Slurm installed and on PATH? "
                                     + "(docs/slurm.md)");
        }

        using (process)
        {
            process.StandardInput.Close();
            var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(CommandTimeout);
            try
            {
                await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                cancellationToken.ThrowIfCancellationRequested();
                throw new SlurmException($"{command} {string.Join(' ', arguments)} did not answer within "
                                         + $"{CommandTimeout.TotalSeconds:0}s; is slurmctld reachable?");
            }

            return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
    }
}
