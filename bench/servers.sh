#!/usr/bin/env bash
# bench/servers.sh: the same WAR on WildFly (embedded broker) and on Payara (standalone Artemis broker), one after
# the other, each with a 1 GiB heap and a database of its own: boot time with the WAR deployed (to /health UP) and
# the bench/ scenarios, printed side by side.
#
#   mvn -q -Ppayara -DskipTests package && bench/servers.sh      # ~10 minutes; QUICK=1 for a smoke run
#
# The drain runs with the workers on for both servers (Payara has no management call that pauses one MDB), so its
# figure is the backlog left when the enqueue ended, divided by the time it took to empty.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$root/bench/results/servers-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$out"
export PGHOST=127.0.0.1 PGUSER=postgres
export ERRAND_ADMIN_PASSWORD="bench-$(head -c 12 /dev/urandom | base64 | tr -dc A-Za-z0-9)"
if [[ "${QUICK:-0}" == 1 ]]; then scenarios=("latency 20" "single 1000 16" "batch 5000 1000" "drain 5000")
else scenarios=("latency 200" "single 10000 16" "batch 50000 1000" "drain 50000"); fi

scenarios_against() { # LABEL URL DB PID
    local label=$1 url=$2 db=$3 pid=$4 s
    local args=(--url="$url" --jdbc="jdbc:postgresql://127.0.0.1:5432/$db" --force)
    # warm-up, not recorded: both servers compile their hot paths before the figures are taken
    "$root/bench/run.sh" single 3000 16 "${args[@]}" >/dev/null 2>&1 || true
    "$root/bench/run.sh" batch 10000 1000 "${args[@]}" >/dev/null 2>&1 || true
    for s in "${scenarios[@]}"; do
        # shellcheck disable=SC2086
        ERRAND_SERVER_PID=$pid "$root/bench/run.sh" $s "${args[@]}" 2>&1 | grep '^RESULT' | sed "s/^/$label /" \
            | tee -a "$out/results.txt" || true
    done
}

# --- WildFly ---------------------------------------------------------------------------------------------------
. "$root/bench/server.sh"
start_errand 700 errand_bench "$out/wildfly.log"
echo "wildfly boot_s=$boot_s" >> "$out/results.txt"
scenarios_against wildfly "http://127.0.0.1:$errand_port" errand_bench "$errand_pid"
kill -- -"$errand_group"; wait "$errand_group" 2>/dev/null || true; trap - EXIT

# --- Payara + standalone broker, on ports and a domain of their own ----------------------------------------------
export ERRAND_PAYARA_DOMAIN=errand-bench ERRAND_PAYARA_PORTBASE=16000 ERRAND_BROKER_PORT=62116 \
       ERRAND_BROKER_CONSOLE_PORT=none ERRAND_BROKER_INSTANCE="$root/target/artemis-bench" \
       ERRAND_DB_URL=jdbc:postgresql://127.0.0.1:5432/errand_bench_payara
unset ERRAND_BROKER_PASSWORD ERRAND_PAYARA_ADMIN_PASSWORD
payara="$root/server-config/payara/payara.sh" broker="$root/server-config/artemis/broker.sh"
domain_dir="$root/target/payara/glassfish/domains/$ERRAND_PAYARA_DOMAIN"
"$payara" stop >/dev/null; "$broker" stop >/dev/null 2>&1 || true
rm -rf "$domain_dir" "$ERRAND_BROKER_INSTANCE"
"$root/server-config/postgres/ensure-db.sh" --fresh errand_bench_payara >/dev/null
trap '"$payara" stop >/dev/null 2>&1; "$broker" stop >/dev/null 2>&1' EXIT
"$broker" start > "$out/broker.log"
"$payara" deploy > "$out/payara-deploy.log"
asadmin=("$root/target/payara/bin/asadmin" --port $((ERRAND_PAYARA_PORTBASE + 48)) --user admin
         --passwordfile "$domain_dir/config/errand-asadmin-passwordfile" --interactive=false)
"${asadmin[@]}" delete-jvm-options -Xmx512m >/dev/null 2>&1 || true
"${asadmin[@]}" create-jvm-options -Xms1g:-Xmx1g >/dev/null 2>&1 || true
"$payara" stop >/dev/null
start=$(date +%s.%N)
"$root/target/payara/bin/asadmin" --interactive=false start-domain "$ERRAND_PAYARA_DOMAIN" >/dev/null </dev/null
url="http://127.0.0.1:$((ERRAND_PAYARA_PORTBASE + 80))"
until curl -sf "$url/health" >/dev/null; do sleep 0.2; done
echo "payara boot_s=$(echo "$(date +%s.%N) - $start" | bc)" | tee -a "$out/results.txt"
pid=$(pgrep -f "java .*domains/$ERRAND_PAYARA_DOMAIN" | head -1)
scenarios_against payara "$url" errand_bench_payara "$pid"

python3 - "$out/results.txt" <<'PY' | tee "$out/summary.txt"
import sys, re
rows = {}
for line in open(sys.argv[1]):
    server, rest = line.split(" ", 1)
    kv = dict(re.findall(r"(\w+)=(\S+)", rest))
    rows.setdefault(server, {}).update({f"{kv.get('scenario', 'boot')}.{k}": v for k, v in kv.items()})
def g(server, key):
    v = rows.get(server, {}).get(key, "-")
    try: return f"{float(v):,.1f}" if float(v) < 100 else f"{float(v):,.0f}"
    except ValueError: return v
lines = [("boot with the WAR deployed, to /health UP (s)", "boot.boot_s"),
         ("enqueue → start p50 / p99, idle (ms)", ("latency.p50_ms", "latency.p99_ms")),
         ("single REST enqueue → done, 16 clients (jobs/s)", "single.e2e_per_s"),
         ("server CPU per job, single (ms)", "single.server_cpu_ms_per_job"),
         ("batch enqueue → all done (jobs/s)", "batch.e2e_per_s"),
         ("drain of the backlog left after the enqueue (jobs/s)", "drain.drain_per_s"),
         ("server CPU per job, drain (ms)", "drain.server_cpu_ms_per_job")]
print("| scenario | WildFly 39 (embedded Artemis) | Payara 6 (standalone Artemis) |\n|---|---|---|")
for label, key in lines:
    cell = lambda s: " / ".join(g(s, k) for k in key) if isinstance(key, tuple) else g(s, key)
    print(f"| {label} | {cell('wildfly')} | {cell('payara')} |")
PY
