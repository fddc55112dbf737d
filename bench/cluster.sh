#!/usr/bin/env bash
# bench/cluster.sh [JOBS=20000]
#   The drain of JOBS jobs on a cluster of two WildFly nodes on a shared-store broker pair (server-config/cluster.sh),
#   then on one node of it (node 2 stopped), after an unrecorded warm-up drain, each with the CPU of every process (both nodes, the live broker, all of
#   PostgreSQL) and PostgreSQL's WAL flushes (pg_stat_wal) per job; docs/scaling.md. Its own database
#   errand_bench_cluster and directory target/bench-cluster; nodes on 9080/9180, brokers on 62616/62617 (the
#   cluster ITs' ports: do not run both at once). Needs `mvn -DskipTests package` first.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="${1:-20000}"
db=errand_bench_cluster
export ERRAND_CLUSTER_DIR="$root/target/bench-cluster" ERRAND_PORT_OFFSET=1000 ERRAND_BROKER_PORT=62616
export ERRAND_BROKER_CONSOLE_PORT=none ERRAND_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db"
export ERRAND_ADMIN_PASSWORD="${ERRAND_ADMIN_PASSWORD:-bench-admin-secret}"
cluster="$root/server-config/cluster.sh"

"$root/server-config/postgres/ensure-db.sh" --fresh "$db"
rm -rf "$ERRAND_CLUSTER_DIR"
trap '"$cluster" stop' EXIT
"$cluster" start 2

ticks() { awk '{ print $14 + $15 }' "/proc/$1/stat"; }
postgres_ticks() { local t=0 p; for p in $(pgrep -u postgres postgres); do t=$((t + $(ticks "$p" 2>/dev/null || echo 0))); done; echo "$t"; }
wal() { psql -X -h 127.0.0.1 -U postgres -d "$db" -Atc "SELECT wal_records || ' ' || wal_sync FROM pg_stat_wal"; }

# one drain: CPU ms per job of each process, WAL records and flushes per job, jobs per server
measure() {
    local label="$1" nodes="$2" k before_cpu=() after_cpu=() broker pg0 pg1 w0 w1
    broker="$(cat "$ERRAND_CLUSTER_DIR/broker-primary/data/artemis.pid")"
    for k in $nodes; do before_cpu+=("$(ticks "$(cat "$ERRAND_CLUSTER_DIR/node-$k/server.pid")")"); done
    local b0 t0; b0="$(ticks "$broker")"; pg0="$(postgres_ticks)"; w0="$(wal)"; t0="$(date -u '+%F %T')"
    "$root/bench/run.sh" drain "$jobs" --url=http://127.0.0.1:9080 --jdbc="$ERRAND_DB_URL" | grep -v '^RESULT'
    for k in $nodes; do after_cpu+=("$(ticks "$(cat "$ERRAND_CLUSTER_DIR/node-$k/server.pid")")"); done
    local b1; b1="$(ticks "$broker")"; pg1="$(postgres_ticks)"; w1="$(wal)"
    local i=0 line="$label:"
    for k in $nodes; do
        line+=" node $k $(awk -v a="${before_cpu[$i]}" -v b="${after_cpu[$i]}" -v n="$jobs" 'BEGIN { printf "%.3f", (b - a) * 10 / n }') ms/job,"
        i=$((i + 1))
    done
    line+=" broker $(awk -v a="$b0" -v b="$b1" -v n="$jobs" 'BEGIN { printf "%.3f", (b - a) * 10 / n }') ms/job,"
    line+=" PostgreSQL $(awk -v a="$pg0" -v b="$pg1" -v n="$jobs" 'BEGIN { printf "%.3f", (b - a) * 10 / n }') ms/job,"
    read -r r0 s0 <<<"$w0"; read -r r1 s1 <<<"$w1"
    line+=" WAL $(awk -v a="$r0" -v b="$r1" -v n="$jobs" 'BEGIN { printf "%.1f", (b - a) / n }') records/job,"
    line+=" $(awk -v a="$s0" -v b="$s1" -v n="$jobs" 'BEGIN { printf "%.3f", (b - a) / n }') flushes/job"
    echo "$line"
    psql -X -h 127.0.0.1 -U postgres -d "$db" -Atc "SELECT '  SUCCEEDED per server: ' || string_agg(server_id || '=' || n, ', ')
        FROM (SELECT server_id, COUNT(*) n FROM errand.job_event WHERE state = 'SUCCEEDED'
              AND at > '$t0+00' GROUP BY server_id) s"
}

# warm-up, unrecorded: both nodes' JIT, pools and the broker's journal files
"$root/bench/run.sh" drain "$((jobs / 2))" --url=http://127.0.0.1:9180 --jdbc="$ERRAND_DB_URL" >/dev/null
measure "two nodes" "1 2"
node2="$(cat "$ERRAND_CLUSTER_DIR/node-2/server.pid")"
kill -TERM "$node2"
while kill -0 "$node2" 2>/dev/null; do sleep 1; done
measure "one node" "1"
