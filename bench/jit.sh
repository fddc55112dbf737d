#!/usr/bin/env bash
# How a fresh Errand's CPU per job falls while its JIT warms up, thread group by thread group, and the floor of an
# authenticated HTTP request on the same server (docs/performance.md, "The JIT on two cores").
#
#   bench/jit.sh [ROUNDS=6] [N=8000]    ~1 minute a round; needs `mvn -DskipTests package` done
#
# Starts its own Errand (bench/server.sh: database errand_jit, port 8080 + 710, -Xmx1g, the bench WAR), sends 10,000
# single jobs, then ROUNDS rounds of N single jobs from 16 clients, each followed by the CPU per job of the server's
# busiest thread groups (request threads "default task", JIT "C# CompilerThre", MDBs "Thread-# (activ…"). Then four
# rounds of 30,000 requests to the bench WAR's /bench/floor: the same login and HTTP, no JAX-RS, no JSON, no job.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=${1:-6} n=${2:-8000}
export ERRAND_ADMIN_PASSWORD="bench-$(head -c 12 /dev/urandom | base64 | tr -dc A-Za-z0-9)"
. "$root/bench/server.sh"
ERRAND_BENCH_WAR="$("$root/bench/inprocess.sh")" start_errand 710 errand_jit /tmp/errand-jit-server.log
bench() { ERRAND_SERVER_PID=$errand_pid "$root/bench/run.sh" "$@" --url="http://127.0.0.1:$errand_port" \
    --jdbc=jdbc:postgresql://127.0.0.1:5432/errand_jit --force | grep '^RESULT' \
    | sed -E 's/.* (enqueue_per_s=[^ ]+).* (server_cpu_ms_per_job=[^ ]+).*/\1 \2/'; }
snaps=$(mktemp -d); trap 'rm -rf "$snaps"; kill -- -$errand_group 2>/dev/null || true' EXIT
jobs=10000
echo "== $jobs single jobs after boot"; bench single "$jobs" 16
for round in $(seq 1 "$rounds"); do
    python3 "$root/bench/threads.py" snap "$errand_pid" "$snaps/before"
    echo "== round $round: $n single jobs, $((jobs += n)) since boot"; bench single "$n" 16
    python3 "$root/bench/threads.py" snap "$errand_pid" "$snaps/after"
    python3 "$root/bench/threads.py" diff "$snaps/before" "$snaps/after" "$n"
done
echo "== the floor: POST /bench/floor, 16 clients"
for round in 1 2 3 4; do
    java "$root/bench/FloorLoad.java" "http://127.0.0.1:$errand_port/bench/floor" 30000 16 "$errand_pid"
done
