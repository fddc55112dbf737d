#!/usr/bin/env bash
# Errand side by side with db-scheduler and JobRunr (../shared/peers-bench) on the same PostgreSQL, in one run:
# scenarios interleaved (Errand, db-scheduler, JobRunr for each), ROUNDS times, then one table with ratios.
#
#   bench/compare.sh [ROUNDS]        default 1 (~12 min a round on 2 cores)
#   QUICK=1 bench/compare.sh 1       small N, a smoke test of the script itself
#
# Needs `mvn package` done (target/server with errand.war), PostgreSQL on 127.0.0.1:5432 (trust, user postgres).
# Errand runs from target/server with its own base directory and database (errand_bench), so a running
# `server-config/errand run` is not disturbed as long as it is not on port 8080 + 700.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
rounds=${1:-1}
peers_src=${PEERS_DIR:-$root/../shared/peers-bench}
peers=${PEERS_BUILD:-/tmp/errand-peers-bench}
out="$root/bench/results/$(date +%Y%m%d-%H%M%S)"
mkdir -p "$out"
results="$out/results.txt"; : > "$results"
export PGHOST=127.0.0.1 PGUSER=postgres

if [[ "${QUICK:-0}" == 1 ]]; then N1=1000; N2=5000; LAT=20; else N1=10000; N2=50000; LAT=200; fi
offset=700
export ERRAND_ADMIN_PASSWORD="bench-$(head -c 12 /dev/urandom | base64 | tr -dc A-Za-z0-9)"

# --- peers: build a copy (shared/ may be read-only) ------------------------------------------------------------
if [[ ! -f "$peers/target/peers-bench.jar" ]]; then
    rm -rf "$peers"; cp -r "$peers_src" "$peers"
    (cd "$peers" && mvn -q -B package)
fi
"$root/server-config/postgres/ensure-db.sh" bench_peers >/dev/null
peer() { (cd "$peers" && timeout 320 java -Xms512m -Xmx2g -XX:+UseG1GC -Dorg.slf4j.simpleLogger.defaultLogLevel=warn \
          -Djava.library.path=target/native/lib/linux-x86_64 -cp 'target/peers-bench.jar:target/lib/*' "$@"); }

# --- Errand: a server of its own ----------------------------------------------------------------------------
. "$root/bench/server.sh"
ERRAND_BENCH_WAR="$("$root/bench/inprocess.sh")" start_errand "$offset" errand_bench "$out/errand-server.log"
pid=$errand_pid port=$errand_port cli=$errand_cli
mdb="/deployment=errand.war/subsystem=ejb3/message-driven-bean=JobWorker"

scrape() { curl -s -u "admin:$ERRAND_ADMIN_PASSWORD" "http://127.0.0.1:$port/metrics" > "$1" || true; }
wal() { psql -d postgres -Atc "select wal_sync from pg_stat_wal"; }
errand() { # NAME ARGS...
    local name=$1; shift
    local w0; w0=$(wal); heap_mark; scrape "$out/metrics-$name.before"
    ERRAND_SERVER_PID=$pid "$root/bench/run.sh" "$@" --url="http://127.0.0.1:$port" \
        --jdbc=jdbc:postgresql://127.0.0.1:5432/errand_bench --force > "$out/errand-$name.log" 2>&1 || true
    scrape "$out/metrics-$name.after"
    # the latency budget of the scenario: stage times from the server's own histograms (docs/performance.md)
    python3 "$root/bench/stages.py" "$out/metrics-$name.before" "$out/metrics-$name.after" "$name" \
        > "$out/stages-$name.txt" || true
    grep "^stages\." "$out/stages-$name.txt" >> "$out/stages.txt" || true
    local n line; line=$(grep '^RESULT ' "$out/errand-$name.log" | tail -1)
    n=$(sed -E 's/.* n=([0-9]+).*/\1/' <<<"$line")
    echo "errand.$name $line wal_syncs_per_item=$(echo "scale=3; ($(wal) - $w0) / $n" | bc) heap_max_mb=$(heap_max_since_mark)" \
        | tee -a "$results"
}
peerrun() { # NAME CLASS ARGS...
    local name=$1; shift
    peer "$@" > "$out/$name.log" 2>&1 || true
    echo "$name $(grep '^RESULT ' "$out/$name.log" | tail -1)" | tee -a "$results"
}

# The peers run in fresh JVMs that compile little before their hot loop. A WildFly serving HTTP has far more hot code,
# and on two cores its one C2 compiler thread stays minutes behind: after 15,000 single jobs it still burned ~1.1 ms of
# CPU per job with thousands of methods queued (docs/performance.md, "The JIT on two cores"). So Errand is warm when
# its compiler threads are quiet: warm-up rounds (single and batch traffic, unrecorded) until the compilers' share of
# the server's CPU in a round is under JIT_QUIET_PCT, at most WARMUP_MAX rounds; the line says how long that took.
# The first minute after boot as its own line: a user's first submissions meet a JVM that has compiled nothing yet.
echo "== first run after boot"
errand cold single "$N1" 16
ticks() { python3 "$root/bench/threads.py" ticks "$pid" "$1"; } # CPU ticks of the server's threads named like $1
echo "== warm-up until the JIT is quiet (not recorded beyond its summary line)"
warm_start=$(date +%s); warm_jobs=0; jit_pct=100
for w in $(seq 1 "${WARMUP_MAX:-8}"); do
    j0=$(ticks 'C[12] CompilerThre'); c0=$(ticks .)
    ERRAND_SERVER_PID=$pid "$root/bench/run.sh" single $((N1 / 2)) 16 --url="http://127.0.0.1:$port" \
        --jdbc=jdbc:postgresql://127.0.0.1:5432/errand_bench --force >> "$out/errand-warmup.log" 2>&1 || true
    ERRAND_SERVER_PID=$pid "$root/bench/run.sh" batch $((N2 / 5)) 1000 --url="http://127.0.0.1:$port" \
        --jdbc=jdbc:postgresql://127.0.0.1:5432/errand_bench --force >> "$out/errand-warmup.log" 2>&1 || true
    j1=$(ticks 'C[12] CompilerThre'); c1=$(ticks .)
    warm_jobs=$((warm_jobs + N1 / 2 + N2 / 5))
    jit_pct=$(( (j1 - j0) * 100 / (c1 - c0 > 0 ? c1 - c0 : 1) ))
    echo "warm-up round $w: the compilers used $jit_pct % of the server's CPU" | tee -a "$out/errand-warmup.log"
    (( jit_pct < ${JIT_QUIET_PCT:-10} )) && break
done
echo "errand.warmup rounds=$w jobs=$warm_jobs seconds=$(( $(date +%s) - warm_start )) jit_pct_last=$jit_pct" \
    | tee -a "$results"

for round in $(seq 1 "$rounds"); do
    echo "== round $round ($(date +%T), load $(cut -d' ' -f1 /proc/loadavg))"
    errand latency latency "$LAT"
    peerrun dbsched.latency -Ddbs.immediate=true bench.DbSchedulerBench latency "$LAT"
    peerrun jobrunr.latency bench.JobRunrBench latency "$LAT"
    errand single single "$N1" 16
    errand inprocess inprocess "$N1" 16
    peerrun dbsched.single bench.DbSchedulerBench throughput "$N1"
    peerrun jobrunr.single bench.JobRunrBench throughput "$N1"
    errand batch batch "$N2" 1000
    peerrun dbsched.batch bench.DbSchedulerBench batch "$N2"
    peerrun jobrunr.batch bench.JobRunrBench batch "$N2"
    ERRAND_BENCH_PAUSE_CMD="$cli --command='$mdb:stop-delivery' >/dev/null" \
    ERRAND_BENCH_RESUME_CMD="$cli --command='$mdb:start-delivery' >/dev/null" errand drain drain "$N2"
    peerrun dbsched.drain bench.DbSchedulerBench drain "$N2"
    peerrun jobrunr.drain bench.JobRunrBench drain "$N2"
done

python3 "$root/bench/summary.py" "$results" "$boot_s" | tee "$out/summary.txt"
echo; echo "Latency budget of the last round (ms; per message where the stage is; docs/performance.md):"
for f in "$out"/stages-{latency,single,batch,drain}.txt; do
    if [[ -f $f ]]; then echo "-- $(basename "$f" .txt | sed 's/stages-//')"; grep -v '^stages\.' "$f" || true; fi
done | tee -a "$out/summary.txt"
