#!/usr/bin/env python3
"""Where a batch job's start latency goes on an idle Slurm cluster (issue 13: the queue phase's noise).

Submits N trivial jobs one at a time to the idle cluster, at random moments (a pause of 0.2-1.2 s after the last
one left the queue), as the Slurm executor does (`sbatch --parsable`), and
splits each job's submit -> start, all on this host's CLOCK_REALTIME (the test cluster's node is this host):

- client:   the stamp before `sbatch` runs -> slurmctld logs the submit RPC (`_slurm_rpc_submit_batch_job`);
- pass:     the submit RPC -> slurmctld allocates the job (`sched: Allocate` from the main scheduler, or
            `sched/backfill: _start_job: Started` from the backfill scheduler), i.e. waiting for a scheduling pass;
- launch:   the allocation -> the batch script's first line (bash's EPOCHREALTIME), i.e. slurmd, slurmstepd, the
            job's cgroups and bash starting.

The sum is what the executor records as the `queue` phase (stamp before sbatch -> the script's hand-over stamp).
slurmctld's log has millisecond stamps at its default level (info); the script reads the log named by
`scontrol show config` (SlurmctldLogFile), so it must run where that file is readable (the test cluster: as root).

    bench/slurm_start_latency.py [--jobs 20]        # after scripts/start-slurm.sh

With --trials, it submits nothing and splits the queue phase the executor recorded for real trials instead (the
trials of `ailab show ID --trials --json`, one or more files): a check of the lab's measurement against the
scheduler's own log (client and launch must come out small and positive, the pass carrying the noise).

    bench/slurm_start_latency.py --trials a.json b.json
"""
import argparse
import datetime
import json
import os
import random
import re
import statistics
import subprocess
import tempfile
import time

SCRIPT = '#!/bin/bash\necho "$EPOCHREALTIME" > "$1"\nsleep 0.3\n'


def config(name):
    out = subprocess.run(["scontrol", "show", "config"], capture_output=True, text=True, check=True).stdout
    return re.search(r"^%s\s*=\s*(\S+)" % name, out, re.M).group(1)


def stamp(text):
    # slurmctld logs local time with milliseconds: [2026-12-06T10:19:15.728]
    return datetime.datetime.strptime(text, "%Y-%m-%dT%H:%M:%S.%f").timestamp()


def log_times(log_path, job_ids):
    submitted, allocated = {}, {}
    with open(log_path, errors="replace") as log:
        for line in log:
            m = re.match(r"\[(\S+)\] _slurm_rpc_submit_batch_job: JobId=(\d+)", line)
            if m and m.group(2) in job_ids:
                submitted[m.group(2)] = stamp(m.group(1))
            m = re.match(r"\[(\S+)\] (sched|sched/backfill: _start_job): (?:Allocate|Started) JobId=(\d+)", line)
            if m and m.group(3) in job_ids and m.group(3) not in allocated:
                allocated[m.group(3)] = (stamp(m.group(1)), "backfill" if "backfill" in m.group(2) else "main")
    return submitted, allocated


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--jobs", type=int, default=20)
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--trials", nargs="+", help="ailab show --trials --json files to split instead")
    args = parser.parse_args()
    rng = random.Random(args.seed)
    log_path = config("SlurmctldLogFile")
    if args.trials:
        return report(recorded(args.trials), log_path)
    print("SchedulerParameters =", config("SchedulerParameters"))
    work = tempfile.mkdtemp(prefix="slurm-start-")
    script = os.path.join(work, "job.sh")
    with open(script, "w") as f:
        f.write(SCRIPT)
    jobs = []
    for i in range(args.jobs):
        started_file = os.path.join(work, "started.%d" % i)
        before = time.time()
        job_id = subprocess.run(["sbatch", "--parsable", "--no-requeue", "--nodes=1", "--ntasks=1",
                                 "--output=/dev/null", script, started_file],
                                capture_output=True, text=True, check=True).stdout.strip().split(";")[0]
        while not (os.path.exists(started_file) and os.path.getsize(started_file)):
            time.sleep(0.01)
        with open(started_file) as f:
            jobs.append((job_id, before, float(f.read().strip().replace(",", "."))))
        # Wait for the job to leave the queue, so the next one finds the node idle again.
        while subprocess.run(["squeue", "-h", "-j", job_id], capture_output=True, text=True).stdout.strip():
            time.sleep(0.05)
        # A random pause of 0.2-1.2 s: submitting at a fixed period after the last job would lock the submits to the
        # scheduler's ~1 s tick (same wait every time), which neither an engineer nor the lab's trials do.
        time.sleep(0.2 + rng.random())
    report(jobs, log_path)


def recorded(paths):
    """(job id, submit stamp, hand-over stamp) of every Slurm trial in the files, from what the lab recorded."""
    jobs = []
    for path in paths:
        with open(path) as f:
            for trial in json.load(f)["trial_results"]:
                facts = trial.get("scheduler") or {}
                if facts.get("queue_ms") is None:
                    continue
                submit = datetime.datetime.fromisoformat(facts["submitted_at"]).timestamp()
                jobs.append((facts["job_id"], submit, submit + facts["queue_ms"] / 1e3))
    return jobs


def report(jobs, log_path):
    submitted, allocated = log_times(log_path, {j for j, _, _ in jobs})
    rows = []
    for job_id, before, started in jobs:
        if job_id not in submitted or job_id not in allocated:
            print("job %s: not found in %s" % (job_id, log_path))
            continue
        at, by = allocated[job_id]
        rows.append(((started - before) * 1e3, (submitted[job_id] - before) * 1e3, (at - submitted[job_id]) * 1e3,
                     (started - at) * 1e3, by))
        print("job %s: queue %5.0f ms = client %4.0f + pass %4.0f (%s) + launch %4.0f" % ((job_id,) + rows[-1][:3]
                                                                                      + (by, rows[-1][3])))
    for i, name in enumerate(["queue", "client", "pass", "launch"]):
        v = [r[i] for r in rows]
        print("%-7s n=%d min %5.0f median %5.0f max %5.0f sd %4.0f ms" % (name, len(v), min(v), statistics.median(v),
                                                                          max(v), statistics.stdev(v)))
    print("allocated by:", {b: sum(1 for r in rows if r[4] == b) for b in ("main", "backfill")})


if __name__ == "__main__":
    main()
