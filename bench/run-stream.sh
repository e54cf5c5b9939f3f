#!/usr/bin/env bash
# Streaming SQL: ingest throughput into a table feeding 5 materialized views (an aggregate, a join
# with a second table, a TopN, a tumbling-window aggregate, a filter) and query latency on the
# views, over pgjdbc. Patina's engine runs in-process (RocksDB under $WORK, or in memory with
# MEMORY=1); the peer is a throwaway PostgreSQL 15 with the same tables and plain views, queried
# after the same ingest.
#
#   bench/run-stream.sh                       # 100,000 rows in batches of 500, 200 queries each
#   ROWS=20000 BATCH=100 QUERIES=200 bench/run-stream.sh
#   ONLY=patina bench/run-stream.sh           # one side only (patina or postgres)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bin/jdk.sh
source "$root/bin/jdk.sh"
patina_select_jdk || exit 1

ROWS="${ROWS:-100000}"
BATCH="${BATCH:-500}"
QUERIES="${QUERIES:-200}"
ONLY="${ONLY:-}"
WORK="${WORK:-/tmp/patina-stream-bench}"
PG_BIN="${PG_BIN:-/usr/lib/postgresql/15/bin}"

rm -rf "$WORK" && mkdir -p "$WORK"
echo "building the harness ..." >&2
(cd "$root" && mvn -B -q -o -Dstyle.color=never -Dspotless.check.skip=true -Dspotless.apply.skip=true \
  -pl bench compile dependency:build-classpath -Dmdep.outputFile=target/stream.classpath >&2)
# A private copy of the harness and of the engine's jar: other builds may replace them in ~/.m2 or
# target/ while the benchmark runs.
mkdir -p "$WORK/lib"
cp -r "$root/bench/target/classes" "$WORK/lib/bench-classes"
cp=""
for entry in $(tr ':' ' ' <"$root/bench/target/stream.classpath"); do
  case "$entry" in
    */dev/patina/*) cp "$entry" "$WORK/lib/" && entry="$WORK/lib/$(basename "$entry")" ;;
  esac
  cp="$cp:$entry"
done
cp="$WORK/lib/bench-classes$cp"
harness() {
  "$JAVA_HOME/bin/java" -XX:+UseParallelGC --enable-native-access=ALL-UNNAMED -cp "$cp" dev.patina.bench.stream.StreamIngestBenchmark \
    "$@" --rows "$ROWS" --batch "$BATCH" --queries "$QUERIES"
}

if [[ -z "$ONLY" || "$ONLY" == patina ]]; then
  if [[ -n "${MEMORY:-}" ]]; then harness patina; else harness patina --data "$WORK/patina-data"; fi
fi

if [[ -z "$ONLY" || "$ONLY" == postgres ]]; then
  if [[ ! -x "$PG_BIN/initdb" ]]; then
    echo "PostgreSQL not found in $PG_BIN (apt-get install postgresql-15): skipping the peer" >&2
    exit 0
  fi
  as_pg=()
  if [[ "$(id -u)" == 0 ]]; then as_pg=(runuser -u postgres --); chown postgres "$WORK"; fi
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  "${as_pg[@]}" "$PG_BIN/initdb" -D "$WORK/pg" -U postgres -A trust >"$WORK/initdb.log"
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -l "$WORK/pg.log" -w \
    -o "-p $port -k $WORK -c listen_addresses=127.0.0.1" start >/dev/null
  trap '"${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$WORK/pg" -m fast -w stop >/dev/null' EXIT
  harness postgres --url "jdbc:postgresql://127.0.0.1:$port/postgres"
fi
