using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using AiLab.Application.Settings;
using AiLab.Cli.Rendering;
using AiLab.Execution.Git;
using AiLab.Lab.History;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab history</c>: the workflow measured on every commit of a first-parent range, change points found in
/// the series (the lab's change-point detector), and each change handed on as an <c>ailab bisect</c> range.</summary>
internal static class HistoryCommand
{
    public static Command Create()
    {
        var workflow = new WorkflowOptions();
        var from = new Option<string?>("--from")
        {
            Description = "The oldest revision of the range (measured too).",
            HelpName = "REV",
        };

        var to = new Option<string?>("--to") { Description = "The newest revision (default HEAD).", HelpName = "REV" };
        var command = new Command("history",
            "Measure a workflow on every commit between --from and --to (first parent) and find the change points " +
            "in its TTFB history, each with the range to bisect.");
        workflow.AddTo(command);
        command.Options.Add(from);
        command.Options.Add(to);
        var remote = new RemoteOptions();
        remote.AddTo(command);
        command.SetAction(async (parse, _) =>
        {
            var fromRev = parse.GetValue(from) ?? throw new UsageException("--from is required: the oldest revision of the history to measure");
            if (string.IsNullOrWhiteSpace(fromRev))
                throw new UsageException("--from is empty; give the oldest revision of the history to measure");
            var repo = GitRepository.Open(workflow.RepositoryFor(parse) ?? Directory.GetCurrentDirectory());
            var fromSha = repo.ResolveCommit(fromRev);
            if (parse.GetValue(to) is { } toRev && string.IsNullOrWhiteSpace(toRev))
                throw new UsageException("--to is empty; give the newest revision to measure, e.g. HEAD");
            var toSha = repo.ResolveCommit(parse.GetValue(to) ?? "HEAD");
            var commits = new[] { fromSha }.Concat(repo.FirstParentRange(fromSha, toSha)).ToList();
            var spec = workflow.ResolveWorkflow(parse, repo.Root);
            var trials = workflow.TrialsFor(parse, spec, fallback: LabDefaults.HistoryTrials);
            var side = HistoryScanner.MinSegmentFor(trials);
            if (commits.Count < 2 * side)
                throw new UsageException(
                    $"{commits.Count} commits from {fromRev} to {parse.GetValue(to) ?? "HEAD"}: at {trials} trials per commit " +
                    $"a change needs {side} commits on each side ({2 * side} in all); give an earlier --from or more --trials");
            var quiet = parse.GetValue(workflow.Quiet);
            using var server = remote.Connect(parse, writes: true);
            if (server is not null) await server.CheckTokenAsync().ConfigureAwait(false);
            using var lab = LabContext.Open(parse.GetValue(workflow.Db));
            var scanner = new HistoryScanner(lab.Runner, lab.Store, TimeProvider.System);
            if (!quiet) scanner.CommitStarted += (i, n, sha) => Console.Error.WriteLine($"ailab history: commit {i}/{n} {sha[..12]}, {trials} trials");
            using var interruption = new Interruption();
            var result = await scanner.RunAsync(
                new HistoryRequest
                {
                    Workflow = spec, RepositoryPath = repo.Root, Commits = commits, Trials = trials,
                    Warmup = workflow.WarmupFor(parse, spec), Seed = parse.GetValue(workflow.Seed),
                },
                null, interruption.Token).ConfigureAwait(false);
            // Every commit's measurement, also after Ctrl-C: what was measured is what the server's history shows.
            if (server is not null)
            {
                var measured = result.Points.Where(p => p.ExperimentId is { Length: > 0 }).Select(p => p.ExperimentId);
                await RemoteSubmit.SubmitAsync(lab, server, remote, parse,
                    new Application.Remote.LocalWork { Experiments = [.. measured] }).ConfigureAwait(false);
            }

            if (result.Interrupted)
            {
                Console.Error.WriteLine("ailab: interrupted; the commits measured so far are stored (ailab list)");
                return ExitCodes.Interrupted;
            }

            Console.Out.Write(parse.GetValue(workflow.Json) ? Json(result) + "\n" : Table(result));
            return result.Points.All(p => p.Failure is not null) ? ExitCodes.WorkloadFailed : ExitCodes.Success;
        });
        return command;
    }

    internal static string Table(HistoryResult result)
    {
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine("commit        median TTFB  trials  experiment");
        foreach (var p in result.Points)
        {
            var mark = result.Changes.Any(c => c.Commit == p.Commit) ? "  <- change" : "";
            var median = p.Failure is null ? string.Create(inv, $"{p.MedianTtfbMs,8:0.0} ms") : "  failed   ";
            sb.Append(inv, $"{p.Commit[..12]}  {median}  {p.Trials,6}  {p.ExperimentId}{mark}").AppendLine();
        }

        sb.AppendLine();
        if (result.Changes.Count == 0) sb.AppendLine("No change point: the history is one level (the lab's detector, each change confirmed with the trials).");
        foreach (var c in result.Changes)
        {
            sb.Append(inv, $"Change at {c.Commit[..12]}: {c.MeanBeforeMs:0.0} ms -> {c.MeanAfterMs:0.0} ms ")
                .Append(inv, $"({c.ChangePct:+0.0;-0.0}%, p={c.PValue:0.0e0})").AppendLine();
            sb.Append(inv, $"  bisect it: ailab bisect --good {c.Good[..12]} --bad {c.Bad[..12]} ...").AppendLine();
        }

        return sb.ToString();
    }

    internal static string Json(HistoryResult result)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true }))
        {
            w.WriteStartObject();
            w.WriteStartArray("points");
            foreach (var p in result.Points)
            {
                w.WriteStartObject();
                w.WriteString("commit", p.Commit);
                if (p.Failure is null) w.WriteNumber("median_ttfb_ms", Math.Round(p.MedianTtfbMs, 3)); else w.WriteNull("median_ttfb_ms");
                w.WriteNumber("trials", p.Trials);
                w.WriteString("experiment_id", p.ExperimentId);
                if (p.Failure is { } f) w.WriteString("failure", f);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteStartArray("changes");
            foreach (var c in result.Changes)
            {
                w.WriteStartObject();
                w.WriteString("commit", c.Commit);
                w.WriteNumber("mean_before_ms", Math.Round(c.MeanBeforeMs, 3));
                w.WriteNumber("mean_after_ms", Math.Round(c.MeanAfterMs, 3));
                w.WriteNumber("change_pct", Math.Round(c.ChangePct, 3));
                if (double.IsFinite(c.PValue)) w.WriteNumber("p_value", c.PValue); else w.WriteNull("p_value");
                w.WriteStartObject("bisect");
                w.WriteString("good", c.Good);
                w.WriteString("bad", c.Bad);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
