namespace AiLab.Core.Machine;

/// <summary>The CPUs an experiment's trials were pinned to, who chose them, and why.</summary>
/// <param name="Cpus">The CPUs; null when trials were not pinned (the scheduler chose).</param>
/// <param name="Source">Who chose: <c>auto</c> (the core-speed calibration), <c>option</c> (<c>--cpus LIST</c>),
/// <c>workflow</c> (the workflow file's <c>cpus</c>), <c>none</c> (<c>--cpus none</c>: pinning turned off).</param>
/// <param name="Reason">A sentence for the report: the core speeds and the rule that chose.</param>
public sealed record CpuPinning(IReadOnlyList<int>? Cpus, string Source, string Reason)
{
    /// <summary>The CPUs as a list such as <c>0</c> or <c>0,2</c>, or <c>not pinned</c>.</summary>
    public string Describe() => Cpus is null || Cpus.Count == 0 ? "not pinned" : $"CPU{(Cpus.Count == 1 ? "" : "s")} {string.Join(',', Cpus)}";
}
