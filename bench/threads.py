#!/usr/bin/env python3
"""CPU of a JVM's threads, grouped by name: `threads.py snap PID FILE` saves utime+stime of each thread
(/proc/PID/task), `threads.py diff BEFORE AFTER N` prints each group's CPU per item (ms) between the two,
`threads.py ticks PID REGEX` prints the CPU ticks of the threads whose name matches (bench/compare.sh's warm-up)."""
import collections
import json
import os
import re
import sys


def threads_of(pid):
    threads = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            name = open(f"/proc/{pid}/task/{tid}/comm").read().strip()
            stat = open(f"/proc/{pid}/task/{tid}/stat").read()
        except OSError:
            continue  # the thread ended meanwhile
        fields = stat[stat.rindex(")") + 2:].split()
        threads[tid] = (name, int(fields[11]), int(fields[12]))
    return threads


def snap(pid, path):
    json.dump(threads_of(pid), open(path, "w"))


def ticks(pid, pattern):
    print(sum(user + system for name, user, system in threads_of(pid).values() if re.search(pattern, name)))


def diff(before_path, after_path, n):
    before, after = json.load(open(before_path)), json.load(open(after_path))
    groups = collections.defaultdict(lambda: [0, 0])
    for tid, (name, user, system) in after.items():
        user0, system0 = before[tid][1:] if tid in before else (0, 0)
        group = re.sub(r"\d+", "#", re.sub(r"[-_ ]?\d+$", "", name))  # "default task-12" -> "default task"
        groups[group][0] += user - user0
        groups[group][1] += system - system0
    total = sum(u + s for u, s in groups.values()) or 1
    print(f"  all threads {total * 10 / n:.3f} ms per item")
    for group, (user, system) in sorted(groups.items(), key=lambda g: -sum(g[1]))[:6]:
        print(f"  {group:<20} {(user + system) * 10 / n:6.3f} ms per item ({100 * (user + system) / total:4.1f} %)")


if __name__ == "__main__":
    if sys.argv[1] == "snap":
        snap(sys.argv[2], sys.argv[3])
    elif sys.argv[1] == "ticks":
        ticks(sys.argv[2], sys.argv[3])
    else:
        diff(sys.argv[2], sys.argv[3], int(sys.argv[4]))
