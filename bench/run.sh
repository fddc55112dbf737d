#!/usr/bin/env bash
# bench/run.sh SCENARIO [ARGS] [--OPTION=VALUE ...]
#   Runs the Errand benchmark (bench/ErrandBench.java, Java 17 single-file program) against a running Errand,
#   e.g. one started by `ERRAND_ADMIN_PASSWORD=... server-config/errand run`. See bench/README.md.
#   Finds the PostgreSQL JDBC driver in ~/.m2 (or fetches it with Maven) and passes every argument through.
#   Extra JVM flags (e.g. -Dbench.url=...) go in BENCH_JAVA_OPTS; POSTGRESQL_JAR names a driver jar explicitly.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
pg_version=42.7.8

usage() {
    cat <<EOF
usage: bench/run.sh SCENARIO [ARGS] [--OPTION=VALUE ...]

scenarios:
  latency [N=200]                 one client, N jobs 20-100 ms apart: POST -> started percentiles
  single  [N=10000] [CLIENTS=16]  POST /api/jobs (one job per request) from CLIENTS threads
  batch   [N=50000] [SIZE=1000]   POST /api/jobs/batch (SIZE jobs per request) from 4 threads
  drain   [N=50000]               enqueue a backlog in batches, then time how fast it empties
  inprocess [N=10000] [THREADS=16] Jobs.submit from THREADS threads inside the server (bench/inprocess.sh's WAR)
  all                             latency 200, single 10000 16, batch 50000 1000, drain 50000

needs: a running Errand and ERRAND_ADMIN_PASSWORD set to its admin password.
options: --url=http://127.0.0.1:8080  --user=admin  --jdbc=jdbc:postgresql://127.0.0.1:5432/errand
         --serverPid=PID (or ERRAND_SERVER_PID: report server CPU ms per job)  --timeout=600  --force
example: ERRAND_SERVER_PID=\$(pgrep -n -f jboss-modules.jar) bench/run.sh single 10000 16
EOF
}

case "${1:-}" in
    "" ) usage >&2; exit 2 ;;
    -h | --help | help ) usage; exit 0 ;;
esac

find_jar() {
    if [[ -n "${POSTGRESQL_JAR:-}" ]]; then
        echo "$POSTGRESQL_JAR"
        return
    fi
    # The newest driver already in the local Maven repository (the server build puts one there).
    ls -1 "$HOME"/.m2/repository/org/postgresql/postgresql/*/postgresql-*.jar 2>/dev/null \
        | grep -Ev -- '-(sources|javadoc)\.jar$' | sort -V | tail -n 1 || true
}

jar="$(find_jar)"
if [[ -z "$jar" ]]; then
    cache="${XDG_CACHE_HOME:-$HOME/.cache}/errand-bench"
    echo "run.sh: fetching org.postgresql:postgresql:$pg_version into $cache" >&2
    mvn -q -B dependency:copy -Dartifact="org.postgresql:postgresql:$pg_version" -DoutputDirectory="$cache" >&2
    jar="$cache/postgresql-$pg_version.jar"
fi
if [[ ! -f "$jar" ]]; then
    echo "run.sh: no PostgreSQL JDBC driver at $jar" >&2
    exit 2
fi

# shellcheck disable=SC2086 # BENCH_JAVA_OPTS is a list of flags
exec java ${BENCH_JAVA_OPTS:-} -cp "$jar" "$here/ErrandBench.java" "$@"
