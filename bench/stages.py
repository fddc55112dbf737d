#!/usr/bin/env python3
"""The latency budget of one bench scenario: two scrapes of Errand's /metrics (before, after), the difference of
their errand_stage_seconds histograms, printed per stage as count, mean and p50/p99 (linear within a bucket).

    bench/stages.py BEFORE.txt AFTER.txt [LABEL]    prints a table; with LABEL also one 'stages.LABEL ...' line
"""
import re
import sys
from collections import defaultdict

LINE = re.compile(r'errand_stage_seconds_(bucket|sum|count)\{stage="([^"]+)"(?:,le="([^"]+)")?\} (\S+)')


def read(path):
    buckets, sums, counts = defaultdict(dict), {}, {}
    for line in open(path):
        m = LINE.match(line)
        if not m:
            continue
        kind, stage, le, value = m.groups()
        if kind == "bucket":
            buckets[stage][float("inf") if le == "+Inf" else float(le)] = float(value)
        elif kind == "sum":
            sums[stage] = float(value)
        else:
            counts[stage] = float(value)
    return buckets, sums, counts


def quantile(cumulative, q):
    """cumulative: sorted [(le, count)] of the difference; linear interpolation inside the bucket."""
    total = cumulative[-1][1]
    if total <= 0:
        return float("nan")
    rank, lower_le, lower_count = q * total, 0.0, 0.0
    for le, count in cumulative:
        if count >= rank:
            if le == float("inf"):
                return lower_le
            return lower_le + (le - lower_le) * (rank - lower_count) / max(count - lower_count, 1e-9)
        lower_le, lower_count = le, count
    return lower_le


def main():
    b0, s0, c0 = read(sys.argv[1])
    b1, s1, c1 = read(sys.argv[2])
    label = sys.argv[3] if len(sys.argv) > 3 else None
    order = ["request", "submit_commit", "delivery", "claim", "handler_start", "handler", "outcome", "message"]
    print(f"{'stage':<15}{'count':>9}{'mean ms':>10}{'p50 ms':>9}{'p99 ms':>9}")
    fields = []
    for stage in order:
        n = c1.get(stage, 0) - c0.get(stage, 0)
        if n <= 0:
            continue
        mean = (s1.get(stage, 0) - s0.get(stage, 0)) / n * 1000
        cum = sorted((le, v - b0.get(stage, {}).get(le, 0)) for le, v in b1[stage].items())
        p50, p99 = quantile(cum, 0.5) * 1000, quantile(cum, 0.99) * 1000
        print(f"{stage:<15}{int(n):>9}{mean:>10.2f}{p50:>9.2f}{p99:>9.2f}")
        fields.append(f"{stage}_mean_ms={mean:.2f} {stage}_p50_ms={p50:.2f} {stage}_p99_ms={p99:.2f}")
    if label:
        print(f"stages.{label} " + " ".join(fields))


if __name__ == "__main__":
    main()
