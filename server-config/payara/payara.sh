#!/usr/bin/env bash
# Errand on Payara 6: creates and configures a domain with asadmin (idempotent: a second run changes nothing),
# beside a standalone Artemis broker (server-config/artemis/broker.sh). Needs `mvn -Ppayara -DskipTests package`
# (unpacks Payara into target/payara, builds target/errand.war and the Artemis resource adapter RAR).
#
#   server-config/payara/payara.sh configure   create the domain if absent, start it, apply the configuration
#   server-config/payara/payara.sh deploy      configure, then (re)deploy target/errand.war at /
#   server-config/payara/payara.sh stop        stop the domain
#   server-config/payara/payara.sh urls        print the URLs and where the credentials are
#
# Environment (defaults in parentheses); the ERRAND_DB_* and ERRAND_BROKER_* values are applied at configure:
#   ERRAND_PAYARA_HOME      (target/payara)
#   ERRAND_PAYARA_DOMAIN    domain name (errand)
#   ERRAND_PAYARA_PORTBASE  ports: admin = base+48, HTTP = base+80 (8000: admin 8048, HTTP 8080)
#   ERRAND_PAYARA_ADMIN_PASSWORD  unset: generated at domain creation into <domain>/config/errand-admin-password
#   ERRAND_DB_URL (jdbc:postgresql://127.0.0.1:5432/errand), ERRAND_DB_USER (errand), ERRAND_DB_PASSWORD (unset)
#   ERRAND_BROKER_HOST (127.0.0.1), ERRAND_BROKER_PORT (61616), ERRAND_BROKER_USER (errand), ERRAND_BROKER_PASSWORD
#     (unset: the one server-config/artemis/broker.sh generated)
#   ERRAND_BROKER_BACKUP_HOST (the broker host), ERRAND_BROKER_BACKUP_PORT (unset): a primary/backup pair's backup
#     (server-config/cluster.sh): the resource adapter gets both connectors and HA, as WildFly's cluster-broker.cli
#   ERRAND_BIND_ADDRESS     HTTP and HTTPS listener address (127.0.0.1); admin, JMX, IIOP and the data grid stay
#                           on 127.0.0.1
#   ERRAND_QUEUES           worker shares, e.g. mail:8,reports:2,*:4 (unset: every queue, 32 workers): become the
#                           domain's errand.lane.* system properties at configure, read when the WAR is deployed
#                           (docs/run-control.md, "Worker shares"); a bad value stops the script with the reason
# Secrets never appear on a command line (ps) nor in domain.xml: asadmin reads them from 0600 files, and the
# database and broker passwords live in Payara's password store (domain.xml says ${ALIAS=...}); docs/security.md.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
home="${ERRAND_PAYARA_HOME:-$root/target/payara}"
domain="${ERRAND_PAYARA_DOMAIN:-errand}"
portbase="${ERRAND_PAYARA_PORTBASE:-8000}"
admin_port=$((portbase + 48))
http_port=$((portbase + 80))
domain_dir="$home/glassfish/domains/$domain"
admin_password_file="$domain_dir/config/errand-admin-password"
asadmin_password_file="$domain_dir/config/errand-asadmin-passwordfile"
db_url="${ERRAND_DB_URL:-jdbc:postgresql://127.0.0.1:5432/errand}"
db_user="${ERRAND_DB_USER:-errand}"
broker_host="${ERRAND_BROKER_HOST:-127.0.0.1}"
broker_port="${ERRAND_BROKER_PORT:-61616}"
broker_user="${ERRAND_BROKER_USER:-errand}"
bind_address="${ERRAND_BIND_ADDRESS:-127.0.0.1}"
rar="$root/target/artemis-ra/artemis-ra.rar"
lanes_jar="$root/target/payara-lib/errand-lanes.jar"
war="$root/target/errand.war"

log() { echo "payara: $*"; }
die() { echo "payara: $*" >&2; exit 1; }

asadmin() {
    "$home/bin/asadmin" --host 127.0.0.1 --port "$admin_port" --user admin \
        --passwordfile "${passwordfile:-$asadmin_password_file}" --interactive=false "$@"
}

# A secret into the domain's password store under NAME (created, or updated when the variable changed: a digest in
# a file only this user may read tells), handed to asadmin in such a file too; configuration then refers to it as
# ${ALIAS=NAME}.
password_alias() {
    local name="$1" secret="$2" passwordfile command=create-password-alias digest
    local stamp="$domain_dir/config/errand-alias-$name.sha256"
    digest="$(printf '%s' "$secret" | sha256sum | cut -c1-64)"
    if grep -qx "$name" <<<"$(asadmin list-password-aliases 2>/dev/null)"; then
        [[ -f "$stamp" && "$(cat "$stamp")" == "$digest" ]] && return
        command=update-password-alias
    fi
    passwordfile="$(mktemp)"
    { cat "$asadmin_password_file"; printf 'AS_ADMIN_ALIASPASSWORD=%s\n' "$secret"; } >"$passwordfile"
    passwordfile="$passwordfile" asadmin "$command" "$name" >/dev/null || { rm -f "$passwordfile"; die "$command $name failed"; }
    rm -f "$passwordfile"
    (umask 077; printf '%s\n' "$digest" >"$stamp")
    # the running domain resolved ${ALIAS=...} when it started: a changed secret (a broker created afresh) only
    # reaches the resource adapter and the pool after a restart
    [[ "$command" == update-password-alias ]] && alias_changed=true
    return 0
}
alias_changed=false

create_domain() {
    [[ -x "$home/bin/asadmin" ]] || die "no Payara in $home (run: mvn -Ppayara -DskipTests package)"
    [[ -d "$domain_dir" ]] && return
    local pw="${ERRAND_PAYARA_ADMIN_PASSWORD:-}" generated=false
    if [[ -z "$pw" ]]; then
        pw="$(head -c 18 /dev/urandom | base64 | tr -d '/+=')"
        generated=true
    fi
    local tmp
    tmp="$(mktemp)"
    printf 'AS_ADMIN_PASSWORD=%s\n' "$pw" >"$tmp"
    log "creating domain $domain (portbase $portbase: admin $admin_port, HTTP $http_port)"
    "$home/bin/asadmin" --user admin --passwordfile "$tmp" --interactive=false \
        create-domain --portbase "$portbase" --checkports=false "$domain" >/dev/null
    (umask 077; mv "$tmp" "$asadmin_password_file")
    if $generated; then
        (umask 077; printf '%s' "$pw" >"$admin_password_file")
        log "generated the admin password of domain $domain into $admin_password_file"
    fi
    # the PostgreSQL driver on the domain's class path (read at start)
    cp "$root/target/payara-lib/postgresql.jar" "$domain_dir/lib/postgresql.jar"
}

running() { "$home/bin/asadmin" list-domains 2>/dev/null | grep -q "^$domain running"; }

started_empty=false   # set when this run started the domain without Errand in it
start_domain() {
    if running; then return; fi
    [[ -d "$domain_dir/applications/errand" ]] || started_empty=true
    log "starting domain $domain"
    "$home/bin/asadmin" --interactive=false start-domain "$domain" >/dev/null </dev/null
}

broker_password() {
    if [[ -n "${ERRAND_BROKER_PASSWORD:-}" ]]; then printf '%s' "$ERRAND_BROKER_PASSWORD"; return; fi
    "$root/server-config/artemis/broker.sh" secret 2>/dev/null \
        || die "no broker password: set ERRAND_BROKER_PASSWORD or create the broker (server-config/artemis/broker.sh create)"
}

# asadmin property syntax: ':' separates properties, so ':' '=' and '\' inside values are escaped
escape() { printf '%s' "$1" | sed -e 's/\\/\\\\/g' -e 's/:/\\:/g' -e 's/=/\\=/g'; }

# set NAME=VALUE only when it differs (keeps a second run from changing anything): compared with a snapshot
# of the configuration taken by snapshot(), collected and applied in one `asadmin set` by apply_sets()
snapshot() {
    current_config="$(asadmin get 'resources.*' 2>/dev/null || true)
$(asadmin get 'configs.config.server-config.*' 2>/dev/null || true)"
    pending_sets=()
}
set_value() {
    local name="$1" value="$2"
    grep -qxF -- "$name=$value" <<<"$current_config" || pending_sets+=("$name=$value")
}
apply_sets() {
    if ((${#pending_sets[@]})); then
        log "setting ${#pending_sets[@]} value(s)"
        asadmin set "${pending_sets[@]}" >/dev/null
    fi
    pending_sets=()
}

# the EJB timer table in Errand's database (Payara's own script, made idempotent)
timer_table() {
    local url="${db_url#jdbc:}"
    if [[ "$url" =~ ^postgresql://(127\.0\.0\.1|localhost) ]]; then
        PGPASSWORD="${ERRAND_DB_PASSWORD:-}" psql -q -X -v ON_ERROR_STOP=1 "${url%%\?*}" -U "$db_user" <<'SQL' >/dev/null
SET client_min_messages = warning;
CREATE TABLE IF NOT EXISTS "EJB__TIMER__TBL" (
    "CREATIONTIMERAW"      BIGINT        NOT NULL,
    "BLOB"                 BYTEA,
    "TIMERID"              VARCHAR(255)  NOT NULL,
    "CONTAINERID"          BIGINT        NOT NULL,
    "OWNERID"              VARCHAR(255)  NULL,
    "STATE"                INTEGER       NOT NULL,
    "PKHASHCODE"           INTEGER       NOT NULL,
    "INTERVALDURATION"     BIGINT        NOT NULL,
    "INITIALEXPIRATIONRAW" BIGINT        NOT NULL,
    "LASTEXPIRATIONRAW"    BIGINT        NOT NULL,
    "SCHEDULE"             VARCHAR(255)  NULL,
    "APPLICATIONID"        BIGINT        NOT NULL,
    CONSTRAINT "PK_EJB__TIMER__TBL" PRIMARY KEY ("TIMERID")
);
SQL
    else
        log "database $db_url is not local: create EJB__TIMER__TBL there from $home/glassfish/lib/install/databases/ejbtimer_postgresql.sql"
    fi
}

# ERRAND_QUEUES as the worker lanes' system properties, NAME=VALUE a line: the JVM options WildFly's start hook
# (server-config/wildfly/errand-lanes.conf) gets from the same parser, none when unset. Fails with the parser's message.
lane_properties() {
    [[ -n "${ERRAND_QUEUES:-}" ]] || return 0
    [[ -f "$lanes_jar" ]] || die "no $lanes_jar (run: mvn -Ppayara -DskipTests package)"
    local options option
    options="$("${JAVA_HOME:+$JAVA_HOME/bin/}java" -cp "$lanes_jar" dev.errand.server.WorkerShares "$ERRAND_QUEUES")" || exit 2
    for option in $options; do printf '%s\n' "${option#-D}"; done
}

# The domain's errand.lane.* system properties made exactly $1 (NAME=VALUE lines): glassfish-ejb-jar.xml reads them
# when the WAR is deployed, the heartbeat when Errand starts (docs/run-control.md, "Worker shares")
set_lanes() {
    local wanted="$1" current line creates=()
    current="$(asadmin list-system-properties 2>/dev/null | grep '^errand\.lane\.' || true)"
    while IFS= read -r line; do
        [[ -z "$line" ]] || grep -qxF -- "$line" <<<"$wanted" || asadmin delete-system-property "${line%%=*}" >/dev/null
    done <<<"$current"
    while IFS= read -r line; do
        [[ -z "$line" ]] || grep -qxF -- "$line" <<<"$current" || creates+=("${line%%=*}=$(escape "${line#*=}")")
    done <<<"$wanted"
    if ((${#creates[@]})); then
        asadmin create-system-properties "$(IFS=:; echo "${creates[*]}")" >/dev/null
    fi
    if [[ "$(sort <<<"$current")" != "$(sort <<<"$wanted")" ]]; then
        log "worker shares: ${ERRAND_QUEUES:-every queue, 32 workers}"
    fi
}

configure() {
    local lanes
    lanes="$(lane_properties)"   # first: a bad ERRAND_QUEUES stops before anything starts
    create_domain
    start_domain
    local pools resources ras admins
    pools="$(asadmin list-jdbc-connection-pools)"
    resources="$(asadmin list-jdbc-resources)"

    # --- PostgreSQL: pool + resource under the name the code uses (jdbc/ErrandDS)
    if ! grep -qx ErrandPool <<<"$pools"; then
        asadmin create-jdbc-connection-pool --datasourceclassname org.postgresql.ds.PGSimpleDataSource \
            --restype javax.sql.DataSource --property "URL=$(escape "$db_url")" ErrandPool >/dev/null
    fi
    snapshot
    local p=resources.jdbc-connection-pool.ErrandPool
    set_value "$p.property.URL" "$db_url"
    set_value "$p.property.user" "$db_user"
    # as on WildFly: the pool needs some password; with ERRAND_DB_PASSWORD unset a placeholder that trust
    # authentication ignores
    password_alias errand-db-password "${ERRAND_DB_PASSWORD:-postgres}"
    set_value "$p.property.password" '${ALIAS=errand-db-password}'
    # A plan per execution. On Payara a pooled connection kept a generic plan for the chunk's SELECT ... FOR UPDATE
    # that read all of errand.job (thousands of sequential scans a second during a drain: ~1,000 jobs/s; with
    # this, ~3,800). On WildFly the same setting measured ~20% slower and the scans never showed, so it is not set.
    set_value "$p.property.options" "-c plan_cache_mode=force_custom_plan"
    # as on WildFly: pgjdbc sends a batch of INSERTs as multi-row INSERTs
    set_value "$p.property.reWriteBatchedInserts" true
    set_value "$p.steady-pool-size" 4
    set_value "$p.max-pool-size" 40
    set_value "$p.connection-validation-method" custom-validation
    set_value "$p.validation-classname" org.glassfish.api.jdbc.validation.PostgresConnectionValidation
    set_value "$p.is-connection-validation-required" true
    set_value "$p.fail-all-connections" true
    if ! grep -qx 'jdbc/ErrandDS' <<<"$resources"; then
        asadmin create-jdbc-resource --connectionpoolid ErrandPool jdbc/ErrandDS >/dev/null
    fi

    # --- persistent EJB timers in PostgreSQL instead of the embedded H2
    timer_table
    set_value configs.config.server-config.ejb-container.ejb-timer-service.timer-datasource jdbc/ErrandDS

    # --- Artemis resource adapter: broker address + credentials, then the RAR, pool, factory, queues
    [[ -f "$rar" ]] || die "no resource adapter $rar (run: mvn -Ppayara -DskipTests package)"
    local bpw='${ALIAS=errand-broker-password}' params
    password_alias errand-broker-password "$(broker_password)"
    params="host=$broker_host;port=$broker_port"
    # a broker pair: both brokers, HA (the client follows the pair's topology to the live one) and the cluster's
    # connection TTL, so that the broker hands a dead node's messages on within the server timeout (docs/cluster.md)
    local connector=org.apache.activemq.artemis.core.remoting.impl.netty.NettyConnectorFactory connectors
    connectors="$connector"
    if [[ -n "${ERRAND_BROKER_BACKUP_PORT:-}" ]]; then
        params="$params,host=${ERRAND_BROKER_BACKUP_HOST:-$broker_host};port=$ERRAND_BROKER_BACKUP_PORT"
        connectors="$connector,$connector"
    fi
    ras="$(asadmin list-resource-adapter-configs 2>/dev/null || true)"
    if ! grep -qx artemis-ra <<<"$ras"; then
        asadmin create-resource-adapter-config --property "ConnectorClassName=$connectors:ConnectionParameters=$(escape "$params"):UserName=$(escape "$broker_user"):Password=$(escape "$bpw")" artemis-ra >/dev/null
    fi
    apply_sets
    snapshot
    local r=resources.resource-adapter-config.artemis-ra
    set_value "$r.property.ConnectorClassName" "$connectors"
    set_value "$r.property.ConnectionParameters" "$params"
    if [[ -n "${ERRAND_BROKER_BACKUP_PORT:-}" ]]; then
        set_value "$r.property.HA" true
        set_value "$r.property.ConnectionTTL" 15000
        set_value "$r.property.ClientFailureCheckPeriod" 5000
    fi
    set_value "$r.property.UserName" "$broker_user"
    set_value "$r.property.Password" "$bpw"
    # no ObjectMessage body deserialised (docs/security.md): an allow-list naming only a package that does not exist
    set_value "$r.property.DeserializationAllowList" "dev.errand.none"
    # no prefetch for the MDBs' consumers, so that priorities hold (docs/run-control.md, "Priorities")
    set_value "$r.property.ConsumerWindowSize" 0
    apply_sets
    if ! asadmin list-applications --type connector 2>/dev/null | grep -q '^artemis-ra '; then
        asadmin deploy --type rar --name artemis-ra "$rar" >/dev/null
    fi
    pools="$(asadmin list-connector-connection-pools)"
    if ! grep -qx ErrandJmsPool <<<"$pools"; then
        asadmin create-connector-connection-pool --raname artemis-ra --connectiondefinition jakarta.jms.ConnectionFactory \
            --transactionsupport XATransaction --property "UserName=$(escape "$broker_user"):Password=$(escape "$bpw")" ErrandJmsPool >/dev/null
    fi
    snapshot
    local c=resources.connector-connection-pool.ErrandJmsPool
    set_value "$c.property.UserName" "$broker_user"
    set_value "$c.property.Password" "$bpw"
    set_value "$c.steady-pool-size" 4
    set_value "$c.max-pool-size" 64
    resources="$(asadmin list-connector-resources)"
    if ! grep -qx 'jms/ErrandConnectionFactory' <<<"$resources"; then
        asadmin create-connector-resource --poolname ErrandJmsPool jms/ErrandConnectionFactory >/dev/null
    fi
    admins="$(asadmin list-admin-objects)"
    if ! grep -qx 'jms/errand.jobs' <<<"$admins"; then
        asadmin create-admin-object --raname artemis-ra --restype jakarta.jms.Queue --property Address=errand.jobs jms/errand.jobs >/dev/null
    fi
    if ! grep -qx 'jms/errand.jobs.DLQ' <<<"$admins"; then
        asadmin create-admin-object --raname artemis-ra --restype jakarta.jms.Queue --property Address=errand.jobs.DLQ jms/errand.jobs.DLQ >/dev/null
    fi
    if ! grep -qx 'jms/errand.control' <<<"$admins"; then
        asadmin create-admin-object --raname artemis-ra --restype jakarta.jms.Topic --property Address=errand.control jms/errand.control >/dev/null
    fi

    # --- worker shares (ERRAND_QUEUES)
    set_lanes "$lanes"

    # --- security: Jakarta Security with the app's IdentityStore; its groups are the roles
    set_value configs.config.server-config.security-service.activate-default-principal-to-role-mapping true

    # --- monitoring: what the admin console shows (Monitoring Data)
    local m=configs.config.server-config.monitoring-service.module-monitoring-levels
    for module in ejb-container connector-connection-pool jdbc-connection-pool transaction-service thread-pool \
                  http-service web-container jvm; do
        set_value "$m.$module" HIGH
    done

    # --- listeners: HTTP and HTTPS on ERRAND_BIND_ADDRESS; the rest (Payara binds them to all interfaces) on
    # loopback: the admin console and asadmin (its local commands such as stop-domain reach it through "localhost",
    # 127.0.0.1 here), JMX, IIOP and the data grid (Hazelcast, below)
    local l=configs.config.server-config.network-config.network-listeners.network-listener
    set_value "$l.http-listener-1.address" "$bind_address"
    set_value "$l.http-listener-2.address" "$bind_address"
    set_value "$l.admin-listener.address" 127.0.0.1
    set_value configs.config.server-config.admin-service.jmx-connector.system.address 127.0.0.1
    local iiop
    for iiop in orb-listener-1 SSL SSL_MUTUALAUTH; do
        set_value "configs.config.server-config.iiop-service.iiop-listener.$iiop.address" 127.0.0.1
    done
    # Payara's own JMS broker (OpenMQ), unused beside Artemis: without this its proxy listens on all interfaces
    set_value configs.config.server-config.jms-service.type DISABLED
    apply_sets
    # the data grid: its members' address, and (Hazelcast binds all interfaces unless told) its socket; checked in
    # domain.xml, which both commands write, so that a second run changes nothing
    if ! grep -q '<hazelcast-runtime-configuration [^>]*interface="127\.0\.0\.1"' "$domain_dir/config/domain.xml"; then
        asadmin set-hazelcast-configuration --interfaces 127.0.0.1 >/dev/null
    fi
    if ! grep -qF '<jvm-options>-Dhazelcast.socket.bind.any=false</jvm-options>' "$domain_dir/config/domain.xml"; then
        asadmin create-jvm-options -- -Dhazelcast.socket.bind.any=false >/dev/null
    fi
    # Payara's own MicroProfile Health endpoint is /health too: it answers {"status":"UP","checks":[]} whenever
    # Errand is not deployed (before the deployment, or after one that failed), which a wait for Errand's /health
    # took for Errand up. Errand's /health is the only one (docs/payara.md).
    if ! grep -q '<microprofile-healthcheck-configuration [^>]*enabled="false"' "$domain_dir/config/domain.xml"; then
        asadmin set-microprofile-healthcheck-configuration --enabled=false >/dev/null
    fi
    # Payara's own MicroProfile OpenAPI endpoint is /openapi too, and would answer in place of Errand's, whose
    # document is generated at build time so that WildFly and Payara serve the same one (docs/rest-api.md#openapi)
    if ! grep -q '<microprofile-openapi-configuration [^>]*enabled="false"' "$domain_dir/config/domain.xml"; then
        asadmin set-openapi-configuration --enabled=false >/dev/null
    fi
    # the password store (aliases above) is encrypted with the master password, by default the well-known
    # "changeit": readable by this user only
    chmod 600 "$domain_dir/config/domain-passwords"

    if $alias_changed || "$home/bin/asadmin" list-domains 2>/dev/null | grep -q "^$domain running, restart required"; then
        log "restarting domain $domain to apply the configuration"
        "$home/bin/asadmin" --interactive=false restart-domain "$domain" >/dev/null
    fi
    log "domain $domain configured"
}

deploy() {
    configure
    [[ -f "$war" ]] || die "no $war (run: mvn -Ppayara -DskipTests package)"
    # undeploy + deploy rather than deploy --force: a forced redeploy of this WAR failed here in Weld
    # ("WELD-000163: Non-unique bean deployment identifier") and left the application undeployed
    if asadmin list-applications 2>/dev/null | grep -q '^errand '; then
        asadmin undeploy errand >/dev/null
    fi
    # A domain that has run an earlier Errand keeps some of its state (its persistence unit's closed
    # EntityManagerFactory), which fails the next deployment's start: only a domain this run started empty is clean.
    if ! $started_empty; then
        log "restarting domain $domain: it ran an earlier Errand"
        "$home/bin/asadmin" --interactive=false restart-domain "$domain" >/dev/null
    fi
    log "deploying $war"
    asadmin deploy --name errand --contextroot / "$war" >/dev/null
    local i
    for i in $(seq 1 120); do
        # Errand's answer (it names the broker), not a 200 from whatever else answers /health
        if curl -sf "http://127.0.0.1:$http_port/health" 2>/dev/null | grep -q '"status":"UP".*"broker":"UP"'; then
            log "Errand is up on http://127.0.0.1:$http_port/"
            return
        fi
        sleep 0.5
    done
    die "Errand did not report healthy within 60 s; see $domain_dir/logs/server.log"
}

stop() {
    [[ -x "$home/bin/asadmin" ]] || return 0
    "$home/bin/asadmin" --interactive=false stop-domain "$domain" >/dev/null 2>&1 || true
    log "domain $domain stopped"
}

urls() {
    echo "  Errand           http://127.0.0.1:$http_port/  (API /api, health /health, metrics /metrics)"
    echo "  Payara console   http://127.0.0.1:$admin_port/  user admin, password $([[ -n "${ERRAND_PAYARA_ADMIN_PASSWORD:-}" ]] && echo "from ERRAND_PAYARA_ADMIN_PASSWORD" || echo "in $admin_password_file")"
}

case "${1:-}" in
    configure) configure ;;
    deploy) deploy ;;
    stop) stop ;;
    urls) urls ;;
    *) sed -n '2,24p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac
