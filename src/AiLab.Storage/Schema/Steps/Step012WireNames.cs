using System.Globalization;
using System.Text;

namespace AiLab.Storage.Schema.Steps;

/// <summary>Schema step 12: enum values in stored documents take their wire names (snake_case, <c>no_change</c>),
/// the one convention of every other output, instead of camelCase (<c>noChange</c>). Only values of more than one
/// word differ between the two, so only those are rewritten, each where its property holds it
/// (<c>"overall":"noChange"</c> → <c>"overall":"no_change"</c>): the stores write compact JSON, so a property and its
/// value are adjacent, and quotes inside a string value are escaped, so a name inside a text never matches. The
/// status columns (experiments, trials, incidents, scheduled work) hold one-word values, the same in both
/// conventions; <c>trials.failure</c> holds the failure kind and is renamed with its document. Footprints, change
/// outcomes and output comparisons hold no enum text. The statements are the same in both dialects.</summary>
internal static class Step012WireNames
{
    /// <summary>Every value rewritten, with the property that holds it, frozen as of this step: the multi-word
    /// members of the enums in stored documents (verdicts, failure kinds, spending functions, calibrated detectors,
    /// capacity tiers), and the spending functions as free text wrote them (<c>nameof</c>) before they were typed.
    /// <see cref="AiLab.Core.Verdicts.DecisionBasis.Test"/> was always stored by its wire name.</summary>
    internal static IReadOnlyList<(string Property, string Old, string New)> Renames { get; } =
    [
        ("overall", "noChange", "no_change"),
        ("original", "noChange", "no_change"),
        ("confirming", "noChange", "no_change"),
        ("verdict", "noChange", "no_change"),
        ("failure", "spawnFailed", "spawn_failed"),
        ("failure", "nonZeroExit", "non_zero_exit"),
        ("failure", "timedOut", "timed_out"),
        ("failure", "noFirstBatch", "no_first_batch"),
        ("failure", "buildFailed", "build_failed"),
        ("spending", "oBrienFleming", "o_brien_fleming"),
        ("spending", "OBrienFleming", "o_brien_fleming"), // free text, before the spending function was an enum
        ("spending", "Pocock", "pocock"),
        ("detector", "welchLogT", "welch_log_t"),
        ("detector", "mannWhitneyZ", "mann_whitney_z"),
        ("detector", "medianRatioZ", "median_ratio_z"),
        ("tier", "adHoc", "ad_hoc"),
    ];

    // The JSON documents that can hold one of the values (trials.result only through its failure kind).
    private static readonly (string Table, string Column)[] Documents =
    [
        ("experiments", "spec"),
        ("experiments", "verdict"),
        ("incidents", "document"),
        ("calibrations", "document"),
    ];

    // After the tables above: static initializers run in the order they are written.
    private static readonly string Statements = Build();

    /// <summary>The step, in both dialects.</summary>
    public static SchemaMigration Step { get; } = new(12, "wire names", Statements, Statements);

    private static string Build()
    {
        var sql = new StringBuilder();
        foreach (var (table, column) in Documents)
        {
            var matches = string.Join(" OR ", Renames.Select(r => $"{column} LIKE '%{Pair(r.Property, r.Old)}%'"));
            sql.Append(CultureInfo.InvariantCulture,
                $"UPDATE {table} SET {column} = {Rewrite(column)} WHERE {matches};\n");
        }

        var failures = Renames.Where(r => r.Property == "failure").ToList();
        var cases = string.Concat(failures.Select(r => $" WHEN '{r.Old}' THEN '{r.New}'"));
        var olds = string.Join(", ", failures.Select(r => $"'{r.Old}'"));
        sql.Append(CultureInfo.InvariantCulture, $"UPDATE trials SET failure = CASE failure{cases} END, ");
        sql.Append(CultureInfo.InvariantCulture, $"result = {Rewrite("result")} WHERE failure IN ({olds});\n");
        return sql.ToString();
    }

    // replace(replace(column, a, a'), b, b') ...: every rename applied to the column's text.
    private static string Rewrite(string column) => Renames.Aggregate(column,
        (inner, r) => $"replace({inner}, '{Pair(r.Property, r.Old)}', '{Pair(r.Property, r.New)}')");

    private static string Pair(string property, string value) => $"\"{property}\":\"{value}\"";
}
