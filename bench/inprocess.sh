#!/usr/bin/env bash
# Builds target/bench/errand.war: a copy of the shipped WAR plus bench/inprocess/*.java (the in-process scenario's
# servlet, InProcessEnqueue, and jit.sh's RequestFloor). Only the bench's own server deploys it (bench/server.sh,
# ERRAND_BENCH_WAR).
#
#   bench/inprocess.sh      prints the path of the WAR it built; needs `mvn -DskipTests package` done
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
war="$root/target/errand.war"
[[ -f $war ]] || { echo "no $war: run mvn -DskipTests package first" >&2; exit 1; }
api=$(find ~/.m2/repository/jakarta/platform/jakarta.jakartaee-api/10.0.0 -name 'jakarta.jakartaee-api-10.0.0.jar' | head -1)
[[ -n $api ]] || { echo "jakarta.jakartaee-api 10.0.0 not in ~/.m2 (the project's build puts it there)" >&2; exit 1; }
work="$root/target/bench"; rm -rf "$work"; mkdir -p "$work/WEB-INF/classes"
javac --release 17 -nowarn -d "$work/WEB-INF/classes" -cp "$root/target/classes:$api" "$root"/bench/inprocess/*.java
cp "$war" "$work/errand.war"
(cd "$work" && jar uf errand.war WEB-INF/classes)
echo "$work/errand.war"
