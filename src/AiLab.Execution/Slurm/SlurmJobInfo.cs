using System.Globalization;
using System.Text.RegularExpressions;

namespace AiLab.Execution.Slurm;

/// <summary>One job as <c>scontrol show job -o</c> describes it: its state and the scheduler's own times (whole
/// seconds, the controller's clock).</summary>
public sealed partial record SlurmJobInfo
{
    /// <summary>The job id.</summary>
    public required string JobId { get; init; }

    /// <summary>The state, e.g. <c>PENDING</c>, <c>RUNNING</c>, <c>COMPLETED</c>, <c>NODE_FAIL</c>.</summary>
    public required string State { get; init; }

    /// <summary>Why the job is pending or how it ended (<c>Reason=</c>), e.g. <c>Resources</c>,
    /// <c>Priority</c>.</summary>
    public string? Reason { get; init; }

    /// <summary>Exit code of the batch script, from <c>ExitCode=CODE:SIGNAL</c>.</summary>
    public int? ExitCode { get; init; }

    /// <summary>Signal that ended the batch script, from <c>ExitCode=CODE:SIGNAL</c> (0: none).</summary>
    public int? Signal { get; init; }

    /// <summary>SubmitTime.</summary>
    public DateTimeOffset? SubmitTime { get; init; }

    /// <summary>EligibleTime.</summary>
    public DateTimeOffset? EligibleTime { get; init; }

    /// <summary>StartTime (a forecast while pending; the real start once running).</summary>
    public DateTimeOffset? StartTime { get; init; }

    /// <summary>EndTime (a forecast while running; the real end once finished).</summary>
    public DateTimeOffset? EndTime { get; init; }

    /// <summary>The node(s) the job was given; null while pending.</summary>
    public string? NodeList { get; init; }

    /// <summary>Parses one line of <c>scontrol show job -o</c>, whose times are in <paramref name="controllerZone"/>
    /// (the controller's local time zone; UTC on the clusters this was written for); null when the line has no
    /// JobId or JobState.</summary>
    public static SlurmJobInfo? Parse(string line, TimeZoneInfo? controllerZone = null)
    {
        ArgumentNullException.ThrowIfNull(line);
        var fields = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in Field().Matches(line))
            fields.TryAdd(m.Groups[1].Value, m.Groups[2].Value);
        if (!fields.TryGetValue("JobId", out var id) || !fields.TryGetValue("JobState", out var state))
            return null;
        int? code = null, signal = null;
        if (fields.TryGetValue("ExitCode", out var exit) && exit.Split(':') is [var c, var s])
        {
            code = int.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out var cv) ? cv : null;
            signal = int.TryParse(s, NumberStyles.Integer, CultureInfo.InvariantCulture, out var sv) ? sv : null;
        }

        var zone = controllerZone ?? TimeZoneInfo.Local;
        return new SlurmJobInfo
        {
            JobId = id,
            State = state,
            Reason = Value(fields, "Reason"),
            ExitCode = code,
            Signal = signal,
            SubmitTime = Time(fields, "SubmitTime", zone),
            EligibleTime = Time(fields, "EligibleTime", zone),
            StartTime = Time(fields, "StartTime", zone),
            EndTime = Time(fields, "EndTime", zone),
            NodeList = Value(fields, "NodeList"),
        };
    }

    private static string? Value(Dictionary<string, string> fields, string key) =>
        fields.TryGetValue(key, out var v) && v is not ("" or "(null)" or "None" or "Unknown") ? v : null;

    private static DateTimeOffset? Time(Dictionary<string, string> fields, string key, TimeZoneInfo zone)
    {
        if (Value(fields, key) is not { } text ||
            !DateTime.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None,
                out var local))
            return null;
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    // Keys are single words; values run to the next space (paths with spaces come after the fields read here).
    [GeneratedRegex(@"(?:^|\s)([A-Za-z/:_]+)=(\S*)")]
    private static partial Regex Field();
}
