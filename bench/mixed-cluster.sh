#!/usr/bin/env bash
# bench/mixed-cluster.sh [JOBS=2000]
#   A mixed WildFly + Payara cluster, as docs/cluster.md "A mixed cluster" records it: node 1 on WildFly, node 2 on
#   Payara (ERRAND_SERVER=payara server-config/errand cluster start 2), JOBS errand.noop jobs submitted over the REST
#   API in batches of 250, half to each node; then, from the cluster's database, the SUCCEEDED events per server (the
#   history's server), jobs lost and jobs finished twice. Its own database errand_mixed and directory
#   target/mixed-cluster; nodes on 10080 (WildFly) and 10180 (Payara), brokers on 63616/63617
#   (ERRAND_PORT_OFFSET=2000). It starts servers: run it under the
#   IT lock, `flock /tmp/errand-it.lock bench/mixed-cluster.sh`; it stops the cluster when it ends, however it ends.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jobs="${1:-2000}"
db=errand_mixed
export ERRAND_SERVER=payara ERRAND_CLUSTER_DIR="$root/target/mixed-cluster" ERRAND_PORT_OFFSET=2000
export ERRAND_BROKER_CONSOLE_PORT=none ERRAND_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db"
# the administrator's password reaches the nodes and curl through the environment and a pipe, never a command line
if [[ -z "${ERRAND_ADMIN_PASSWORD:-}" ]]; then
    ERRAND_ADMIN_PASSWORD="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
fi
export ERRAND_ADMIN_PASSWORD

"$root/server-config/postgres/ensure-db.sh" --fresh "$db"
rm -rf "$ERRAND_CLUSTER_DIR"
trap '"$root/server-config/errand" cluster stop' EXIT
started=$SECONDS
"$root/server-config/errand" cluster start 2
echo "mixed: cluster UP in $((SECONDS - started)) s"
mapfile -t nodes <"$ERRAND_CLUSTER_DIR/nodes"

sql() { psql -X -q -h 127.0.0.1 -U postgres -d "$db" -Atc "$1"; }
api() { curl -sS -K <(printf 'user = "admin:%s"\n' "$ERRAND_ADMIN_PASSWORD") "$@"; }

for node in "${nodes[@]}"; do
    echo "mixed: $node/health $(curl -sS "$node/health")"
done
echo "mixed: ${nodes[0]}/api/servers $(api "${nodes[0]}/api/servers")"

queue="mixed-$(date +%s)"
job="{\"type\":\"errand.noop\",\"queue\":\"$queue\"}"
batch=250
t0=$SECONDS
for ((b = 0; b * batch < jobs; b++)); do
    node="${nodes[$((b % ${#nodes[@]}))]}"
    size=$((jobs - b * batch < batch ? jobs - b * batch : batch))
    body="$(for ((i = 0; i < size; i++)); do printf '%s,' "$job"; done)"
    status="$(printf '[%s]' "${body%,}" \
        | api -o /dev/null -w '%{http_code}' -H 'Content-Type: application/json' --data-binary @- "$node/api/jobs/batch")"
    [[ "$status" == 201 ]] || { echo "mixed: batch $b of $size to $node: HTTP $status" >&2; exit 1; }
done
echo "mixed: $jobs jobs accepted (201) in $((SECONDS - t0)) s, batches of $batch alternating ${nodes[*]}"

for i in $(seq 1 300); do
    left="$(sql "SELECT COUNT(*) FROM errand.job WHERE queue = '$queue' AND state <> 'SUCCEEDED'")"
    [[ "$left" == 0 ]] && break
    sleep 1
done
echo "mixed: drained after $((SECONDS - t0)) s; $left not SUCCEEDED"
echo "mixed: jobs per state: $(sql "SELECT string_agg(state || '=' || n, ', ') FROM (SELECT state, COUNT(*) n FROM errand.job WHERE queue = '$queue' GROUP BY state ORDER BY state) s")"
echo "mixed: SUCCEEDED events per server: $(sql "SELECT string_agg(server_id || '=' || n, ', ') FROM (SELECT e.server_id, COUNT(*) n FROM errand.job_event e JOIN errand.job j ON j.id = e.job_id WHERE j.queue = '$queue' AND e.state = 'SUCCEEDED' GROUP BY e.server_id ORDER BY e.server_id) s")"
echo "mixed: jobs stored by server (first event): $(sql "SELECT string_agg(server_id || '=' || n, ', ') FROM (SELECT e.server_id, COUNT(*) n FROM errand.job_event e JOIN errand.job j ON j.id = e.job_id WHERE j.queue = '$queue' AND e.state = 'ENQUEUED' GROUP BY e.server_id ORDER BY e.server_id) s")"
echo "mixed: jobs lost (accepted, not SUCCEEDED): $((jobs - $(sql "SELECT COUNT(*) FROM errand.job WHERE queue = '$queue' AND state = 'SUCCEEDED'")))"
echo "mixed: jobs with two or more SUCCEEDED events: $(sql "SELECT COUNT(*) FROM (SELECT e.job_id FROM errand.job_event e JOIN errand.job j ON j.id = e.job_id WHERE j.queue = '$queue' AND e.state = 'SUCCEEDED' GROUP BY e.job_id HAVING COUNT(*) > 1) t")"
id="$(sql "SELECT MIN(id) FROM errand.job WHERE queue = '$queue'")"
echo "mixed: ${nodes[1]}/api/jobs/$id $(api "${nodes[1]}/api/jobs/$id")"
# one timer per recurring job across both timer stores (WildFly's jboss_ejb_timer, Payara's EJB__TIMER__TBL)
echo "mixed: recurring jobs $(sql "SELECT COUNT(*) FROM errand.recurring_job"), timers: WildFly's $(sql "SELECT COUNT(*) FROM jboss_ejb_timer"), Payara's $(sql 'SELECT COUNT(*) FROM "EJB__TIMER__TBL"')"
echo "mixed: warnings in the Payara node's log: $(grep -c -E 'SEVERE|WARNING' "$ERRAND_CLUSTER_DIR/node-2/log/server.log" || true)"
