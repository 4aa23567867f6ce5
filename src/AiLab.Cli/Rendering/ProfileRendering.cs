using AiLab.Application;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using AiLab.Core.Experiments;
using AiLab.Lab.Profiling;
using AiLab.Lab.Profiling.Rendering;
using AiLab.Lab.Profiling.Running;

namespace AiLab.Cli.Rendering;

/// <summary>Runs the profile of an experiment for the CLI and attaches it to the experiment's report: the findings
/// under <c>profile</c> in the JSON, a "Profile" section under the table.</summary>
internal static class ProfileRendering
{
    /// <summary>A profile, or why there is none.</summary>
    public sealed record Outcome(ProfileReport? Report, string? Error);

    public static async Task<Outcome> RunAsync(
        LabSession lab, Experiment experiment, ProfileOptions options, IReadOnlyList<TrialRecord> measured, bool quiet,
        CancellationToken cancellationToken)
    {
        var progress = quiet ? null : new Progress<string>(line => Console.Error.WriteLine($"ailab: {line}"));
        try
        {
            var report = await lab.Profiles.RunAsync(experiment, options with { Seed = experiment.Seed }, measured,
                progress, cancellationToken)
                .ConfigureAwait(false);
            foreach (var problem in report.Set.Problems) Console.Error.WriteLine($"ailab: warning: {problem}");
            return new Outcome(report, null);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"ailab: no profile: {e.Message}");
            return new Outcome(null, e.Message);
        }
    }

    /// <summary>Starts <paramref name="experiment"/>'s profiled trials, to run between its measured trials; null and
    /// why when they cannot start (the experiment then runs unprofiled).</summary>
    public static (InterleavedProfile? Profile, string? Error) Begin(
        LabSession lab, Experiment experiment, ProfileOptions options, bool quiet)
    {
        var progress = quiet ? null : new Progress<string>(line => Console.Error.WriteLine($"ailab: {line}"));
        try
        {
            return (lab.Profiles.Begin(experiment, options with { Seed = experiment.Seed }, progress), null);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            Console.Error.WriteLine($"ailab: no profile: {e.Message}");
            return (null, e.Message);
        }
    }

    /// <summary>Runs what the experiment left of <paramref name="profile"/> and diffs it.</summary>
    public static async Task<Outcome> CompleteAsync(
        LabSession lab, Experiment experiment, InterleavedProfile profile, ProfileOptions options,
        IReadOnlyList<TrialRecord> measured, CancellationToken cancellationToken)
    {
        try
        {
            var report = await lab.Profiles.CompleteAsync(experiment, profile, options with { Seed = experiment.Seed },
                measured, cancellationToken).ConfigureAwait(false);
            foreach (var problem in report.Set.Problems) Console.Error.WriteLine($"ailab: warning: {problem}");
            return new Outcome(report, null);
        }
        catch (InvalidOperationException e)
        {
            Console.Error.WriteLine($"ailab: no profile: {e.Message}");
            return new Outcome(null, e.Message);
        }
    }

    /// <summary>Stores <paramref name="profile"/> with the stored experiment <paramref name="experimentId"/> (the
    /// findings and the paths of the files, or why there is none), for <c>ailab show</c> and the dashboard.</summary>
    public static async Task KeepAsync(LabSession lab, string experimentId, Outcome profile,
        CancellationToken cancellationToken)
    {
        var kept = profile.Report is { } r ? ExperimentProfiles.Of(r)
            : ExperimentProfiles.Failed(profile.Error ?? "no profile");
        await ExperimentProfiles.AttachAsync(lab.Store, experimentId, kept, cancellationToken).ConfigureAwait(false);
    }

    /// <summary><paramref name="report"/> (the experiment's JSON or table) with the profile attached.</summary>
    public static string Attach(string report, Outcome profile, bool json)
    {
        if (json)
        {
            var doc = JsonNode.Parse(report)!.AsObject();
            doc["profile"] = Node(profile);
            return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        }

        var s = new StringBuilder(report);
        s.Append(profile.Report is { InterleavedTrials: > 0 } interleaved
            ? $"\nProfile (extra trials, {interleaved.InterleavedTrials} of them between the measured ones; the " +
              "verdict above never saw them)\n"
            : "\nProfile (extra trials after the measured ones; the verdict above never saw them)\n");
        if (profile.Report is { } r) s.Append(ProfileTable.Render(r.Diff, r.Files, r.OverheadPct));
        else s.Append("  none: ").Append(profile.Error).Append('\n');
        return s.ToString();
    }

    /// <summary>A bisection's <paramref name="report"/> with each culprit's profile (keyed by commit) attached: under
    /// <c>profile</c> in each culprit's JSON, or a section per culprit under the table.</summary>
    public static string AttachToCulprits(string report, IReadOnlyDictionary<string, Outcome> profiles, bool json)
    {
        if (json)
        {
            var doc = JsonNode.Parse(report)!.AsObject();
            foreach (var culprit in doc["culprits"]?.AsArray() ?? [])
            {
                if (culprit?["commit"]?.GetValue<string>() is { } commit && profiles.TryGetValue(commit,
                    out var outcome))
                    culprit["profile"] = Node(outcome);
            }

            return doc.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n";
        }

        var s = new StringBuilder(report);
        foreach (var (commit, outcome) in profiles)
        {
            s.Append("\nProfile of culprit ").Append(commit[..Math.Min(12,
                commit.Length)]).Append(" (its parent against it, extra profiled trials)\n");
            if (outcome.Report is { } r) s.Append(ProfileTable.Render(r.Diff, r.Files, r.OverheadPct));
            else s.Append("  none: ").Append(outcome.Error).Append('\n');
        }

        return s.ToString();
    }

    /// <summary>The profile as the JSON reports carry it: the findings and files, or the error.</summary>
    public static JsonObject Node(Outcome profile)
    {
        if (profile.Report is not { } r) return new JsonObject { ["error"] = profile.Error };
        var node = ProfileJson.Summary(r.Diff, r.Files);
        node["overhead_pct"] = r.OverheadPct is { } o ? Math.Round(o, 2) : null;
        node["interleaved_trials"] = r.InterleavedTrials;
        return node;
    }
}
