#!/usr/bin/env bash
# ensure-db.sh [--fresh] DBNAME
#   Starts the local PostgreSQL cluster if it does not answer on 127.0.0.1:5432, then creates DBNAME
#   if it is missing. With --fresh, drops DBNAME first (closing its connections) and creates it again.
#   Then sets up Errand's own role in it (ERRAND_DB_USER, default errand; not a superuser): the role exists with
#   the password ERRAND_DB_PASSWORD, or else one generated once into ERRAND_DB_PASSWORD_FILE
#   (~/.config/errand/db-password, mode 0600), and owns the schema errand (docs/security.md, "Database role").
#   Connection: PGHOST (127.0.0.1), PGPORT (5432), PGUSER (postgres, an administrator); trust authentication expected.
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

# ---------------------------------------------------------------------------------------------------------
# Errand's own login role (docs/security.md, "Secrets"): LOGIN, not a superuser, no CREATEDB/CREATEROLE, owner of
# the database's schema `errand` and nothing else it is given, so the server cannot touch other databases, roles
# or the server's configuration. Idempotent; also hands over the objects an earlier version created as `postgres`.
role="${ERRAND_DB_USER:-errand}"
if [[ ! "$role" =~ ^[a-z_][a-z0-9_]*$ ]]; then
    echo "ensure-db: invalid role name: $role" >&2
    exit 2
fi
if [[ "$(psql_admin -tAc "SELECT rolsuper FROM pg_roles WHERE rolname = '$role'")" == t ]]; then
    echo "ensure-db: $role is a superuser: no role set up (ERRAND_DB_USER names Errand's own role, default errand)"
    exit 0
fi

# The password: ERRAND_DB_PASSWORD, else one generated once and kept in a file only its owner reads. It reaches
# psql on standard input, never on a command line (ps would show it).
password_file="${ERRAND_DB_PASSWORD_FILE:-${XDG_CONFIG_HOME:-$HOME/.config}/errand/db-password}"
if [[ -n "${ERRAND_DB_PASSWORD:-}" ]]; then
    password="$ERRAND_DB_PASSWORD"
else
    if [[ ! -s "$password_file" ]]; then
        (umask 077 && mkdir -p "$(dirname "$password_file")" \
            && head -c 24 /dev/urandom | base64 | tr -d '/+=\n' > "$password_file")
        echo "ensure-db: generated the password of role $role into $password_file"
    fi
    chmod 600 "$password_file"
    password="$(cat "$password_file")"
fi
password="${password//\'/\'\'}" # doubled: one quote would end the literal below

psql_admin <<SQL
SET client_min_messages = warning;
DO \$\$ BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$role') THEN
        CREATE ROLE "$role";
    END IF;
END \$\$;
ALTER ROLE "$role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD '$password';
-- Unqualified names go to public as they did for postgres: the servers' EJB timer tables (WildFly's jboss_ejb_timer
-- at boot, Payara's EJB__TIMER__TBL) must not land in the schema errand, whose first migration wants it empty
-- ("\$user" would pick the schema named like the role).
ALTER ROLE "$role" SET search_path = public;
SQL
unset password

psql -X -q -v ON_ERROR_STOP=1 -d "$db" <<SQL
SET client_min_messages = warning;
GRANT CONNECT, TEMPORARY ON DATABASE "$db" TO "$role";
CREATE SCHEMA IF NOT EXISTS errand AUTHORIZATION "$role";
ALTER SCHEMA errand OWNER TO "$role";
-- the EJB timer table each server creates in public, and only that: no other object of public is its
GRANT USAGE, CREATE ON SCHEMA public TO "$role";
ALTER TABLE IF EXISTS public.jboss_ejb_timer OWNER TO "$role";
ALTER TABLE IF EXISTS public."EJB__TIMER__TBL" OWNER TO "$role";
-- objects an earlier version created as postgres
DO \$\$
DECLARE o record;
BEGIN
    -- tables (with their indexes, serial sequences and triggers) first, then what is left (standalone sequences, views)
    FOR o IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'errand' AND c.relkind IN ('r', 'p')
               AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = '$role') LOOP
        EXECUTE format('ALTER TABLE errand.%I OWNER TO %I', o.relname, '$role');
    END LOOP;
    FOR o IN SELECT c.relname, c.relkind FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = 'errand' AND c.relkind IN ('S', 'v', 'm')
               AND c.relowner <> (SELECT oid FROM pg_roles WHERE rolname = '$role') LOOP
        EXECUTE format(CASE o.relkind WHEN 'S' THEN 'ALTER SEQUENCE errand.%I OWNER TO %I'
                                      WHEN 'v' THEN 'ALTER VIEW errand.%I OWNER TO %I'
                                      ELSE 'ALTER MATERIALIZED VIEW errand.%I OWNER TO %I' END, o.relname, '$role');
    END LOOP;
    FOR o IN SELECT p.oid::regprocedure AS f FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
             WHERE n.nspname = 'errand' AND p.proowner <> (SELECT oid FROM pg_roles WHERE rolname = '$role') LOOP
        EXECUTE format('ALTER FUNCTION %s OWNER TO %I', o.f, '$role');
    END LOOP;
END \$\$;
SQL
echo "ensure-db: role $role owns schema errand in $db"
