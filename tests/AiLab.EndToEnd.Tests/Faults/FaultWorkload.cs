namespace AiLab.EndToEnd.Tests.Faults;

/// <summary>A torch-free, interpreter-free workload for the fault tests: /bin/sh with probe marks and ledger lines,
/// so a trial costs a few milliseconds of CPU and the kill points land anywhere in ailab's own life.</summary>
internal static class FaultWorkload
{
    /// <summary>Variable that every trial of a fault test carries (through --env), so that a process left behind is
    /// found by its environment.</summary>
    public const string MarkerVariable = "AILAB_FAULT_MARKER";

    /// <summary>Writes "start", marks imports and first_batch, sleeps FAULT_SLEEP_S (default 0.1), writes "end".</summary>
    public const string Script = """
        where="$(basename "$(dirname "$AILAB_EVENTS")")/$(basename "$AILAB_EVENTS")"
        echo "start $where $$" >> "$E2E_LEDGER"
        printf '{"mark": "imports"}\n' >> "$AILAB_EVENTS"
        printf '{"mark": "first_batch"}\n' >> "$AILAB_EVENTS"
        sleep "${FAULT_SLEEP_S:-0.1}"
        echo "end $where $$" >> "$E2E_LEDGER"
        """;

    /// <summary>Pids of live processes whose environment holds <see cref="MarkerVariable"/>=<paramref name="marker"/>.</summary>
    public static IReadOnlyList<int> ProcessesMarked(string marker)
    {
        var needle = System.Text.Encoding.UTF8.GetBytes($"{MarkerVariable}={marker}\0");
        var found = new List<int>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid)) continue;
            try
            {
                if (File.ReadAllBytes(Path.Combine(dir, "environ")).AsSpan().IndexOf(needle) >= 0 && Harness.StoreChecks.IsAlive(pid))
                    found.Add(pid);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // The process ended while we looked.
            }
        }

        return found;
    }

    /// <summary>Waits until no process carries <paramref name="marker"/>; returns how many there were at first.</summary>
    public static int WaitUntilNoneMarked(string marker, TimeSpan limit)
    {
        var first = ProcessesMarked(marker).Count;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (ProcessesMarked(marker).Count > 0)
        {
            Assert.True(clock.Elapsed < limit, $"processes marked {marker} still run after {limit}");
            Thread.Sleep(20);
        }

        return first;
    }
}
