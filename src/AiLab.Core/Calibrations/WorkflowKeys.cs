using System.Security.Cryptography;
using System.Text;
using AiLab.Core.Workflows;

namespace AiLab.Core.Calibrations;

/// <summary>The identity of "the same workflow" for calibrations: its name, command, directory, environment and
/// instrumentation in a repository. Trial counts, timeouts and CPU pinning are not part of it (the machine
/// fingerprint covers pinning).</summary>
public static class WorkflowKeys
{
    /// <summary>The key, e.g. <c>pytorch-train@3f2a9c01d4e5</c>.</summary>
    public static string Of(WorkflowSpec workflow, string? repositoryPath)
    {
        ArgumentNullException.ThrowIfNull(workflow);
        var text = new StringBuilder()
            .Append("repo ").Append(repositoryPath ?? "-").Append('\n')
            .Append("run ").Append(workflow.Run).Append('\n')
            .Append("build ").Append(workflow.Build ?? "-").Append('\n')
            .Append("workdir ").Append(workflow.WorkingDirectory ?? "-").Append('\n')
            .Append("auto ").Append(workflow.AutoInstrument).Append('\n');
        foreach (var (k, v) in workflow.Environment.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            text.Append("env ").Append(k).Append('=').Append(v).Append('\n');
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..12];
        return $"{workflow.Name}@{hash}";
    }
}
