namespace AiLab.Execution.Processes.Containment;

/// <summary>Where this process may create trial cgroups: the directory of its own cgroup in the cgroup v1
/// <c>memory</c> hierarchy, or null when there is none or it is not writable.</summary>
/// <remarks>Trial cgroups are nested under the harness's own cgroup (never at the root), so whatever limits or
/// accounting the caller's environment applies to the harness also covers its workloads.</remarks>
internal static class CgroupHierarchy
{
    /// <summary>The directory to create trial cgroups in, or null with the reason in <paramref name="why"/>.</summary>
    public static string? FindMemoryV1(out string why)
    {
        try
        {
            var relative = File.ReadLines("/proc/self/cgroup")
                .Select(line => line.Split(':', 3))
                .FirstOrDefault(parts => parts.Length == 3 && parts[1].Split(',').Contains("memory"))?[2];
            if (relative is null)
            {
                why = "no cgroup v1 memory controller in /proc/self/cgroup";
                return null;
            }

            var mount = FindMount("memory");
            if (mount is null)
            {
                why = "the cgroup v1 memory hierarchy is not mounted";
                return null;
            }

            var directory = Path.Join(mount, relative.TrimStart('/'));
            if (!File.Exists(Path.Join(directory, "memory.max_usage_in_bytes")))
            {
                why = $"{directory} has no memory.max_usage_in_bytes";
                return null;
            }

            why = "";
            return directory;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            why = $"cannot read the cgroup setup: {e.Message}";
            return null;
        }
    }

    /// <summary>The mount point of the cgroup v1 hierarchy carrying <paramref name="controller"/>.</summary>
    private static string? FindMount(string controller)
    {
        // mountinfo: ID PARENT MAJ:MIN ROOT MOUNTPOINT OPTIONS [OPTIONAL...] - FSTYPE SOURCE SUPEROPTIONS
        foreach (var line in File.ReadLines("/proc/self/mountinfo"))
        {
            var dash = line.IndexOf(" - ", StringComparison.Ordinal);
            if (dash < 0)
                continue;
            var tail = line[(dash + 3)..].Split(' ');
            if (tail.Length < 3 || tail[0] != "cgroup" || !tail[2].Split(',').Contains(controller))
                continue;
            var fields = line[..dash].Split(' ');
            // A bind mount of a sub-cgroup (ROOT not "/") would shift every path; only the plain mount is usable.
            if (fields.Length > 4 && fields[3] == "/")
                return fields[4].Replace("\\040", " ", StringComparison.Ordinal);
        }

        return null;
    }
}
