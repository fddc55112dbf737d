#!/usr/bin/env python3
"""Reads bench/compare.sh's results.txt and prints one table: Errand, db-scheduler, JobRunr, Errand / db-scheduler.
Each cell is the median over rounds."""
import re
import statistics
import sys
from collections import defaultdict

values = defaultdict(list)  # (run name, metric) -> [floats]
for line in open(sys.argv[1]):
    name, _, rest = line.partition(" ")
    for key, value in re.findall(r"(\w+)=([-\d.]+)\b", rest):
        try:
            values[(name, key)].append(float(value))
        except ValueError:
            pass


def get(name, *keys):
    for key in keys:
        if values.get((name, key)):
            return statistics.median(values[(name, key)])
    return None


def cpu_per_job(name):
    direct = get(name, "server_cpu_ms_per_job")
    if direct is not None:
        return direct
    pct, seconds, n = get(name, "java_cpu_pct"), get(name, "total_s"), get(name, "n", "sent")
    return pct / 100 * seconds * 1000 / n if None not in (pct, seconds, n) and n else None


rows = [
    ("single REST enqueue -> done, 16 clients (jobs/s)", "single", lambda r: get(r, "e2e_per_s", "end_to_end_per_s")),
    # the peers' single figure is in-process already (their schedule() in the bench's JVM): the same column
    ("single in-process enqueue -> done (jobs/s)", ("inprocess", "single"),
     lambda r: get(r, "e2e_per_s", "end_to_end_per_s")),
    ("batch enqueue -> all done (jobs/s)", "batch", lambda r: get(r, "e2e_per_s", "end_to_end_per_s")),
    ("drain of a backlog (jobs/s)", "drain", lambda r: get(r, "drain_per_s")),
    ("enqueue -> start p50, idle (ms)", "latency", lambda r: get(r, "p50_ms", "median_ms")),
    ("enqueue -> start p99, idle (ms)", "latency", lambda r: get(r, "p99_ms")),
    ("CPU per job, single (ms)", "single", cpu_per_job),
    ("CPU per job, drain (ms)", "drain", cpu_per_job),
    ("WAL fsyncs per job, single", "single", lambda r: get(r, "wal_syncs_per_item")),
    ("WAL fsyncs per job, batch", "batch", lambda r: get(r, "wal_syncs_per_item")),
    ("heap high-water, drain (MB)", "drain", lambda r: get(r, "heap_max_mb")),
]


def fmt(v):
    return "-" if v is None else f"{v:,.0f}" if v >= 100 else f"{v:,.2f}"


print(f"| {'scenario':<46} | {'Errand':>9} | {'db-scheduler':>12} | {'JobRunr':>9} | {'Errand / db-sch.':>16} |")
print(f"|{'-' * 48}|{'-' * 11}|{'-' * 14}|{'-' * 11}|{'-' * 18}|")
for label, scenario, metric in rows:
    mine, theirs = scenario if isinstance(scenario, tuple) else (scenario, scenario)
    e, d, j = metric("errand." + mine), metric("dbsched." + theirs), metric("jobrunr." + theirs)
    ratio = f"{e / d:.2f}" if e is not None and d else "-"
    print(f"| {label:<46} | {fmt(e):>9} | {fmt(d):>12} | {fmt(j):>9} | {ratio:>16} |")
cold, warm = get("errand.cold", "e2e_per_s"), get("errand.single", "e2e_per_s")
if cold is not None:
    ratio = f", {cold / warm:.2f} of the warm figure {warm:,.0f}" if warm else ""
    print(f"\nErrand's first run after boot (single REST enqueue -> done, 16 clients): {cold:,.0f} jobs/s{ratio}; "
          f"CPU per job {fmt(cpu_per_job('errand.cold'))} ms")
rounds, jobs, seconds, jit = (get("errand.warmup", k) for k in ("rounds", "jobs", "seconds", "jit_pct_last"))
if rounds is not None:
    print(f"\nErrand's warm-up before the rounds (until its JIT compilers were quiet): {rounds:.0f} "
          f"rounds, {jobs:,.0f} jobs, {seconds:.0f} s; the compilers' share in the last: {jit:.0f} %")
if len(sys.argv) > 2:
    print(f"\nErrand boot with the WAR deployed (to /health UP): {float(sys.argv[2]):.1f} s")
