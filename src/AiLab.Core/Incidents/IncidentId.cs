using System.Security.Cryptography;
using System.Text;

namespace AiLab.Core.Incidents;

/// <summary>The deterministic incident id: the same attribution always gets the same id.</summary>
public static class IncidentId
{
    /// <summary>The prefix every incident id starts with.</summary>
    public const string Prefix = "inc-";

    /// <summary>The id of the incident that attributes <paramref name="metric"/> of <paramref name="workflow"/> in
    /// <paramref name="repository"/> to <paramref name="commitSha"/>.</summary>
    /// <remarks>The phase and the effect are left out on purpose: they are measurements and vary between runs, while
    /// the attribution does not. Sha and repository are normalised (case, trailing slash) so spellings agree.</remarks>
    public static string For(string repository, string workflow, string commitSha, string metric)
    {
        ArgumentNullException.ThrowIfNull(repository);
        ArgumentNullException.ThrowIfNull(workflow);
        ArgumentNullException.ThrowIfNull(commitSha);
        ArgumentNullException.ThrowIfNull(metric);
        var key = string.Join('\n', repository.Trim().TrimEnd('/', '\\'), workflow.Trim(), commitSha.Trim().ToLowerInvariant(), metric.Trim());
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return Prefix + Convert.ToHexStringLower(hash.AsSpan(0, 8));
    }
}
