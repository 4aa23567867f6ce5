using System.CommandLine;
using AiLab.Lab.Profiling.Running;

namespace AiLab.Cli.Commands;

/// <summary>The profiling options shared by <c>ab --profile</c> and <c>ailab profile</c>.</summary>
internal sealed class ProfileCliOptions
{
    public Option<bool> Profile { get; } = new("--profile") { Description =
        "After the measured trials (and the confirmation), run extra profiled trials of each variant and diff them: " +
            "where the time went, per function and call path (Python workloads; see docs/profiling.md). Measured " +
                "trials are never profiled." };

    public Option<int?> Trials { get; } = new("--profile-trials") { Description =
        "Profiled (sampled) trials per variant (default 8).", HelpName = "N" };

    public Option<double?> Interval { get; } = new("--profile-interval") { Description =
        "Sampling interval of the profiler in milliseconds (default 1).", HelpName = "MS" };

    public Option<bool> NoCallCounts { get; } = new("--no-call-counts") { Description =
        "Skip the one deterministic (cProfile) trial per variant that gives the findings their call counts." };

    public void AddTo(Command command, bool withSwitch)
    {
        if (withSwitch) command.Options.Add(Profile);
        else command.Options.Add(Trials);
        if (withSwitch) command.Options.Add(Trials);
        command.Options.Add(Interval);
        command.Options.Add(NoCallCounts);
    }

    /// <summary>The options given, checked; null when <paramref name="requireSwitch"/> and <c>--profile</c> is
    /// absent.</summary>
    public ProfileOptions? For(ParseResult parse, bool requireSwitch, int? trialsFallback = null)
    {
        if (requireSwitch && !parse.GetValue(Profile))
        {
            foreach (var option in new Option[] { Trials, Interval, NoCallCounts })
            {
                if (parse.GetResult(option) is { Implicit: false })
                    throw new UsageException($"{option.Name} only applies with --profile");
            }

            return null;
        }

        var options = ProfileOptions.Default with
        {
            TrialsPerVariant = parse.GetValue(Trials) ?? trialsFallback ?? ProfileOptions.Default.TrialsPerVariant,
            IntervalMs = parse.GetValue(Interval) ?? ProfileOptions.Default.IntervalMs,
            CallCounts = !parse.GetValue(NoCallCounts),
        };
        try
        {
            return options.Validated();
        }
        catch (ArgumentException e)
        {
            throw new UsageException(requireSwitch ? e.Message : e.Message.Replace("--profile-trials", "--trials",
                StringComparison.Ordinal));
        }
    }
}
