#!/usr/bin/env bash
# The payara profile's test server (pom.xml, pre-/post-integration-test): a fresh Artemis broker instance and a fresh
# test database, then Errand deployed in the Payara domain errand-it. Ports and database come from the environment
# set by pom.xml (defaults: broker 61716, Payara portbase 14800 -> HTTP 14880, admin 14848, database errand_test_payara2).
#   test-server.sh start | stop
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export ERRAND_BROKER_PORT="${ERRAND_BROKER_PORT:-61716}"
export ERRAND_BROKER_CONSOLE_PORT=none
export ERRAND_BROKER_INSTANCE="${ERRAND_BROKER_INSTANCE:-$root/target/it-artemis}"
export ERRAND_PAYARA_DOMAIN="${ERRAND_PAYARA_DOMAIN:-errand-it}"
export ERRAND_PAYARA_PORTBASE="${ERRAND_PAYARA_PORTBASE:-14800}"
db="${ERRAND_IT_DB:-errand_test_payara2}"
export ERRAND_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db"

case "${1:-}" in
    start)
        "$root/server-config/payara/payara.sh" stop   # releases its connections to the test database
        "$root/server-config/artemis/broker.sh" stop
        rm -rf "$ERRAND_BROKER_INSTANCE"              # an empty journal per run
        "$root/server-config/postgres/ensure-db.sh" --fresh "$db"
        "$root/server-config/artemis/broker.sh" start
        "$root/server-config/payara/payara.sh" deploy
        ;;
    stop)
        "$root/server-config/payara/payara.sh" stop
        "$root/server-config/artemis/broker.sh" stop
        ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
