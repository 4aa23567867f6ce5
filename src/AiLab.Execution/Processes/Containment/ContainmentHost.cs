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
    // Each line is the AILAB_EVENTS=PATH entry of a trial (for machines without cgroups); EOF is the signal. Output
    // goes to /dev/null at once: holding the caller's stdout would make `ailab ... | cat` wait for the cleanup.
    private const string WatchdogScript = """
        trap '' INT TERM HUP QUIT PIPE
        exec >/dev/null 2>&1
        marks=$(mktemp) || marks=
        while IFS= read -r line; do
          [ -n "$marks" ] && printf '%s\n' "$line" >> "$marks"
        done
        if [ -s "$marks" ]; then
          for round in 1 2 3; do
            found=$(grep -lzxF -f "$marks" /proc/[0-9]*/environ 2>/dev/null)
            [ -z "$found" ] && break
            for f in $found; do
              pid=${f#/proc/}; kill -9 "${pid%/environ}" 2>/dev/null
            done
            sleep 0.1
          done
        fi
        [ -n "$marks" ] && rm -f "$marks"
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
            Probe();

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

    /// <summary>Tells the watchdog, before the trial is spawned, to SIGKILL every process whose environment holds
    /// <paramref name="eventsEntry"/> (the trial's unique <c>AILAB_EVENTS=PATH</c>) if the harness dies: the
    /// containment of last resort where there is no cgroup. It needs no pid, so it has no window after the spawn,
    /// and it also finds descendants that left the session; only one that cleared its environment escapes it.
    /// A finished trial's entry matches nothing that should still live, so entries are never withdrawn.</summary>
    public static void Register(string eventsEntry)
    {
        if (eventsEntry.Contains('\n', StringComparison.Ordinal))
            return; // cannot be one line of the protocol; the cgroup (where there is one) still covers the trial
        Tell(eventsEntry);
    }

    private static void Tell(string line)
    {
        lock (Gate)
        {
            Probe();
            try
            {
                _watchdog?.StandardInput.WriteLine(line);
                _watchdog?.StandardInput.Flush();
            }
            catch (IOException)
            {
                // The watchdog is gone (killed with our process tree by someone); nothing more can be done here.
            }
        }
    }

    private static void Probe()
    {
        if (_probed)
            return;
        _probed = true;
        _parent = Environment.GetEnvironmentVariable("AILAB_CGROUPS") == "0"
            ? null
            : CgroupHierarchy.FindMemoryV1(out _unavailable);
        if (_parent is null && _unavailable.Length == 0)
            _unavailable = "disabled by AILAB_CGROUPS=0";
        if (_parent is not null)
            RemoveStale(_parent);
        _watchdog = StartWatchdog(_parent ?? "/nonexistent", out var failure);
        if (_watchdog is null && _parent is not null)
        {
            // Without the watchdog a kill -9 of the harness would leave the trial running: say so.
            _unavailable = failure;
            _parent = null;
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
