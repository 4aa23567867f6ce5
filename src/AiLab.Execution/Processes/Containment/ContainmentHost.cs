using System.Diagnostics;
using System.Globalization;

namespace AiLab.Execution.Processes.Containment;

/// <summary>The process-wide side of containment: where trial cgroups go, their names, and the watchdog that kills
/// them if the harness dies without cleaning up (<c>kill -9</c>, a crash, the OOM killer).</summary>
/// <remarks>Cgroups are named <c>ailab-HARNESSPID-N-LABEL</c>. The watchdog is a <c>/bin/sh</c> loop reading a pipe
/// whose only write end is held by the harness (close-on-exec, so no workload inherits it): EOF means the harness is
/// gone, however it died, and the watchdog then SIGKILLs every process in this harness's cgroups and removes them.
/// A parent-death signal could not do this job: it fires on the exit of the spawning <em>thread</em> (thread-pool
/// threads retire while a trial runs) and reaches only the direct child, never a grandchild that left the session.
/// At first use, cgroups left by harnesses that are gone (a killed watchdog) are emptied and removed too.</remarks>
internal static class ContainmentHost
{
    private const string WatchdogScript = """
        trap '' INT TERM HUP QUIT PIPE
        while read -r _; do :; done
        for round in 1 2 3 4 5 6 7 8 9 10; do
          left=
          for dir in "$0"/"$1"*; do
            [ -d "$dir" ] || continue
            pids=$(cat "$dir/cgroup.procs" 2>/dev/null)
            if [ -n "$pids" ]; then kill -9 $pids 2>/dev/null; left=1; fi
            rmdir "$dir" 2>/dev/null
          done
          [ -z "$left" ] && exit 0
          sleep 0.2
        done
        """;

    private static readonly Lock Gate = new();
    private static bool _probed;
    private static string? _parent;
    private static string _unavailable = "";
    private static int _sequence;
    private static Process? _watchdog;

    /// <summary>Prefix of every cgroup this process creates.</summary>
    public static string Prefix { get; } = $"ailab-{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-";

    /// <summary>Reserves the next cgroup name; false (with the reason) when cgroups cannot be used here.</summary>
    public static bool TryNextDirectory(string label, out string parent, out string directory, out string why)
    {
        lock (Gate)
        {
            if (!_probed)
            {
                _probed = true;
                _parent = CgroupHierarchy.FindMemoryV1(out _unavailable);
                if (_parent is not null)
                {
                    RemoveStale(_parent);
                    _watchdog = StartWatchdog(_parent, out var failure);
                    if (_watchdog is null)
                    {
                        // Without the watchdog a kill -9 of the harness would leave the trial running: say so.
                        _unavailable = failure;
                        _parent = null;
                    }
                }
            }

            parent = _parent ?? "";
            why = _unavailable;
            if (_parent is null)
            {
                directory = "";
                return false;
            }

            var n = ++_sequence;
            directory = Path.Join(_parent, $"{Prefix}{n.ToString(CultureInfo.InvariantCulture)}-{label}");
            return true;
        }
    }

    private static Process? StartWatchdog(string parent, out string failure)
    {
        var info = new ProcessStartInfo("/bin/sh")
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = false,
            RedirectStandardError = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(WatchdogScript);
        info.ArgumentList.Add(parent);
        info.ArgumentList.Add(Prefix);
        try
        {
            failure = "";
            return Process.Start(info);
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException)
        {
            failure = $"cannot start the containment watchdog (/bin/sh): {e.Message}";
            return null;
        }
    }

    /// <summary>Empties and removes cgroups of harnesses that no longer run.</summary>
    private static void RemoveStale(string parent)
    {
        IEnumerable<string> candidates;
        try
        {
            candidates = Directory.EnumerateDirectories(parent, "ailab-*").ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var directory in candidates)
        {
            var parts = Path.GetFileName(directory).Split('-');
            if (parts.Length < 3 || !int.TryParse(parts[1], CultureInfo.InvariantCulture, out var owner)
                || owner == Environment.ProcessId || ProcFs.IsAlive(owner))
                continue;
            try
            {
                foreach (var line in File.ReadLines(Path.Join(directory, "cgroup.procs")))
                {
                    if (int.TryParse(line, CultureInfo.InvariantCulture, out var pid))
                        LibC.Kill(pid, LibC.SigKill);
                }

                Directory.Delete(directory);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Still busy; the next run tries again.
            }
        }
    }
}
