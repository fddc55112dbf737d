#!/usr/bin/env bash
# bench/million.sh: 1,000,000 jobs enqueued in batches (1,000 a request, 4 clients) with the workers stopped, then
# drained, on a server with a fixed 1 GiB heap. Prints the enqueue and drain rates, the heap high-water mark, the
# garbage collector's totals and the broker queue's depth and paging while the backlog was at its largest.
#
#   mvn -q -DskipTests package && bench/million.sh [N=1000000]
#
# Own database (errand_bench_million) and port offset (760 → HTTP 8840); ~15 minutes on this project's machine.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
n=${1:-1000000}
out="$root/bench/results/million-$(date +%Y%m%d-%H%M%S)"; mkdir -p "$out"
export PGHOST=127.0.0.1 PGUSER=postgres
export ERRAND_ADMIN_PASSWORD="bench-$(head -c 12 /dev/urandom | base64 | tr -dc A-Za-z0-9)"
. "$root/bench/server.sh"
start_errand 760 errand_bench_million "$out/server.log"

mdb="/deployment=errand.war/subsystem=ejb3/message-driven-bean=JobWorker"
queue="/subsystem=messaging-activemq/server=default/jms-queue=errand.jobs"
# While paused, the queue is read just before delivery resumes: that is the backlog at its largest; the paging
# directory shows whether the broker had to page it out of memory (address limit 64 MiB, errand.cli).
pause="$errand_cli --command='$mdb:stop-delivery' >/dev/null"
resume="$errand_cli --command='$queue:read-attribute(name=message-count)' | grep result > '$out/queue.txt' 2>&1 || true; \
du -sh '$errand_base/data/activemq/paging' >> '$out/queue.txt' 2>&1 || true; \
$errand_cli --command='$mdb:start-delivery' >/dev/null"

heap_mark
ERRAND_SERVER_PID=$errand_pid ERRAND_BENCH_PAUSE_CMD="$pause" ERRAND_BENCH_RESUME_CMD="$resume" \
    "$root/bench/run.sh" drain "$n" --url="http://127.0.0.1:$errand_port" --timeout=3600 \
    --jdbc=jdbc:postgresql://127.0.0.1:5432/errand_bench_million --force 2>&1 | tee "$out/bench.log"

echo "== heap high-water mark (just before a collection): $(heap_max_since_mark) MB of 1024 (-Xmx1g)"
echo "== garbage collection (jstat -gcutil: young/full collections and seconds):"
jstat -gcutil "$errand_pid" | awk '{print "   " $0}'
echo "== errand.jobs (messages, then paging directory) when the backlog was complete:"; sed 's/^/   /' "$out/queue.txt"
grep -c "OutOfMemoryError" "$out/server.log" | sed 's/^/== OutOfMemoryError lines in the server log: /'
