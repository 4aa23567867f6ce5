using System.Runtime.CompilerServices;

namespace MlnetTrain;

/// <summary>A planted slow method for the profiler's tests (issue 14): with MLNET_TRAIN_AUDIT=full the validated
/// config is "audited" by fingerprinting its text over and over, CPU-bound work of a fixed size (about 40 ms on a quiet
/// core) in config validation. A profile diff of the two settings should name <see cref="Fingerprint"/> under
/// <see cref="AuditIfEnabled"/>. Off by default: the example is otherwise unchanged.</summary>
internal static class ConfigAudit
{
    /// <summary>The environment variable that turns the audit on (value <c>full</c>).</summary>
    public const string Variable = "MLNET_TRAIN_AUDIT";

    private const int Passes = 150_000;

    /// <summary>Audits <paramref name="config"/> when the variable asks for it; returns its fingerprint (0 when
    /// off), so the work cannot be optimized away.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ulong AuditIfEnabled(TrainingConfig config)
    {
        if (!string.Equals(Environment.GetEnvironmentVariable(Variable), "full", StringComparison.Ordinal)) return 0;
        var text = config.ToString();
        var hash = 14695981039346656037UL;
        for (var pass = 0; pass < Passes; pass++) hash = Fingerprint(text, hash);
        return hash;
    }

    /// <summary>FNV-1a over <paramref name="text"/>, continued from <paramref name="hash"/>: the slow part, a leaf of
    /// its own so that the profile names it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong Fingerprint(string text, ulong hash)
    {
        foreach (var c in text) hash = (hash ^ c) * 1099511628211UL;
        return hash;
    }
}
