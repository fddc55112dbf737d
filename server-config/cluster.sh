#!/usr/bin/env bash
# Errand on several nodes on this machine (docs/cluster.md): a shared-store Artemis primary/backup pair
# (server-config/artemis/broker.sh) and N WildFly nodes on one PostgreSQL database, each on the standalone brokers
# (server-config/wildfly/external-broker.cli + cluster-broker.cli). Builds nothing: `server-config/errand cluster`
# builds first and makes sure a local database exists.
#
#   cluster.sh start [N]        brokers, then N nodes (default 2); waits until every node's /health is UP
#   cluster.sh stop             stops what start started: the nodes, then the brokers
#   cluster.sh node-start K     starts node K again (after a kill), waits for its /health
#   cluster.sh broker-start primary|backup   starts that broker again
#
# Environment (defaults in parentheses): the server's ERRAND_* variables reach every node (ERRAND_DB_URL,
# ERRAND_DB_USER, ERRAND_DB_PASSWORD, ERRAND_ADMIN_PASSWORD, ...), and
#   ERRAND_SERVER             (wildfly) payara: the last node runs on Payara (server-config/payara/payara.sh, a fresh
#                             domain ERRAND_NODE_ID-node-K in target/payara, needs `mvn -Ppayara package`)
#   ERRAND_PORT_OFFSET        (0) node 1 on 8080 + offset, node K 100 ports further (management 9990 + the same)
#   ERRAND_NODE_ID            (errand) node K is ERRAND_NODE_ID-K
#   ERRAND_BROKER_PORT        (61616 + offset) the primary broker; ERRAND_BROKER_BACKUP_PORT (primary + 1) the backup
#   ERRAND_BROKER_CONSOLE_PORT (8161 + offset; backup + 1) "none": no web consoles
#   ERRAND_BROKER_PASSWORD    (unset: generated once into target/cluster/broker-password, owner-only)
#   ERRAND_SERVER_TIMEOUT (PT20S), ERRAND_HEARTBEAT_INTERVAL (PT5S): a dead node's jobs come back within 25 s
#   ERRAND_CLUSTER_DIR        (target/cluster) node base dirs node-K, broker instances, state; `nodes` lists the URLs
#   ERRAND_QUEUES_NODE<K>     (ERRAND_QUEUES) node K's worker shares instead of ERRAND_QUEUES', e.g.
#                             ERRAND_QUEUES_NODE2=mail:16; set but empty: node K consumes every queue with 32 workers
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
home="$root/target/server"
dir="${ERRAND_CLUSTER_DIR:-$root/target/cluster}"
broker_sh="$root/server-config/artemis/broker.sh"
offset="${ERRAND_PORT_OFFSET:-0}"
prefix="${ERRAND_NODE_ID:-errand}"
host="${ERRAND_BIND_ADDRESS:-127.0.0.1}"
primary_port="${ERRAND_BROKER_PORT:-$((61616 + offset))}"
backup_port="${ERRAND_BROKER_BACKUP_PORT:-$((primary_port + 1))}"
console="${ERRAND_BROKER_CONSOLE_PORT:-$((8161 + offset))}"
server_kind="${ERRAND_SERVER:-wildfly}"
payara_sh="$root/server-config/payara/payara.sh"

db_url="${ERRAND_DB_URL:-jdbc:postgresql://127.0.0.1:5432/errand}"
# `stop`, `node-start` and `broker-start` use the ports, names and database that `start` chose, whatever the
# environment says now
if [[ "${1:-}" != start && -f "$dir/settings" ]]; then
    # shellcheck source=/dev/null
    source "$dir/settings"
    export ERRAND_DB_URL="$db_url"
fi

log() { echo "cluster: $*"; }

http_port() { echo $((8080 + offset + 100 * ($1 - 1))); }
node_url() { echo "http://$host:$(http_port "$1")"; }

# The broker password is shared by both brokers and every node: from the environment, else generated once.
broker_password() {
    if [[ -z "${ERRAND_BROKER_PASSWORD:-}" ]]; then
        if [[ ! -f "$dir/broker-password" ]]; then
            (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=\n' >"$dir/broker-password")
            log "generated the broker password into $dir/broker-password"
        fi
        ERRAND_BROKER_PASSWORD="$(cat "$dir/broker-password")"
    fi
    export ERRAND_BROKER_PASSWORD
}

# broker.sh with one broker of the pair's settings (in a subshell: the variables stay with it)
broker() {
    local role="$1" action="$2" port="$primary_port" peer="$backup_port" web="$console"
    if [[ "$role" == backup ]]; then
        port="$backup_port" peer="$primary_port"
        [[ "$console" == none ]] || web=$((console + 1))
    fi
    (
        export ERRAND_BROKER_HA="$role" ERRAND_BROKER_INSTANCE="$dir/broker-$role" ERRAND_BROKER_STORE="$dir/broker-store"
        export ERRAND_BROKER_HOST="${ERRAND_BROKER_HOST:-127.0.0.1}" ERRAND_BROKER_PORT="$port"
        export ERRAND_BROKER_PEER="${ERRAND_BROKER_HOST}:$peer" ERRAND_BROKER_CONSOLE_PORT="$web"
        "$broker_sh" "$action"
    )
}

# The nodes' configuration, once: target/server's, moved onto the broker pair. Redone when target/server or the
# scripts changed (the nodes' base dirs get a copy at every start).
template() {
    local base="$dir/base" cli="$root/server-config/wildfly"
    if [[ -f "$base/.configured" && "$base/.configured" -nt "$home/standalone/configuration/standalone-full.xml" \
          && "$base/.configured" -nt "$cli/external-broker.cli" && "$base/.configured" -nt "$cli/cluster-broker.cli" ]]; then
        return
    fi
    log "configuring the nodes' server (external-broker.cli, cluster-broker.cli) in $base"
    rm -rf "$base"
    mkdir -p "$base"
    cp -r "$home/standalone/configuration" "$base/"
    rm -rf "$base/configuration/standalone_xml_history"
    local script
    for script in external-broker.cli cluster-broker.cli; do
        JAVA_OPTS="-Djboss.server.base.dir=$base" "$home/bin/jboss-cli.sh" --file="$cli/$script" >"$base/$script.log" 2>&1 \
            || { cat "$base/$script.log" >&2; exit 1; }
    done
    touch "$base/.configured"
}

# Node K's worker shares (docs/cluster.md, "Worker shares per node"): ERRAND_QUEUES_NODE<K> if set (also empty), else
# ERRAND_QUEUES
node_queues() {
    local own="ERRAND_QUEUES_NODE$1"
    printf '%s' "${!own-${ERRAND_QUEUES:-}}"
}
# ERRAND_QUEUES for node K's start (in its subshell): its own shares, or none
export_queues() {
    local queues
    queues="$(node_queues "$1")"
    if [[ -n "$queues" ]]; then export ERRAND_QUEUES="$queues"; else unset ERRAND_QUEUES; fi
}
# The shares of nodes K... checked by the parser the nodes' start runs, before anything starts: a bad one stops here
check_queues() {
    local k queues
    for k in "$@"; do
        queues="$(node_queues "$k")"
        [[ -z "$queues" ]] || "${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$home/bin/errand-lanes.jar" dev.errand.server.WorkerShares "$queues" >/dev/null \
            || { echo "cluster: node $k's worker shares are refused (above)" >&2; exit 2; }
    done
}

node_pid() { cat "$dir/node-$1/server.pid" 2>/dev/null || true; }
alive() { [[ -n "$1" ]] && kill -0 "$1" 2>/dev/null; }

# Starts node K in the background from its base dir (configuration and WAR fresh from the template, data kept);
# the Payara node in the foreground, up to its /health (payara.sh deploy).
launch_node() {
    local k="$1" base="$dir/node-$1"
    if alive "$(node_pid "$k")"; then
        log "node $k already runs (pid $(node_pid "$k"))"
        return
    fi
    if [[ "$k" == "${payara_node:-0}" ]]; then launch_payara "$k"; return; fi
    [[ -f "$base/.payara" ]] && rm -rf "$base"   # a Payara node's before
    mkdir -p "$base/deployments"
    rm -rf "$base/configuration"
    cp -r "$dir/base/configuration" "$base/"
    cp "$home/standalone/deployments/errand.war" "$base/deployments/"
    rm -f "$base/deployments/errand.war.failed" "$base/deployments/errand.war.deployed" "$base/server.pid"
    (
        export ERRAND_NODE_ID="$prefix-$k" ERRAND_PUBLIC_URL="${ERRAND_PUBLIC_URL:-$(node_url "$k")}"
        export ERRAND_BROKER_HOST="${ERRAND_BROKER_HOST:-127.0.0.1}" ERRAND_BROKER_PORT="$primary_port"
        export ERRAND_BROKER_BACKUP_HOST="${ERRAND_BROKER_HOST:-127.0.0.1}" ERRAND_BROKER_BACKUP_PORT="$backup_port"
        export ERRAND_SERVER_TIMEOUT="${ERRAND_SERVER_TIMEOUT:-PT20S}" ERRAND_HEARTBEAT_INTERVAL="${ERRAND_HEARTBEAT_INTERVAL:-PT5S}"
        export_queues "$k"
        export JBOSS_PIDFILE="$base/server.pid" LAUNCH_JBOSS_IN_BACKGROUND=1
        export JBOSS_JAVA_SIZING="${JBOSS_JAVA_SIZING:--Xms256m -Xmx768m}"
        nohup "$home/bin/standalone.sh" -c standalone-full.xml -Djboss.server.base.dir="$base" \
            -Djboss.socket.binding.port-offset=$((offset + 100 * (k - 1))) >"$base/console.log" 2>&1 &
    )
    log "node $k ($prefix-$k) starting on $(node_url "$k") (log: $base/log/server.log)"
}

# The Payara node: its own domain (HTTP on the node's port: portbase 8000 + the node's offset), on the broker pair
# (payara.sh configures both connectors and HA when ERRAND_BROKER_BACKUP_PORT is set). The environment reaches the
# domain's JVM through asadmin start-domain. node-K/server.pid and node-K/log point into the domain.
payara_domain() { echo "$prefix-node-$1"; }
payara() {
    local k="$1"; shift
    (
        export ERRAND_PAYARA_DOMAIN="$(payara_domain "$k")" ERRAND_PAYARA_PORTBASE=$((8000 + offset + 100 * (k - 1)))
        export ERRAND_NODE_ID="$prefix-$k" ERRAND_PUBLIC_URL="${ERRAND_PUBLIC_URL:-$(node_url "$k")}"
        export ERRAND_BROKER_HOST="${ERRAND_BROKER_HOST:-127.0.0.1}" ERRAND_BROKER_PORT="$primary_port"
        export ERRAND_BROKER_BACKUP_HOST="${ERRAND_BROKER_HOST:-127.0.0.1}" ERRAND_BROKER_BACKUP_PORT="$backup_port"
        export ERRAND_SERVER_TIMEOUT="${ERRAND_SERVER_TIMEOUT:-PT20S}" ERRAND_HEARTBEAT_INTERVAL="${ERRAND_HEARTBEAT_INTERVAL:-PT5S}"
        export_queues "$k"
        "$payara_sh" "$@"
    )
}
launch_payara() {
    local k="$1" base="$dir/node-$1" domains="$root/target/payara/glassfish/domains"
    [[ -x "$root/target/payara/bin/asadmin" ]] || { echo "cluster: no Payara in target/payara (mvn -Ppayara -DskipTests package)" >&2; return 1; }
    if [[ ! -f "$base/.payara" ]]; then
        # a fresh domain (one left from another cluster has its ports and settings) and node dir (a WildFly node's)
        payara "$k" stop >/dev/null
        rm -rf "${domains:?}/$(payara_domain "$k")" "$base"
        mkdir -p "$base"
        touch "$base/.payara"
    fi
    ln -sfn "$domains/$(payara_domain "$k")/config/pid" "$base/server.pid"
    ln -sfn "$domains/$(payara_domain "$k")/logs" "$base/log"
    log "node $k ($prefix-$k) starting on Payara, domain $(payara_domain "$k"), on $(node_url "$k") (log: $base/log/server.log)"
    payara "$k" deploy >"$base/console.log" 2>&1 || { cat "$base/console.log" >&2; return 1; }
}

await_node() {
    local k="$1" url i
    url="$(node_url "$k")"
    for i in $(seq 1 600); do
        # Errand's answer (it names the broker): a Payara without Errand answers /health UP with no checks
        if curl -fsS -m 5 "$url/health" 2>/dev/null | grep -q '"status":"UP".*"broker":"UP"'; then
            log "node $k UP: $url"
            return
        fi
        if [[ $i -gt 20 ]] && ! alive "$(node_pid "$k")"; then
            echo "cluster: node $k died while starting; see $dir/node-$k/console.log" >&2
            return 1
        fi
        sleep 1
    done
    echo "cluster: node $k not UP within 10 min; see $dir/node-$k/log/server.log" >&2
    return 1
}

# TERM to the node's JVM (all nodes get theirs before stop_all waits for any), then up to 60 s for it to end
stop_node() {
    local k="$1" pid i
    pid="$(node_pid "$k")"
    alive "$pid" || return 0
    if [[ "$k" == "${payara_node:-0}" ]]; then payara "$k" stop >/dev/null; log "node $k stopped"; return; fi
    kill -TERM "$pid" 2>/dev/null || true
    for i in $(seq 1 60); do
        alive "$pid" || { log "node $k stopped"; return; }
        sleep 1
    done
    kill -KILL "$pid" 2>/dev/null || true
    log "node $k killed (did not stop within 60 s)"
}

# What start started, from its state file: nodes first (they still finish their transactions), then the brokers,
# the backup before the primary so that nothing fails over.
stop_all() {
    local state="$dir/started" what k
    [[ -f "$state" ]] || { log "nothing started"; return 0; }
    local nodes
    nodes="$(grep '^node ' "$state" | cut -d' ' -f2 | sort -rn)"
    for k in $nodes; do
        if [[ "$k" != "${payara_node:-0}" ]] && alive "$(node_pid "$k")"; then kill -TERM "$(node_pid "$k")" 2>/dev/null || true; fi
    done
    for k in $nodes; do stop_node "$k"; done
    for what in backup primary; do
        if grep -qx "broker $what" "$state"; then broker "$what" stop || true; fi
    done
    rm -f "$state"
}

start() {
    local n="${1:-2}" k
    [[ "$n" =~ ^[1-9][0-9]*$ ]] || { echo "cluster: N must be a positive number, not $n" >&2; exit 2; }
    [[ -f "$home/standalone/deployments/errand.war" ]] || { echo "cluster: no server in $home (mvn -DskipTests package)" >&2; exit 1; }
    check_queues $(seq 1 "$n")
    mkdir -p "$dir"
    if [[ -f "$dir/started" ]]; then
        echo "cluster: already started ($dir/started); server-config/errand cluster stop first" >&2
        exit 1
    fi
    # from here on, whatever stops this script (an error, INT, TERM) stops what it started
    trap 'stop_all' EXIT
    trap 'exit 130' INT TERM
    : >"$dir/started"
    payara_node=0
    [[ "$server_kind" == payara ]] && payara_node="$n"
    printf 'offset=%q\nprefix=%q\nhost=%q\nprimary_port=%q\nbackup_port=%q\nconsole=%q\npayara_node=%q\ndb_url=%q\n' \
        "$offset" "$prefix" "$host" "$primary_port" "$backup_port" "$console" "$payara_node" "$db_url" >"$dir/settings"
    broker_password
    template
    echo "broker primary" >>"$dir/started"
    broker primary start
    echo "broker backup" >>"$dir/started"
    broker backup start
    # node 1 alone first: it migrates the schema and, without ERRAND_ADMIN_PASSWORD, creates the one administrator
    # that all nodes share (they share the database)
    echo "node 1" >>"$dir/started"
    launch_node 1
    await_node 1
    for k in $(seq 2 "$n"); do
        echo "node $k" >>"$dir/started"
        [[ "$k" == "$payara_node" ]] || launch_node "$k"
    done
    # the Payara node (its start waits for its /health) once the WildFly nodes are on their way
    if [[ "$payara_node" -gt 1 ]]; then launch_node "$payara_node"; fi
    for k in $(seq 2 "$n"); do await_node "$k"; done
    : >"$dir/nodes"
    for k in $(seq 1 "$n"); do node_url "$k" >>"$dir/nodes"; done
    trap - EXIT INT TERM
    log "$n nodes UP (listed in $dir/nodes):"
    sed 's/^/  /' "$dir/nodes"
    if [[ -z "${ERRAND_ADMIN_PASSWORD:-}" ]] && grep -q 'Errand first start' "$dir/node-1/log/server.log"; then
        log "administrator password generated by node 1: see the 'Errand first start' lines of $dir/node-1/log/server.log"
    fi
    log "brokers: primary 127.0.0.1:$primary_port, backup 127.0.0.1:$backup_port (shared store $dir/broker-store)"
}

cmd="${1:-}"
[[ $# -gt 0 ]] && shift
case "$cmd" in
    start) start "$@" ;;
    stop) stop_all ;;
    node-start)
        [[ "${1:-}" =~ ^[1-9][0-9]*$ ]] || { echo "usage: $0 node-start K" >&2; exit 2; }
        check_queues "$1"
        broker_password
        launch_node "$1"
        await_node "$1"
        ;;
    broker-start)
        [[ "${1:-}" == primary || "${1:-}" == backup ]] || { echo "usage: $0 broker-start primary|backup" >&2; exit 2; }
        broker_password
        broker "$1" start
        ;;
    *) sed -n '2,22p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
