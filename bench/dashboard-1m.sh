#!/usr/bin/env bash
# bench/dashboard-1m.sh: the dashboard's queries with 1,000,000 jobs stored, timed server side.
#
#   1. starts Errand (target/server, built by `mvn -DskipTests package`) on its own database and ports,
#      so that Flyway creates the schema, V4's counters and triggers included;
#   2. seeds 1,000,000 jobs in one INSERT ... SELECT generate_series (the triggers count them as they go);
#   3. times, with curl against the running server (median of 7), the overview counts (/api/stats), the
#      history (/api/stats/history), the first page of every list (per state, with a type and a queue
#      filter, dead-lettered), and shows EXPLAIN ANALYZE of the counter read and of a list query;
#   4. measures what the counter triggers cost concurrent workers (pgbench: 8 clients moving jobs between
#      states, with V4's triggers, without any, and with one hot counter row per state for comparison).
#
# Env: BENCH_DB (errand_bench_dashboard), BENCH_PORT_OFFSET (730 → HTTP 8810), BENCH_ROWS (1000000).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

db="${BENCH_DB:-errand_bench_dashboard}"
offset="${BENCH_PORT_OFFSET:-730}"
rows="${BENCH_ROWS:-1000000}"
port=$((8080 + offset))
url="http://127.0.0.1:$port"
password="bench-admin-$RANDOM$RANDOM"
auth="admin:$password"
export PGHOST="${PGHOST:-127.0.0.1}" PGUSER="${PGUSER:-postgres}"
psql_db() { psql -X -q -v ON_ERROR_STOP=1 -d "$db" "$@"; }

[[ -f target/server/jboss-modules.jar ]] || { echo "build first: mvn -B -ntp -DskipTests package" >&2; exit 1; }
server-config/postgres/ensure-db.sh --fresh "$db"

if curl -s -o /dev/null "$url/health"; then echo "port $port is taken: set BENCH_PORT_OFFSET" >&2; exit 1; fi
base="$(mktemp -d /tmp/errand-dashboard-bench-XXXXXX)"
cp -r target/server/standalone/configuration target/server/standalone/deployments "$base/"
echo "== starting Errand on $url (log: $base/log/server.log)"
ERRAND_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" ERRAND_ADMIN_PASSWORD="$password" \
    setsid target/server/bin/standalone.sh -c standalone-full.xml -Djboss.server.base.dir="$base" \
    -Djboss.socket.binding.port-offset="$offset" >"$base/console.out" 2>&1 &
server=$!
trap 'kill -- -$server 2>/dev/null || true; wait $server 2>/dev/null || true; rm -rf "$base"' EXIT
migrated() { [[ "$(psql_db -Atc "SELECT to_regclass('errand.job_count') IS NOT NULL" 2>/dev/null)" == t ]]; }
for _ in $(seq 1 180); do
    curl -fs "$url/health" >/dev/null 2>&1 && migrated && break
    sleep 1
done
curl -fs "$url/health" >/dev/null && migrated || { echo "Errand did not start" >&2; tail -50 "$base/console.out" >&2; exit 1; }

echo "== seeding $rows jobs"
start=$(date +%s.%N)
psql_db <<SQL
INSERT INTO errand.job (id, type, queue, args, state, attempt, max_attempts, dispatch, created_at, scheduled_at,
                        started_at, finished_at, updated_at, server_id, error)
SELECT g,
       (ARRAY['email.welcome','invoice.render','report.nightly','errand.noop','errand.fail'])[1 + g % 5],
       (ARRAY['default','mail','reports'])[1 + g % 3],
       '{"n":' || g || '}',
       s.state, 1, 10, 1,
       now() - make_interval(secs => ($rows - g) * 0.6),
       CASE WHEN s.state = 'SCHEDULED' THEN now() + interval '1 hour' END,
       now() - make_interval(secs => ($rows - g) * 0.6),
       CASE WHEN s.state IN ('SUCCEEDED','FAILED','DELETED') THEN now() - make_interval(secs => ($rows - g) * 0.6) END,
       now() - make_interval(secs => ($rows - g) * 0.6),
       'bench',
       CASE WHEN s.state = 'FAILED' THEN
            CASE WHEN g % 1000 = 0 THEN 'dead-lettered: the broker gave up' ELSE 'java.lang.IllegalStateException: boom' END
       END
FROM generate_series(1, $rows) g
CROSS JOIN LATERAL (SELECT CASE WHEN g % 100 < 90 THEN 'SUCCEEDED' WHEN g % 100 < 95 THEN 'FAILED'
                                WHEN g % 100 < 97 THEN 'ENQUEUED' WHEN g % 100 < 99 THEN 'SCHEDULED'
                                ELSE 'DELETED' END AS state) s;
SELECT setval('errand.job_id_seq', $rows + 1000);
ANALYZE errand.job;
SQL
echo "seeded in $(echo "$(date +%s.%N) - $start" | bc) s (one statement; the statement-level triggers included)"
# the ticker folds the deltas within a second; wait until it has
for _ in $(seq 1 20); do
    [[ "$(psql_db -Atc 'SELECT COUNT(*) FROM errand.job_count_delta')" == 0 ]] && break
    sleep 0.5
done
psql_db -c "SELECT state, n FROM errand.job_count ORDER BY state"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
timed() {
    local path="$1" t
    curl -fs -o /dev/null -u "$auth" "$url$path" || { echo "FAILED: $path" >&2; return 1; }
    t=$(for _ in 1 2 3 4 5 6 7; do curl -fs -o /dev/null -w '%{time_total}\n' -u "$auth" "$url$path"; done | median)
    printf '%-60s %6.1f ms\n' "$path" "$(echo "$t * 1000" | bc -l)"
}
echo "== server-side answer times, median of 7 (curl time_total on localhost)"
timed /api/stats
timed "/api/stats/history?range=24h"
timed "/api/stats/history?range=7d"
for state in ENQUEUED SCHEDULED SUCCEEDED FAILED DELETED PROCESSING; do timed "/api/jobs?state=$state&limit=50"; done
timed "/api/jobs?limit=50"
timed "/api/jobs?state=FAILED&type=invoice.render&limit=50"
timed "/api/jobs?state=FAILED&queue=mail&limit=50"
timed "/api/jobs?type=report.nightly&limit=50"
timed "/api/jobs?queue=reports&limit=50"
timed "/api/jobs/dead-lettered?limit=50"
timed "/api/jobs?state=SUCCEEDED&limit=50&cursor=500000"
timed "/api/jobs/$((rows / 2))"

echo "== EXPLAIN ANALYZE"
psql_db -c "EXPLAIN ANALYZE SELECT state, SUM(n) FROM (SELECT state, n FROM errand.job_count UNION ALL SELECT state, n FROM errand.job_count_delta) c GROUP BY state"
psql_db -c "EXPLAIN ANALYZE SELECT * FROM errand.job WHERE state = 'FAILED' AND queue = 'mail' ORDER BY id DESC LIMIT 51"
psql_db -c "EXPLAIN ANALYZE SELECT state, COUNT(*) FROM errand.job GROUP BY state" | tail -3
echo "   (the last one is the scan that the counters replace)"

echo "== what the counter triggers cost concurrent workers (pgbench, 8 clients, 20 s each)"
kill -- -$server 2>/dev/null || true; wait $server 2>/dev/null || true
cat >"$base/move.sql" <<SQL
\set id random(1, $rows)
UPDATE errand.job SET state = CASE state WHEN 'SUCCEEDED' THEN 'ENQUEUED' WHEN 'ENQUEUED' THEN 'PROCESSING' ELSE 'SUCCEEDED' END, updated_at = now() WHERE id = :id;
SQL
run_pgbench() { pgbench -n -h "$PGHOST" -U "$PGUSER" -c 8 -j 2 -T 20 -f "$base/move.sql" "$db" 2>/dev/null | grep -E "^tps" | sed 's/ (without initial connection time)//'; }
echo "with the triggers:    $(run_pgbench)"
psql_db -Atc "SELECT 'pending delta rows: ' || COUNT(*) FROM errand.job_count_delta"
psql_db -Atc "SELECT errand.job_stats_rollup()" >/dev/null
psql_db -Atc "SELECT 'states whose counter differs from COUNT(*) after the concurrent run: ' || COUNT(*) FROM
    ((SELECT state, COUNT(*) FROM errand.job GROUP BY state) EXCEPT (SELECT state, n FROM errand.job_count WHERE n <> 0)) d"
psql_db -c "ALTER TABLE errand.job DISABLE TRIGGER USER"
echo "without the triggers: $(run_pgbench)"
# the design V4 avoids, for comparison: one counter row per state, updated by a row trigger
psql_db <<'SQL'
CREATE TABLE errand.hot_count (state varchar(16) PRIMARY KEY, n bigint NOT NULL);
INSERT INTO errand.hot_count SELECT state, COUNT(*) FROM errand.job GROUP BY state;
CREATE FUNCTION errand.hot_after_update() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.state <> OLD.state THEN
        UPDATE errand.hot_count SET n = n - 1 WHERE state = OLD.state;
        UPDATE errand.hot_count SET n = n + 1 WHERE state = NEW.state;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER hot AFTER UPDATE ON errand.job FOR EACH ROW EXECUTE FUNCTION errand.hot_after_update();
SQL
echo "one hot counter row per state instead: $(run_pgbench)"
psql_db -c "DROP TRIGGER hot ON errand.job; DROP FUNCTION errand.hot_after_update(); DROP TABLE errand.hot_count"
psql_db -c "ALTER TABLE errand.job ENABLE TRIGGER USER"
echo "(the bench database's counters are stale now; the next run recreates it)"
