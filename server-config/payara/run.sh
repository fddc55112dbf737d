#!/usr/bin/env bash
# `ERRAND_SERVER=payara server-config/errand run`: builds the WAR and the Payara/Artemis parts, starts the standalone
# Artemis broker and the Payara domain "errand", deploys Errand, prints the URLs and where the credentials are, then
# follows the server log; Ctrl-C (or TERM) stops Payara and the broker. PostgreSQL is made ready by server-config/errand.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
broker="$root/server-config/artemis/broker.sh"
payara="$root/server-config/payara/payara.sh"

echo "errand: building (mvn -Ppayara package)"
(cd "$root" && mvn -B -q -ntp -Ppayara -Dmaven.test.skip=true package >/dev/null)
follower=""
stop() {
    "$payara" stop || true
    "$broker" stop || true
    # a TERM reaches this script only (Ctrl-C reaches the whole process group): the log follower goes too
    [[ -n "$follower" ]] && kill "$follower" 2>/dev/null || true
}
# set before anything starts: a TERM during the start (handled once the running step returns) stops it all
trap 'stop; exit 0' INT TERM
"$broker" start
"$payara" deploy

# The generated password is shown once, at the first start, in the server log (WildFly's console shows it there too).
admin_password() {
    local generated
    generated="$(sed -n 's/^Administrator: admin   password: //p' \
        "$root/target/payara/glassfish/domains/${ERRAND_PAYARA_DOMAIN:-errand}/logs/server.log" 2>/dev/null | tail -n 1)"
    if [[ -n "${ERRAND_ADMIN_PASSWORD:-}" ]]; then echo "from ERRAND_ADMIN_PASSWORD"
    elif [[ -n "$generated" ]]; then echo "$generated  (generated at the first start; set ERRAND_ADMIN_PASSWORD to choose it)"
    else echo "the one generated at the first start (shown then)"; fi
}
console="${ERRAND_BROKER_CONSOLE_PORT:-8161}"
cat <<INFO

Errand runs on Payara. Ctrl-C stops Payara and the broker.
$("$payara" urls)
  Artemis console  $([[ "$console" == none ]] && echo "(disabled)" || echo "http://${ERRAND_BROKER_HOST:-127.0.0.1}:$console/console")  user ${ERRAND_BROKER_CONSOLE_USER:-console}, password in $("$broker" console-password)
  Errand admin     user admin, password: $(admin_password)
  Server log       $root/target/payara/glassfish/domains/${ERRAND_PAYARA_DOMAIN:-errand}/logs/server.log

INFO
tail -n 0 -F "$root/target/payara/glassfish/domains/${ERRAND_PAYARA_DOMAIN:-errand}/logs/server.log" &
follower=$!
wait "$follower"
