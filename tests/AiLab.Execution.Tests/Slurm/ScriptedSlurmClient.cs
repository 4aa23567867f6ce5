using System.Collections.Concurrent;
using System.Diagnostics;
using AiLab.Execution.Slurm;

namespace AiLab.Execution.Tests.Slurm;

/// <summary>A cluster in a box: each submission follows the next scripted fate. <c>Run</c> executes the real batch
/// script with bash, as a node would (so the handover, clocks and probe marks are real); the other fates end the job
/// the way a scheduler does, without running it — states a one-node test cluster cannot produce on demand.</summary>
internal sealed class ScriptedSlurmClient(params string[] fates) : ISlurmClient
{
    private readonly Queue<string> _fates = new(fates);
    private readonly ConcurrentDictionary<string, Job> _jobs = new();
    private int _next = 100;

    public List<IReadOnlyList<string>> Submissions { get; } = [];

    public List<string> Cancelled { get; } = [];

    public Task<SlurmSubmission> SubmitAsync(string scriptPath, IReadOnlyList<string> options,
        IReadOnlyList<string> environment, CancellationToken cancellationToken)
    {
        lock (_fates)
        {
            Submissions.Add(options);
            var fate = _fates.Count > 0 ? _fates.Dequeue() : "RUN";
            if (fate == "REFUSE")
                return Task.FromResult(new SlurmSubmission(null, "sbatch: error: invalid partition specified: nope"));
            var id = (_next++).ToString(System.Globalization.CultureInfo.InvariantCulture);
            Process? process = null;
            if (fate == "RUN" && options.Contains("--hold"))
            {
                _jobs[id] = new Job(fate, null) { Held = (scriptPath, options, environment) };
                return Task.FromResult(new SlurmSubmission(id, null));
            }

            if (fate == "RUN")
                process = Start(scriptPath, options, environment);

            _jobs[id] = new Job(fate, process);
            return Task.FromResult(new SlurmSubmission(id, null));
        }
    }

    /// <summary>Each <see cref="ReleaseAsync"/> call's job ids, in order.</summary>
    public List<IReadOnlyList<string>> Releases { get; } = [];

    /// <summary>When set, every release is refused with this message (the jobs stay held).</summary>
    public string? RefuseRelease { get; set; }

    public Task ReleaseAsync(IReadOnlyList<string> jobIds, CancellationToken cancellationToken)
    {
        lock (_fates)
        {
            Releases.Add([.. jobIds]);
            if (RefuseRelease is { } refusal)
                throw new SlurmException(refusal);
            foreach (var id in jobIds)
            {
                var job = _jobs[id];
                if (job.Held is not { } held) throw new SlurmException($"Job {id} is not held");
                _jobs[id] = new Job(job.Fate, Start(held.Script, held.Options, held.Environment));
            }
        }

        return Task.CompletedTask;
    }

    public Task<SlurmJobInfo?> QueryAsync(string jobId, CancellationToken cancellationToken)
    {
        var job = _jobs[jobId];
        string state;
        if (job.CancelledByLab)
            state = "CANCELLED";
        else if (job.Held is not null)
            state = "PENDING";
        else if (job.Process is { } p)
            state = !p.HasExited ? "RUNNING" : p.ExitCode == 0 ? "COMPLETED" : "FAILED";
        else
            state = job.Fate == "PENDING" ? "PENDING" : job.Fate;
        return Task.FromResult<SlurmJobInfo?>(new SlurmJobInfo
        {
            JobId = jobId, State = state, NodeList = state == "PENDING" ? null : "node1",
            Reason = state != "PENDING" ? null : job.Held is not null ? "JobHeldUser" : "Resources",
        });
    }

    public Task CancelAsync(string jobId, CancellationToken cancellationToken)
    {
        lock (_fates) Cancelled.Add(jobId);
        var job = _jobs[jobId];
        job.CancelledByLab = true;
        if (job.Process is { HasExited: false } p)
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
        }

        return Task.CompletedTask;
    }

    private static Process? Start(string scriptPath, IReadOnlyList<string> options, IReadOnlyList<string> environment)
    {
        var start = new ProcessStartInfo("/bin/bash")
        {
            WorkingDirectory = Option(options, "--chdir")!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"exec /bin/bash {BatchScript.Quote(scriptPath)} >> {BatchScript.Quote(Option(options, "--output")!)} 2>&1");
        start.Environment.Clear();
        foreach (var item in environment)
            start.Environment[item[..item.IndexOf('=', StringComparison.Ordinal)]] = item[(item.IndexOf('=', StringComparison.Ordinal) + 1)..];
        return Process.Start(start);
    }

    private static string? Option(IReadOnlyList<string> options, string name) =>
        options.FirstOrDefault(o => o.StartsWith(name + "=", StringComparison.Ordinal))?[(name.Length + 1)..];

    private sealed class Job(string fate, Process? process)
    {
        public string Fate { get; } = fate;
        public Process? Process { get; } = process;
        public bool CancelledByLab { get; set; }

        public (string Script, IReadOnlyList<string> Options, IReadOnlyList<string> Environment)? Held { get; init; }
    }
}
