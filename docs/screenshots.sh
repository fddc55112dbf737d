#!/usr/bin/env bash
# Regenerates the server console screenshots of docs/monitoring.md in headless Chromium (Debian chromium +
# chromium-driver, driven by Selenium: src/test/java/dev/errand/docs/ConsoleScreenshots.java):
#   docs/wildfly-console-errand-jobs.png, docs/wildfly-console-datasource.png    (WildFly's management console)
#   docs/payara-console-monitoring.png, docs/artemis-console-errand-jobs.png     (Payara's admin console, Artemis console)
# For each server in turn: a fresh database, Errand started with `server-config/errand run`, 22 jobs (succeeded,
# failed, scheduled, running), the console logged into and photographed, the server stopped.
#
#   docs/screenshots.sh [wildfly] [payara]     (no argument: both)
#
# Ports and names stay clear of `errand run` and the test servers; the environment overrides them:
#   ERRAND_SHOTS_DB            database (errand_shots; recreated for each server, dropped at the end)
#   ERRAND_SHOTS_PORT_OFFSET   WildFly port offset (400: HTTP 8480, management 10390)
#   ERRAND_PAYARA_PORTBASE (15000: HTTP 15080, admin 15048), ERRAND_PAYARA_DOMAIN (errand-shots)
#   ERRAND_BROKER_PORT (62016), ERRAND_BROKER_CONSOLE_PORT (62017), ERRAND_BROKER_INSTANCE (target/screenshots/artemis-broker)
# Credentials are generated for the run and kept in files under target/screenshots (mode 600), never printed:
# Errand's administrator, and a WildFly management user added with add-user.sh to the screenshot server's own copy
# of the configuration (target/screenshots/wildfly): the shipped configuration is not touched. (add-user.sh takes
# the password as an argument: it is in the process list while add-user.sh runs, a second or two.)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="$root/target/screenshots"
db="${ERRAND_SHOTS_DB:-errand_shots}"
offset="${ERRAND_SHOTS_PORT_OFFSET:-400}"
export ERRAND_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db"
export ERRAND_PAYARA_PORTBASE="${ERRAND_PAYARA_PORTBASE:-15000}"
export ERRAND_PAYARA_DOMAIN="${ERRAND_PAYARA_DOMAIN:-errand-shots}"
export ERRAND_BROKER_PORT="${ERRAND_BROKER_PORT:-62016}"
export ERRAND_BROKER_CONSOLE_PORT="${ERRAND_BROKER_CONSOLE_PORT:-62017}"
export ERRAND_BROKER_INSTANCE="${ERRAND_BROKER_INSTANCE:-$work/artemis-broker}"
unset ERRAND_SERVER ERRAND_BROKER

log() { echo "screenshots: $*"; }
die() { echo "screenshots: $*" >&2; exit 1; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
secret() { (umask 077; head -c 18 /dev/urandom | base64 | tr -d '/+=' >"$1"); }

# waits (up to 5 min) until `errand run` has written READY into LOG and Errand answers on PORT
await_errand() {
    local port="$1" pid="$2" log="$3" ready="$4" i
    for i in $(seq 1 600); do
        if grep -q -e "$ready" "$log" && curl -sf -o /dev/null "http://127.0.0.1:$port/health"; then
            return
        fi
        kill -0 "$pid" 2>/dev/null || die "the server stopped during start; see its log in $work"
        sleep 0.5
    done
    die "Errand did not answer on port $port within 5 minutes; see the logs in $work"
}

server_pid="" payara_started=false
stop_server() {
    if [[ -n "$server_pid" ]]; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
        server_pid=""
    fi
    # run.sh stops what it started when it gets the TERM; after a failed start it has exited already
    if $payara_started; then
        "$root/server-config/payara/payara.sh" stop >/dev/null || true
        "$root/server-config/artemis/broker.sh" stop >/dev/null || true
        payara_started=false
    fi
}
trap stop_server EXIT

# the browser part; its whole output (Selenium's included) in target/screenshots/SERVER-browser.log
shoot() {
    local server="$1" out="$work/$1-browser.log"; shift
    if ! ERRAND_ADMIN_PASSWORD="$(cat "$work/errand-admin-password")" \
        java -cp "$root/target/test-classes:$(cat "$work/classpath")" -Derrand.docs.dir="$root/docs" "$@" \
        dev.errand.docs.ConsoleScreenshots "$server" >"$out" 2>&1; then
        tail -n 30 "$out" >&2
        die "the screenshots on $server failed; see $out"
    fi
    grep '^screenshots:' "$out" || true
}

wildfly() {
    local http=$((8080 + offset)) management=$((9990 + offset)) base="$work/wildfly"
    ! listening "$http" && ! listening "$management" || die "port $http or $management is in use"
    "$root/server-config/postgres/ensure-db.sh" --fresh "$db" >/dev/null
    # the screenshot server's own base directory: configuration (with the management user) and deployment
    rm -rf "$base"
    mkdir -p "$base/deployments"
    cp -r "$root/target/server/standalone/configuration" "$base/"
    cp "$root/target/server/standalone/deployments/errand.war" "$base/deployments/"
    secret "$work/wildfly-management-password"
    "$root/target/server/bin/add-user.sh" -sc "$base/configuration" -s \
        -u errand-console -p "$(cat "$work/wildfly-management-password")"
    log "starting Errand on WildFly (HTTP $http, management $management; log $work/wildfly.log)"
    ERRAND_ADMIN_PASSWORD="$(cat "$work/errand-admin-password")" ERRAND_PUBLIC_URL="http://127.0.0.1:$http" \
        "$root/server-config/errand" run -Djboss.server.base.dir="$base" -Djboss.socket.binding.port-offset="$offset" \
        >"$work/wildfly.log" 2>&1 &
    server_pid=$!
    await_errand "$http" "$server_pid" "$work/wildfly.log" WFLYSRV0025
    shoot wildfly -Derrand.test.baseUrl="http://127.0.0.1:$http" -Derrand.shots.console="http://127.0.0.1:$management" \
        -Derrand.shots.user=errand-console -Derrand.shots.passwordFile="$work/wildfly-management-password"
    stop_server
}

payara() {
    local http=$((ERRAND_PAYARA_PORTBASE + 80)) admin=$((ERRAND_PAYARA_PORTBASE + 48))
    ! listening "$http" && ! listening "$admin" && ! listening "$ERRAND_BROKER_PORT" \
        || die "port $http, $admin or $ERRAND_BROKER_PORT is in use"
    "$root/server-config/postgres/ensure-db.sh" --fresh "$db" >/dev/null
    rm -rf "$ERRAND_BROKER_INSTANCE"   # fresh queues and counters
    # a fresh domain: redeploying into one that starts with the last run's Errand failed here (the new
    # deployment's singletons met "a closed EntityManagerFactory")
    if [[ -d "$root/target/payara/glassfish/domains/$ERRAND_PAYARA_DOMAIN" ]]; then
        "$root/target/payara/bin/asadmin" delete-domain "$ERRAND_PAYARA_DOMAIN" >/dev/null
    fi
    log "starting Errand on Payara (HTTP $http, admin $admin, broker $ERRAND_BROKER_PORT; log $work/payara.log)"
    payara_started=true
    ERRAND_SERVER=payara ERRAND_ADMIN_PASSWORD="$(cat "$work/errand-admin-password")" \
        "$root/server-config/errand" run >"$work/payara.log" 2>&1 &
    server_pid=$!
    # run.sh redeploys into a domain that may still hold the last run's deployment: its banner marks the end
    await_errand "$http" "$server_pid" "$work/payara.log" "^Errand runs on Payara"
    local broker=()
    if [[ "$ERRAND_BROKER_CONSOLE_PORT" != none ]]; then
        broker=(-Derrand.shots.broker="http://127.0.0.1:$ERRAND_BROKER_CONSOLE_PORT"
                -Derrand.shots.brokerPasswordFile="$ERRAND_BROKER_INSTANCE/etc/errand-password")
    fi
    shoot payara -Derrand.test.baseUrl="http://127.0.0.1:$http" -Derrand.shots.console="http://127.0.0.1:$admin" \
        -Derrand.shots.user=admin \
        -Derrand.shots.passwordFile="$root/target/payara/glassfish/domains/$ERRAND_PAYARA_DOMAIN/config/errand-admin-password" \
        "${broker[@]}"
    stop_server
}

servers=("$@")
((${#servers[@]})) || servers=(wildfly payara)
for s in "${servers[@]}"; do
    [[ "$s" == wildfly || "$s" == payara ]] || die "unknown server: $s (wildfly or payara)"
done
command -v chromium >/dev/null && command -v chromedriver >/dev/null \
    || die "needs Debian's chromium and chromium-driver (apt-get install chromium chromium-driver)"

mkdir -p "$work"
log "building (mvn -Ppayara package, test classes, class path)"
(cd "$root" && mvn -B -q -ntp -Ppayara -DskipTests package dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$work/classpath" >/dev/null)
secret "$work/errand-admin-password"
for s in "${servers[@]}"; do
    "$s"
done
psql -X -q -h 127.0.0.1 -U postgres -d postgres -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
log "done: $(cd "$root" && ls docs/*console*.png | tr '\n' ' ')"
