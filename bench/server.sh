# Sourced by bench/compare.sh and bench/million.sh: an Errand server of the bench's own, from target/server (built
# by `mvn -DskipTests package`), on its own database, base directory and port offset, with a fixed 1 GiB heap.
#
#   start_errand OFFSET DB LOG   sets errand_pid, errand_port, errand_cli, boot_s; stops the server at exit
#   heap_mark                    marks the GC log: heap_max_since_mark then prints the highest heap use (MB) since
#   heap_max_since_mark          (the heap just before each collection, from the JVM's own GC log: no sampling
#                                 process competing for the two CPUs)
#   ERRAND_BENCH_WAR=PATH         deploys this WAR instead of the built one (bench/inprocess.sh's, with the
#                                 in-process scenario's servlet)
#   ERRAND_BENCH_JAVA_OPTS=...    more JVM flags, e.g. -XX:FlightRecorderOptions=stackdepth=256 for a profile
#   ERRAND_BENCH_CLI='cmd1,cmd2'  CLI commands applied offline to this server's copy of the configuration before it
#                                 starts: an A/B of a setting (e.g. /subsystem=transactions:write-attribute(...))
#
# Needs root (the repository) and ERRAND_ADMIN_PASSWORD set by the caller.

start_errand() {
    local offset=$1 db=$2 log=$3
    "$root/server-config/postgres/ensure-db.sh" --fresh "$db" >/dev/null
    errand_base="/tmp/errand-bench-base-$offset"; rm -rf "$errand_base"
    cp -r "$root/target/server/standalone" "$errand_base"; rm -rf "$errand_base"/{data,log,tmp}
    if [[ -n "${ERRAND_BENCH_WAR:-}" ]]; then
        cp "$ERRAND_BENCH_WAR" "$errand_base/deployments/errand.war"
    fi
    if [[ -n "${ERRAND_BENCH_CLI:-}" ]]; then
        JAVA_OPTS="-Djboss.server.base.dir=$errand_base" "$root/target/server/bin/jboss-cli.sh" \
            --commands="embed-server --server-config=standalone-full.xml,$ERRAND_BENCH_CLI,stop-embedded-server" \
            > "$errand_base/bench-cli.log" 2>&1 || { echo "ERRAND_BENCH_CLI failed: see $errand_base/bench-cli.log" >&2; exit 1; }
    fi
    errand_port=$((8080 + offset))
    if curl -s -o /dev/null "http://127.0.0.1:$errand_port/health"; then
        echo "port $errand_port is taken" >&2; exit 1
    fi
    local start; start=$(date +%s.%N)
    ERRAND_DB_URL="jdbc:postgresql://127.0.0.1:5432/$db" LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_JAVA_SIZING="-Xms1g -Xmx1g -Xlog:gc:file=$errand_base/gc.log ${ERRAND_BENCH_JAVA_OPTS:-}" \
        setsid "$root/target/server/bin/standalone.sh" -c standalone-full.xml -Djboss.server.base.dir="$errand_base" \
        -Djboss.socket.binding.port-offset="$offset" > "$log" 2>&1 &
    errand_group=$!
    trap 'kill -- -$errand_group 2>/dev/null || true' EXIT
    until curl -sf "http://127.0.0.1:$errand_port/health" >/dev/null; do
        kill -0 "$errand_group" 2>/dev/null || { echo "Errand did not start: see $log" >&2; exit 1; }
        sleep 0.2
    done
    boot_s=$(echo "$(date +%s.%N) - $start" | bc)
    errand_pid=$(pgrep -f "java .*-Djboss.server.base.dir=$errand_base" | head -1)
    errand_cli="$root/target/server/bin/jboss-cli.sh --connect --controller=127.0.0.1:$((9990 + offset))"
    echo "Errand up in ${boot_s}s (pid $errand_pid, http://127.0.0.1:$errand_port)"
}

heap_mark() {
    heap_lines=$(wc -l < "$errand_base/gc.log")
}

heap_max_since_mark() {
    tail -n +"$((heap_lines + 1))" "$errand_base/gc.log" | sed -nE 's/.* ([0-9]+)M->[0-9]+M\([0-9]+M\).*/\1/p' \
        | sort -n | tail -n 1 | grep . || echo 0
}
