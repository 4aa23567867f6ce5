using AiLab.Execution.Processes.Containment;

namespace AiLab.Execution.Tests.Processes;

/// <summary>A fact about cgroup containment: skipped, with the reason, on a machine where this process cannot create
/// cgroups (the fallback has its own tests). The project's machines (root, cgroup v1 memory) run it.</summary>
public sealed class CgroupFactAttribute : FactAttribute
{
    private static readonly string? Unavailable =
        CgroupHierarchy.FindMemoryV1(out var why) is null ? why : null;

    public CgroupFactAttribute()
    {
        if (Unavailable is not null)
            Skip = $"no usable cgroup here: {Unavailable}";
    }
}
