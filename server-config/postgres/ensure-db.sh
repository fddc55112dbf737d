#!/usr/bin/env bash
# ensure-db.sh [--fresh] DBNAME
#   Starts the local PostgreSQL cluster if it does not answer on 127.0.0.1:5432, then creates DBNAME
#   if it is missing. With --fresh, drops DBNAME first (closing its connections) and creates it again.
#   Connection: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres); trust authentication expected.
set -euo pipefail

fresh=false
if [[ "${1:-}" == "--fresh" ]]; then fresh=true; shift; fi
db="${1:-}"
if [[ -z "$db" || "$db" == -* ]]; then
    echo "usage: $0 [--fresh] DBNAME" >&2
    exit 2
fi
if [[ ! "$db" =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]]; then
    echo "ensure-db: invalid database name: $db" >&2
    exit 2
fi

export PGHOST="${PGHOST:-127.0.0.1}" PGPORT="${PGPORT:-5432}" PGUSER="${PGUSER:-postgres}"

if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
    if command -v pg_ctlcluster >/dev/null && [[ -d /etc/postgresql ]]; then
        version="$(ls /etc/postgresql | sort -V | tail -n 1)"
        echo "ensure-db: starting PostgreSQL $version/main"
        pg_ctlcluster --skip-systemctl-redirect "$version" main start || true
    else
        echo "ensure-db: PostgreSQL is not running on $PGHOST:$PGPORT and no local cluster was found" >&2
        exit 1
    fi
    for _ in $(seq 1 60); do
        pg_isready -q -h "$PGHOST" -p "$PGPORT" && break
        sleep 0.5
    done
    if ! pg_isready -q -h "$PGHOST" -p "$PGPORT"; then
        echo "ensure-db: PostgreSQL did not become ready on $PGHOST:$PGPORT" >&2
        exit 1
    fi
fi

psql_admin() { psql -X -q -v ON_ERROR_STOP=1 -d postgres "$@"; }

exists="$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$db'")"
if [[ "$fresh" == true && "$exists" == 1 ]]; then
    echo "ensure-db: dropping database $db"
    psql_admin -c "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '$db' AND pid <> pg_backend_pid()" >/dev/null
    psql_admin -c "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)"
    exists=""
fi
if [[ "$exists" != 1 ]]; then
    echo "ensure-db: creating database $db"
    psql_admin -c "CREATE DATABASE \"$db\""
else
    echo "ensure-db: database $db exists"
fi
