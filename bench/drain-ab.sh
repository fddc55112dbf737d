#!/usr/bin/env bash
# An A/B of the drain alone (bench/results/2026-12-04c.md): for each side in the order given, a fresh server and
# database (bench/server.sh), a warm-up batch, then two drains of a backlog with the workers stopped while it is
# built, as compare.sh's drain. Run it under the shared lock, one round at a time, and interleave the rounds.
#
#   bench/drain-ab.sh LABEL=WAR [LABEL=WAR ...]     e.g. old=/tmp/old.war new=target/errand.war
#   N (50000), WARMUP (20000): the drain's backlog and the warm-up batch
#   ERRAND_BENCH_CLI, ERRAND_BENCH_JAVA_OPTS: as in bench/server.sh, for every side of this run
#   JFR=1: a flight recording (settings=profile) of the second drain, LABEL-drain2.jfr
#   ERRAND_ROOT: the checkout whose target/server and bench scripts to use (default: this script's own)
#   PGSS=1: pg_stat_statements of the second drain, LABEL-pgss.txt (PostgreSQL must preload the library)
#   SINGLE=N: then the single path on the same server: latency (200 jobs one at a time), N single submissions by 16 clients
#
# Prints one line per drain: label, jobs/s, CPU ms per job of the server, of all PostgreSQL processes and of the
# machine (all three over the whole scenario, enqueue included), claim and outcome p50 from /metrics where the WAR
# has them. The logs go to bench/results/<timestamp>-drain/.
set -euo pipefail
root="${ERRAND_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
n=${N:-50000} warmup=${WARMUP:-20000} offset=710 db=errand_drainab
out="$root/bench/results/$(date +%Y%m%d-%H%M%S)-drain"; mkdir -p "$out"
export PGHOST=127.0.0.1 PGUSER=postgres
export ERRAND_ADMIN_PASSWORD="bench-$(head -c 12 /dev/urandom | base64 | tr -dc A-Za-z0-9)"
. "$root/bench/server.sh"

# CPU ticks (100 a second) of all PostgreSQL processes alive now, and of the whole machine (not idle, not iowait)
pg_ticks() { cat /proc/$(pgrep -d ' /proc/' -x postgres | sed 's| /proc/|/stat /proc/|g')/stat 2>/dev/null \
                 | awk '{ t += $14 + $15 } END { print t + 0 }'; }
machine_ticks() { awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 }' /proc/stat; }
per_job() { echo "scale=3; ($2 - $1) * 10 / $3" | bc; }   # ms per job from ticks
field() { sed -nE "s/.* $1=([^ ]+).*/\1/p" <<<"$2"; }

for side in "$@"; do
    label=${side%%=*}
    ERRAND_BENCH_WAR=${side#*=} start_errand "$offset" "$db" "$out/$label-server.log" >/dev/null
    bench() { ERRAND_SERVER_PID=$errand_pid "$root/bench/run.sh" "$@" --url="http://127.0.0.1:$errand_port" \
                  --jdbc="jdbc:postgresql://127.0.0.1:5432/$db" --force; }
    bench batch "$warmup" 1000 > "$out/$label-warmup.log" 2>&1 || true
    mdb="/deployment=errand.war/subsystem=ejb3/message-driven-bean=JobWorker"
    for i in 1 2; do
        if [[ $i == 2 && ${JFR:-0} == 1 ]]; then
            jcmd "$errand_pid" JFR.start name=drain settings=profile filename="$out/$label-drain2.jfr" >/dev/null
        fi
        if [[ $i == 2 && ${PGSS:-0} == 1 ]]; then
            psql -q -d "$db" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements" -c "SELECT pg_stat_statements_reset()" >/dev/null
        fi
        curl -s -u "admin:$ERRAND_ADMIN_PASSWORD" "http://127.0.0.1:$errand_port/metrics" > "$out/$label-$i.before" || true
        pg0=$(pg_ticks) m0=$(machine_ticks)
        ERRAND_BENCH_PAUSE_CMD="$errand_cli --command='$mdb:stop-delivery' >/dev/null" \
        ERRAND_BENCH_RESUME_CMD="$errand_cli --command='$mdb:start-delivery' >/dev/null" \
            bench drain "$n" > "$out/$label-drain$i.log" 2>&1 || true
        curl -s -u "admin:$ERRAND_ADMIN_PASSWORD" "http://127.0.0.1:$errand_port/metrics" > "$out/$label-$i.after" || true
        stages=$(python3 "$root/bench/stages.py" "$out/$label-$i.before" "$out/$label-$i.after" x 2>/dev/null \
                     | grep '^stages\.' || true)
        pg1=$(pg_ticks) m1=$(machine_ticks)
        line=$(grep '^RESULT ' "$out/$label-drain$i.log" | tail -1)
        if [[ $i == 2 && ${JFR:-0} == 1 ]]; then jcmd "$errand_pid" JFR.stop name=drain >/dev/null; fi
        if [[ $i == 2 && ${PGSS:-0} == 1 ]]; then
            psql -d "$db" -c "SELECT calls, round(total_exec_time) AS total_ms, round(mean_exec_time::numeric, 3) AS mean_ms,
                rows, left(regexp_replace(query, '\s+', ' ', 'g'), 160) AS query FROM pg_stat_statements
                WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
                ORDER BY total_exec_time DESC LIMIT 40" > "$out/$label-pgss.txt"
        fi
        echo "drain-ab $label drain$i drain_per_s=$(field drain_per_s "$line") cpu_ms_per_job=$(field server_cpu_ms_per_job "$line")" \
             "pg_cpu_ms_per_job=$(per_job "$pg0" "$pg1" "$n") machine_cpu_ms_per_job=$(per_job "$m0" "$m1" "$n")" \
             "done_at_enqueue_end=$(field done_at_enqueue_end "$line") failed=$(field failed "$line")" \
             "claim_p50_ms=$(field claim_p50_ms "$stages") outcome_p50_ms=$(field outcome_p50_ms "$stages")" \
             "load=$(cut -d' ' -f1 /proc/loadavg)" | tee -a "$out/results.txt"
    done
    if [[ ${SINGLE:-0} != 0 ]]; then
        # the single path on the same server after its drains: latency one job at a time, then 16 clients
        for scenario in "latency 200" "single $SINGLE 16"; do
            set -- $scenario
            bench "$@" > "$out/$label-$1.log" 2>&1 || true
            echo "drain-ab $label $(grep '^RESULT ' "$out/$label-$1.log" | tail -1) load=$(cut -d' ' -f1 /proc/loadavg)" \
                | tee -a "$out/results.txt"
        done
    fi
    kill -- -"$errand_group" 2>/dev/null || true
    wait "$errand_group" 2>/dev/null || true
done
