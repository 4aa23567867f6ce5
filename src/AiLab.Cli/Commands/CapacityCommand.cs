using System.CommandLine;
using System.Globalization;
using AiLab.Cli.Rendering;
using AiLab.Core.Capacity;
using AiLab.Core.Workflows;
using AiLab.Lab.Capacity;

namespace AiLab.Cli.Commands;

/// <summary><c>ailab capacity</c>: what the lab spent per tier and workflow, what stopping saved, and the use of the
/// budget.</summary>
internal static class CapacityCommand
{
    public static Command Create()
    {
        var since = new Option<string?>("--since")
        {
            Description = "Only trials started since then: a span back from now (7d, 24h, 90m) or a date/time "
                          + "(2026-12-01, 2026-12-01T08:00Z). Default: everything stored.",
            HelpName = "WHEN",
        };
        var config = new Option<string?>("--config")
        {
            Description = "Workflow file whose 'capacity:' section is the budget (default: ailab.yaml in the current "
                          + "directory, if any).",
            HelpName = "FILE",
        };
        var experiments = new Option<int>("--experiments")
        {
            Description = "How many of the latest experiments to list with their savings (default 10; 0 for none).",
            DefaultValueFactory = _ => 10,
            HelpName = "N",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON document on stdout." };
        var db = StoreOption.Create();
        var command = new Command("capacity",
            "What the lab spent (CPU, wall and GPU seconds) per tier and workflow, "
            + "what stopping trials after their marks saved, and the budget's use.")
        {
            since, config, experiments, json, db,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var now = DateTimeOffset.UtcNow;
            var from = parse.GetValue(since) is { } text ? ParseSince(text, now) : (DateTimeOffset?)null;
            var listed = parse.GetValue(experiments);
            if (listed < 0) throw new UsageException($"--experiments must be 0 or more, got {listed}");
            var budget = LoadBudget(parse.GetValue(config));
            using var lab = LabContext.OpenForReading(parse.GetValue(db));
            var ledger = await CapacityLedger.LoadAsync(lab.Store, cancellationToken).ConfigureAwait(false);
            var report = ledger.Report(from, budget, now);
            Console.Out.Write(parse.GetValue(json)
                ? CapacityJson.Render(report, listed) + Environment.NewLine
                : CapacityText.Render(report, listed, lab.DatabasePath));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A span back from <paramref name="now"/> (<c>7d</c>, <c>24h</c>, <c>1h30m</c>) or a date/time
    /// (UTC unless it names an offset).</summary>
    internal static DateTimeOffset ParseSince(string text, DateTimeOffset now)
    {
        var trimmed = text.Trim();
        if (trimmed.EndsWith('d') && Days(trimmed[..^1]) is > 0 and var count)
            return now - TimeSpan.FromDays(count);
        if (DurationParser.TryParse(trimmed, out var span, out _))
            return now - span;
        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var at))
            return at;
        throw new UsageException($"--since '{text}' is neither a span back from now (7d, 24h, 90m) nor a date/time "
                                 + "(2026-12-01 or 2026-12-01T08:00Z)");
    }

    private static int Days(string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static CapacityBudget? LoadBudget(string? config)
    {
        if (config is not null && !File.Exists(config))
            throw new UsageException($"config file {config} does not exist");
        var path = config ?? WorkflowOptions.FindConfig(null);
        return path is null ? null : WorkflowConfig.Load(path).Capacity;
    }
}
