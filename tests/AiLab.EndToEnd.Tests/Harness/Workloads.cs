namespace AiLab.EndToEnd.Tests.Harness;

/// <summary>Small real workloads, as Python sources. They mark phases with the shipped probe (ailab puts it on
/// PYTHONPATH) and write a ledger line through <see cref="LedgerModule"/> so tests can count what really ran.</summary>
internal static class Workloads
{
    /// <summary>The interpreter with the probe's requirements (and PyTorch); the pyenv python3 on PATH has no torch.</summary>
    public const string Python = "/usr/bin/python3";

    /// <summary><c>e2e.py</c>: <c>record(tag)</c> appends "TAG EXPERIMENT/EVENTS_FILE PID" to $E2E_LEDGER. The events
    /// file's folder and name (<c>ID/SEQ-VARIANT.events.jsonl</c>) say which trial of which experiment the process was.</summary>
    public const string LedgerModule = """
        import os


        def record(tag):
            path = os.environ.get("E2E_LEDGER")
            if not path:
                return
            events = os.environ.get("AILAB_EVENTS", "-")
            events = os.path.basename(os.path.dirname(events)) + "/" + os.path.basename(events)
            with open(path, "a") as f:
                f.write("%s %s %d\n" % (tag, events, os.getpid()))
        """;

    /// <summary>Marks imports, config_validation and first_batch. SLOW=1 sleeps 60 ms inside config_validation;
    /// E2E_AFTER_S sleeps after first_batch (a trial that takes longer without changing TTFB).</summary>
    public const string Phased = """
        import os
        import time

        import e2e
        from ailab_probe import mark

        e2e.record("start")
        mark("imports")
        if os.environ.get("SLOW") == "1":
            time.sleep(0.060)
        mark("config_validation")
        mark("first_batch")
        time.sleep(float(os.environ.get("E2E_AFTER_S", "0")))
        e2e.record("end")
        """;

    /// <summary>Like <see cref="Phased"/>, but when E2E_COUNTER names a file it counts its runs there and exits 1 on
    /// run number E2E_CRASH_ON.</summary>
    public const string CrashesOnNthRun = """
        import os
        import sys

        import e2e
        from ailab_probe import mark

        counter = os.environ.get("E2E_COUNTER")
        if counter:
            runs = (int(open(counter).read()) if os.path.exists(counter) else 0) + 1
            with open(counter, "w") as f:
                f.write(str(runs))
            if runs == int(os.environ["E2E_CRASH_ON"]):
                print("e2e: crashing on purpose on run %d" % runs, file=sys.stderr)
                sys.exit(1)
        mark("imports")
        mark("config_validation")
        mark("first_batch")
        e2e.record("end")
        """;

    /// <summary>Marks imports, then exits 1 with a message.</summary>
    public const string Crashes = """
        import sys

        from ailab_probe import mark

        mark("imports")
        print("e2e: config is broken, giving up", file=sys.stderr)
        sys.exit(1)
        """;

    /// <summary>Writes its pid to the file named by argv[1], marks imports, then sleeps for a minute.</summary>
    public const string Hangs = """
        import os
        import sys
        import time

        from ailab_probe import mark

        with open(sys.argv[1], "a") as f:
            f.write("%d\n" % os.getpid())
        mark("imports")
        time.sleep(60)
        """;

    /// <summary>Marks imports and exits 0 without ever reaching first_batch.</summary>
    public const string NoFirstBatch = """
        from ailab_probe import mark

        mark("imports")
        mark("model_build")
        print("e2e: done, but never trained")
        """;

    /// <summary>The file of the git A/B's repository; the candidate commit sleeps 60 ms in config_validation.</summary>
    public static string RepositoryWorkload(bool slow) => $"""
        import time

        import e2e
        from ailab_probe import mark

        mark("imports")
        {(slow ? "time.sleep(0.060)  # the regression under test" : "pass")}
        mark("config_validation")
        mark("first_batch")
        e2e.record("end")
        """;

    /// <summary>A /bin/sh workload whose marks carry no t_ns, so ailab stamps them as they arrive: A's back-to-back
    /// marks land in the same read and its config_validation phase lasts 0 ms. SLOW=1 sleeps 60 ms inside it.</summary>
    public const string ShellStampedByHarness = """
        mark() { printf '{"mark": "%s"}\n' "$1" >> "$AILAB_EVENTS"; }
        mark imports
        if [ "$SLOW" = 1 ]; then sleep 0.06; fi
        mark config_validation
        mark first_batch
        echo "end $(basename "$(dirname "$AILAB_EVENTS")")/$(basename "$AILAB_EVENTS") $$" >> "$E2E_LEDGER"
        """;
}
