#!/usr/bin/env bash
# A standalone Apache Artemis broker for Errand (Payara has none built in; WildFly can use it too, see
# server-config/wildfly/external-broker.cli). Persistent journal; the errand.jobs address has the same
# redelivery policy and dead-letter queue as WildFly's embedded broker (server-config/wildfly/errand.cli).
#
#   server-config/artemis/broker.sh create   create the broker instance if absent, (re)write Errand's addresses
#   server-config/artemis/broker.sh start    create if needed, start in the background, wait until it listens
#   server-config/artemis/broker.sh stop     stop it (waits)
#   server-config/artemis/broker.sh run      create if needed, run in the foreground
#   server-config/artemis/broker.sh password print the broker password file's path (when generated)
#   server-config/artemis/broker.sh console-password  the same for the web console's own user
#
# Environment (defaults in parentheses):
#   ERRAND_ARTEMIS_HOME        Artemis distribution (target/artemis, unpacked by `mvn package`)
#   ERRAND_BROKER_INSTANCE     instance directory: config, journal, logs (target/artemis-broker)
#   ERRAND_BROKER_HOST         address the broker and its console listen on (127.0.0.1)
#   ERRAND_BROKER_PORT         core protocol port (61616)
#   ERRAND_BROKER_CONSOLE_PORT web console port (8161); "none": no web console
#   ERRAND_BROKER_USER         (errand)
#   ERRAND_BROKER_PASSWORD     unset: generated at first create into $ERRAND_BROKER_INSTANCE/etc/errand-password
#   ERRAND_BROKER_CONSOLE_USER, ERRAND_BROKER_CONSOLE_PASSWORD  the console's login (console; unset: generated
#                              at first create into $ERRAND_BROKER_INSTANCE/etc/console-password)
#   ERRAND_REDELIVERY_DELAY_MS (1000), ERRAND_MAX_DELIVERY_ATTEMPTS (5): as on WildFly
# Passwords never appear on a command line (visible to every local user in ps): they are written into the instance's
# users file, readable by its owner only (docs/security.md).
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
home="${ERRAND_ARTEMIS_HOME:-$root/target/artemis}"
instance="${ERRAND_BROKER_INSTANCE:-$root/target/artemis-broker}"
host="${ERRAND_BROKER_HOST:-127.0.0.1}"
port="${ERRAND_BROKER_PORT:-61616}"
console="${ERRAND_BROKER_CONSOLE_PORT:-8161}"
user="${ERRAND_BROKER_USER:-errand}"
password_file="$instance/etc/errand-password"
console_user="${ERRAND_BROKER_CONSOLE_USER:-console}"
console_password_file="$instance/etc/console-password"
redelivery_delay="${ERRAND_REDELIVERY_DELAY_MS:-1000}"
max_attempts="${ERRAND_MAX_DELIVERY_ATTEMPTS:-5}"

log() { echo "artemis: $*"; }

# The password: ERRAND_BROKER_PASSWORD, else the one generated at first create (never a default).
password() {
    if [[ -n "${ERRAND_BROKER_PASSWORD:-}" ]]; then
        printf '%s' "$ERRAND_BROKER_PASSWORD"
    elif [[ -f "$password_file" ]]; then
        cat "$password_file"
    else
        return 1
    fi
}

console_password() {
    if [[ -n "${ERRAND_BROKER_CONSOLE_PASSWORD:-}" ]]; then
        printf '%s' "$ERRAND_BROKER_CONSOLE_PASSWORD"
    else
        cat "$console_password_file"
    fi
}

random_password() { head -c 18 /dev/urandom | base64 | tr -d '/+=\n'; }

create() {
    if [[ ! -x "$home/bin/artemis" ]]; then
        echo "artemis: no Artemis distribution in $home (run: mvn -DskipTests package)" >&2
        exit 1
    fi
    if [[ ! -f "$instance/etc/broker.xml" ]]; then
        # The console keeps Jolokia's strict checks (no --relax-jolokia): only pages of its own origin may call it.
        local web=(--http-host "$host" --http-port "$console")
        [[ "$console" == none ]] && web=(--no-web)
        log "creating broker instance $instance (port $port)"
        # the password given here is a throwaway: write_users replaces it before the broker first starts
        "$home/bin/artemis" create "$instance" --silent --force --name errand-broker \
            --user "$user" --password "$(random_password)" --require-login --role amq \
            --host "$host" --default-port "$port" "${web[@]}" \
            --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor --no-hornetq-acceptor \
            --no-autotune --no-autocreate --java-memory 512M >"$instance.create.log" 2>&1 \
            || { cat "$instance.create.log" >&2; exit 1; }
        if [[ -z "${ERRAND_BROKER_PASSWORD:-}" ]]; then
            (umask 077; random_password >"$password_file")
            log "generated the password of broker user '$user' into $password_file"
        fi
    fi
    write_users
    configure_addresses
}

# The broker's users, rewritten on every create (so a changed ERRAND_BROKER_PASSWORD applies at the next start):
# Errand's user and, with a console, the console's own user. Plain text in a file only its owner may read, like the
# generated password files; Java properties syntax, so a backslash in a password is doubled.
write_users() {
    local users="$instance/etc/artemis-users.properties" roles="$instance/etc/artemis-roles.properties"
    local members="$user"
    password >/dev/null || { echo "artemis: no broker password: set ERRAND_BROKER_PASSWORD" >&2; exit 1; }
    (
        umask 077
        printf '%s = %s\n' "$user" "$(password | sed 's/\\/\\\\/g')" >"$users.new"
        if grep -q '<web ' "$instance/etc/bootstrap.xml"; then
            if [[ -z "${ERRAND_BROKER_CONSOLE_PASSWORD:-}" && ! -f "$console_password_file" ]]; then
                random_password >"$console_password_file"
                log "generated the password of console user '$console_user' into $console_password_file" >&2
            fi
            printf '%s = %s\n' "$console_user" "$(console_password | sed 's/\\/\\\\/g')" >>"$users.new"
        fi
    )
    mv "$users.new" "$users"
    grep -q "^$console_user = " "$users" && members="$user,$console_user"
    printf 'amq = %s\n' "$members" >"$roles"
}

# Errand's addresses and address settings, between markers in broker.xml: rewritten on every run (idempotent).
configure_addresses() {
    local xml="$instance/etc/broker.xml"
    sed -i '/<!-- errand:begin -->/,/<!-- errand:end -->/d' "$xml"
    local settings="      <!-- errand:begin -->
      <address-setting match=\"errand.jobs\">
         <dead-letter-address>errand.jobs.DLQ</dead-letter-address>
         <expiry-address>ExpiryQueue</expiry-address>
         <redelivery-delay>$redelivery_delay</redelivery-delay>
         <redelivery-delay-multiplier>2.0</redelivery-delay-multiplier>
         <max-redelivery-delay>60000</max-redelivery-delay>
         <max-delivery-attempts>$max_attempts</max-delivery-attempts>
         <max-size-bytes>67108864</max-size-bytes>
         <page-size-bytes>2097152</page-size-bytes>
         <address-full-policy>PAGE</address-full-policy>
         <message-counter-history-day-limit>10</message-counter-history-day-limit>
      </address-setting>
      <address-setting match=\"errand.jobs.DLQ\">
         <expiry-address>ExpiryQueue</expiry-address>
         <max-size-bytes>67108864</max-size-bytes>
         <page-size-bytes>2097152</page-size-bytes>
         <address-full-policy>PAGE</address-full-policy>
      </address-setting>
      <!-- errand:end -->"
    local addresses="         <!-- errand:begin -->
         <address name=\"errand.jobs\"><anycast><queue name=\"errand.jobs\"/></anycast></address>
         <address name=\"errand.jobs.DLQ\"><anycast><queue name=\"errand.jobs.DLQ\"/></anycast></address>
         <address name=\"errand.control\"><multicast/></address>
         <!-- errand:end -->"
    awk -v settings="$settings" -v addresses="$addresses" '
        /<address-settings>/ { print; print settings; next }
        /<addresses>/ { print; print addresses; next }
        { print }' "$xml" >"$xml.new"
    if cmp -s "$xml" "$xml.new"; then rm "$xml.new"; else mv "$xml.new" "$xml"; fi
    # the message counters behind the console's queue statistics
    if ! grep -q '<message-counter-enabled>' "$xml"; then
        sed -i 's|<persistence-enabled>true</persistence-enabled>|&\n      <message-counter-enabled>true</message-counter-enabled>|' "$xml"
    fi
    configure_ha
}

# One broker of a shared-store HA pair (server-config/cluster.sh, docs/cluster.md), with
#   ERRAND_BROKER_HA     primary or backup (unset: a broker on its own, as before)
#   ERRAND_BROKER_STORE  the pair's journal directory: bindings, journal, paging, large messages. Whoever holds its
#                        file lock (server.lock) is live; the other waits for it, so two live brokers cannot both
#                        write it (split brain), as long as the file system's locks hold (a local disk, NFSv4).
#   ERRAND_BROKER_PEER   host:port of the other broker: the cluster connection over which the backup announces itself,
#                        so that clients learn where to fail over to
# The cluster connection's password is the broker password: broker.xml then becomes readable by its owner only.
configure_ha() {
    local xml="$instance/etc/broker.xml" ha="${ERRAND_BROKER_HA:-}"
    sed -i '/<!-- errand-ha:begin -->/,/<!-- errand-ha:end -->/d' "$xml"
    [[ -z "$ha" ]] && return 0
    local store="${ERRAND_BROKER_STORE:?ERRAND_BROKER_STORE: the shared journal directory of the HA pair}"
    local peer="${ERRAND_BROKER_PEER:?ERRAND_BROKER_PEER: host:port of the other broker of the pair}"
    local role
    case "$ha" in
        primary) role="<primary><failover-on-shutdown>true</failover-on-shutdown></primary>" ;;
        backup) role="<backup><allow-failback>true</allow-failback><failover-on-shutdown>true</failover-on-shutdown></backup>" ;;
        *) echo "artemis: ERRAND_BROKER_HA must be primary or backup, not $ha" >&2; exit 2 ;;
    esac
    mkdir -p "$store"
    chmod 600 "$xml"
    sed -i -E "s#<(paging|bindings|journal|large-messages)-directory>[^<]*</#<\1-directory>$store/\1</#" "$xml"
    local cluster_password
    cluster_password="$(password | sed 's/&/\&amp;/g; s/</\&lt;/g')"
    local block="      <!-- errand-ha:begin -->
      <connectors>
         <connector name=\"errand-self\">tcp://$host:$port</connector>
         <connector name=\"errand-peer\">tcp://$peer</connector>
      </connectors>
      <cluster-user>$user</cluster-user>
      <cluster-password>$cluster_password</cluster-password>
      <cluster-connections>
         <cluster-connection name=\"errand-ha\">
            <connector-ref>errand-self</connector-ref>
            <message-load-balancing>OFF</message-load-balancing>
            <max-hops>1</max-hops>
            <static-connectors><connector-ref>errand-peer</connector-ref></static-connectors>
         </cluster-connection>
      </cluster-connections>
      <ha-policy><shared-store>$role</shared-store></ha-policy>
      <!-- errand-ha:end -->"
    # through the environment, not awk -v: the block holds a password, and a command line is visible to all
    ERRAND_HA_BLOCK="$block" awk '/<\/core>/ { print ENVIRON["ERRAND_HA_BLOCK"] } { print }' "$xml" >"$xml.new"
    chmod 600 "$xml.new"
    mv "$xml.new" "$xml"
}

# A backup broker opens its port only when it takes over: until then "up" means it waits for the primary's lock.
waiting_backup() {
    [[ "${ERRAND_BROKER_HA:-}" == backup ]] && tail -n +"$1" "$instance/log/artemis.log" 2>/dev/null | grep -q 'AMQ221109'
}

listening() { (exec 3<>"/dev/tcp/$host/$port") 2>/dev/null; }

start() {
    create
    if listening; then
        log "already listening on $host:$port"
        return
    fi
    # A broker killed (kill -9, OOM) leaves its pid file behind, and until its parent reaps it a zombie that
    # artemis-service takes for a running broker: neither is one, as the port is closed.
    local pid_file="$instance/data/artemis.pid" state
    if [[ -f "$pid_file" ]]; then
        state="$(ps -o stat= -p "$(cat "$pid_file")" 2>/dev/null || true)"
        if [[ -z "$state" || "$state" == Z* ]]; then
            rm -f "$pid_file"
        fi
    fi
    local log_from=1
    [[ -f "$instance/log/artemis.log" ]] && log_from=$(($(wc -l <"$instance/log/artemis.log") + 1))
    "$instance/bin/artemis-service" start >/dev/null
    local i
    for i in $(seq 1 120); do
        if listening; then
            log "broker up on $host:$port (instance $instance)"
            return
        fi
        if waiting_backup "$log_from"; then
            log "backup broker up, waiting for the primary to fail (instance $instance)"
            return
        fi
        sleep 0.5
    done
    echo "artemis: broker did not listen on $host:$port within 60 s; see $instance/log/artemis.log" >&2
    exit 1
}

stop() {
    [[ -x "$instance/bin/artemis-service" ]] || return 0
    local pid=""
    [[ -f "$instance/data/artemis.pid" ]] && pid="$(cat "$instance/data/artemis.pid")"
    "$instance/bin/artemis-service" stop >/dev/null || true
    local i
    for i in $(seq 1 60); do
        # a backup broker never listened: its process is what must be gone
        if ! listening && { [[ -z "$pid" ]] || ! kill -0 "$pid" 2>/dev/null; }; then log "broker stopped"; return; fi
        sleep 0.5
    done
    echo "artemis: broker still listening after 30 s" >&2
    exit 1
}

case "${1:-}" in
    create) create ;;
    start) start ;;
    stop) stop ;;
    run) create; exec "$instance/bin/artemis" run ;;
    password)
        if [[ -n "${ERRAND_BROKER_PASSWORD:-}" ]]; then echo "(from ERRAND_BROKER_PASSWORD)"
        elif [[ -f "$password_file" ]]; then echo "$password_file"
        else echo "artemis: no password yet (create the broker first)" >&2; exit 1; fi ;;
    console-password)
        if [[ -n "${ERRAND_BROKER_CONSOLE_PASSWORD:-}" ]]; then echo "(from ERRAND_BROKER_CONSOLE_PASSWORD)"
        elif [[ -f "$console_password_file" ]]; then echo "$console_password_file"
        else echo "artemis: no console password (no console, or the broker not created yet)" >&2; exit 1; fi ;;
    secret) password ;;  # for the other scripts: the password itself, on stdout
    *) sed -n '2,26p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
