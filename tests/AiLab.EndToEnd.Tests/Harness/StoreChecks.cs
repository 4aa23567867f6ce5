using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace AiLab.EndToEnd.Tests.Harness;

/// <summary>Cross-checks of what ailab stored against what the workloads themselves say they did.</summary>
internal static partial class StoreChecks
{
    /// <summary>The experiment id from the progress line ailab writes to stderr before the first trial.</summary>
    public static string ExperimentIdFromStderr(CliResult result)
    {
        var match = ExperimentLine().Match(result.Stderr);
        Assert.True(match.Success, $"no 'ailab: experiment ID' line on stderr: {result}");
        return match.Groups[1].Value;
    }

    /// <summary><c>show ID --json --trials</c>, asserted to succeed.</summary>
    public static JsonElement ShowWithTrials(Sandbox sandbox, string id) =>
        sandbox.Ailab("show", id, "--json", "--trials").AssertExit(0).Json();

    /// <summary>Every workload run that reached its ledger's "end" line is stored as a succeeded trial of the same
    /// schedule slot, exactly once, and every succeeded trial stored was such a run: nothing measured was lost or
    /// invented, and no slot ran to completion twice. The stored trials carry no warnings. Pass every experiment the
    /// sandbox ran (an A/B experiment and its confirmation run, say).</summary>
    public static void AssertLedgerMatchesStore(Sandbox sandbox, params JsonElement[] shown)
    {
        var completed = sandbox.Ledger().Where(l => l[0] == "end").Select(l => l[1]).ToList();
        Assert.Equal(completed.Distinct().Count(), completed.Count);
        var stored = shown.SelectMany(s => s.TrialResults()
            .Where(t => t.Str("status") == "succeeded")
            .Select(t => string.Create(CultureInfo.InvariantCulture, $"{s.Id()}/{t.Int("sequence"):D4}-{t.Str("variant")}.events.jsonl")))
            .ToList();
        Assert.Equal(completed.Order(StringComparer.Ordinal), stored.Order(StringComparer.Ordinal));
        // These workloads send well-formed marks with CLOCK_MONOTONIC stamps (or none): any warning is the harness's.
        Assert.All(shown.SelectMany(s => s.TrialResults()).Where(t => t.Str("status") == "succeeded"), t => Assert.Empty(t.GetProperty("warnings").EnumerateArray()));
    }

    /// <summary>The experiment and, when its verdict was confirmed by another, that one too, each as <c>show --json --trials</c>.</summary>
    public static JsonElement[] ShowWithConfirmation(Sandbox sandbox, string id)
    {
        var shown = ShowWithTrials(sandbox, id);
        return shown.TryGetProperty("confirmation", out var c) && c.ValueKind == JsonValueKind.Object
            ? [shown, ShowWithTrials(sandbox, c.Str("experiment_id"))]
            : [shown];
    }

    /// <summary>True while <paramref name="pid"/> names a live (not zombie) process.</summary>
    public static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            return stat[(stat.LastIndexOf(')') + 2)..][0] is not ('Z' or 'X');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^ailab: experiment (\S+) \(", RegexOptions.Multiline)]
    private static partial Regex ExperimentLine();
}
