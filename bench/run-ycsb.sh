#!/usr/bin/env bash
# YCSB workloads A, B, C, E (1 KB values, zipfian keys, 32 client threads) through each system's
# official Java client: Patina (`bin/patina up`; tikv-client-java 3.3.5, raw API) and etcd 3.4
# (Debian's etcd-server; jetcd-core 0.8.6). Starts each server itself on a fresh data directory,
# one at a time, loads the records, runs the workloads and prints a table.
#
#   bench/run-ycsb.sh                          # 1,000,000 records, 30 s per workload (+5 s warm-up)
#   RECORDS=200000 SECONDS_PER=20 bench/run-ycsb.sh
#   ONLY=patina bench/run-ycsb.sh              # one side only (patina or etcd)
#
# Results and logs go to $WORK (default /tmp/patina-ycsb). Needs `etcd` on the PATH
# (apt-get install etcd-server) for the etcd side.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bin/jdk.sh
source "$root/bin/jdk.sh"
patina_select_jdk || exit 1

RECORDS="${RECORDS:-1000000}"
THREADS="${THREADS:-32}"
SECONDS_PER="${SECONDS_PER:-30}"
WARMUP="${WARMUP:-5}"
WORKLOADS="${WORKLOADS:-A,B,C,E}"
ONLY="${ONLY:-}"
WORK="${WORK:-/tmp/patina-ycsb}"
# Ports away from the defaults, so a running `patina up` or etcd is not disturbed.
PD_PORT="${PD_PORT:-23790}"
KV_PORT="${KV_PORT:-20360}"
KV_STATUS_PORT="${KV_STATUS_PORT:-20380}"
ETCD_PORT="${ETCD_PORT:-23890}"
ETCD_PEER_PORT="${ETCD_PEER_PORT:-23891}"

mkdir -p "$WORK"
echo "building the patina jar and the harness ..." >&2
"$root/bin/patina" --version >/dev/null
(cd "$root" && mvn -B -q -Dstyle.color=never -Dspotless.check.skip=true -Dspotless.apply.skip=true \
  -pl bench compile dependency:build-classpath -Dmdep.outputFile=target/ycsb.classpath >&2)
all_cp="$(cat "$root/bench/target/ycsb.classpath")"
# tikv-client-java bundles an old jetcd unshaded: each side runs with only its own client.
only_cp() { tr ':' '\n' <<<"$all_cp" | grep -Ev "$1" | paste -sd: -; }
patina_cp="$root/bench/target/classes:$(only_cp '/io/etcd/|/io/vertx/')"
etcd_cp="$root/bench/target/classes:$(only_cp '/org/tikv/')"

harness() { # store endpoint classpath
  "$JAVA_HOME/bin/java" -XX:+UseParallelGC -cp "$3" dev.patina.bench.ycsb.Ycsb \
    --store "$1" --endpoint "$2" --records "$RECORDS" --threads "$THREADS" \
    --seconds "$SECONDS_PER" --warmup "$WARMUP" --workloads "$WORKLOADS" \
    2>"$WORK/$1.client.log" | tee "$WORK/$1.results"
}

stop() { # pid
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

run_patina() {
  rm -rf "$WORK/patina-data"
  # `bin/patina up`, minus its staleness check (the jar was built above), with its JVM options.
  "$JAVA_HOME/bin/java" -XX:+UseParallelGC -Xss16m ${PATINA_JAVA_OPTS:-} -jar "$root/cli/target/patina.jar" \
    up --data-dir "$WORK/patina-data" --pd-port "$PD_PORT" --kv-port "$KV_PORT" \
    --status-port "$KV_STATUS_PORT" >"$WORK/patina.out" 2>"$WORK/patina.log" &
  local pid=$!
  for _ in $(seq 1 240); do
    grep -q "Press Ctrl-C" "$WORK/patina.out" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/patina.log" >&2; exit 1; }
    sleep 0.5
  done
  grep -q "Press Ctrl-C" "$WORK/patina.out" || { echo "patina did not start" >&2; stop "$pid"; exit 1; }
  harness patina "127.0.0.1:$PD_PORT" "$patina_cp" || { stop "$pid"; exit 1; }
  du -sh "$WORK/patina-data" | sed 's/^/patina data: /'
  stop "$pid"
}

run_etcd() {
  command -v etcd >/dev/null || { echo "etcd is not installed (apt-get install etcd-server)" >&2; exit 1; }
  rm -rf "$WORK/etcd-data"
  # etcd's defaults but for the backend quota (2 GB would not hold 1M 1 KB records and updates).
  etcd --name ycsb --data-dir "$WORK/etcd-data" \
    --listen-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --advertise-client-urls "http://127.0.0.1:$ETCD_PORT" \
    --listen-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls "http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster "ycsb=http://127.0.0.1:$ETCD_PEER_PORT" \
    --quota-backend-bytes $((8 * 1024 * 1024 * 1024)) \
    --logger zap --log-level warn >"$WORK/etcd.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$ETCD_PORT/health" >/dev/null && break
    kill -0 "$pid" 2>/dev/null || { cat "$WORK/etcd.log" >&2; exit 1; }
    sleep 0.5
  done
  curl -sf "http://127.0.0.1:$ETCD_PORT/health" >/dev/null || { echo "etcd did not start" >&2; stop "$pid"; exit 1; }
  harness etcd "127.0.0.1:$ETCD_PORT" "$etcd_cp" || { stop "$pid"; exit 1; }
  du -sh "$WORK/etcd-data" | sed 's/^/etcd data: /'
  stop "$pid"
}

[[ "$ONLY" == "" || "$ONLY" == "patina" ]] && run_patina
[[ "$ONLY" == "" || "$ONLY" == "etcd" ]] && run_etcd

echo
echo "YCSB: $RECORDS records x 1 KB, $THREADS threads, ${SECONDS_PER}s per workload (+${WARMUP}s warm-up)"
awk '
  /^RESULT/ { ops[$3, $2] = $4; p50[$3, $2] = $5; p99[$3, $2] = $6; err[$3, $2] = $8
              if (!seen[$3]++) order[n++] = $3 }
  END {
    printf "%-8s | %12s %9s %9s | %12s %9s %9s\n", "workload", "patina op/s", "p50 us", "p99 us", "etcd op/s", "p50 us", "p99 us"
    for (i = 0; i < n; i++) {
      w = order[i]
      printf "%-8s | %12s %9s %9s | %12s %9s %9s\n", w, ops[w, "patina"], p50[w, "patina"], p99[w, "patina"], ops[w, "etcd"], p50[w, "etcd"], p99[w, "etcd"]
    }
  }' "$WORK"/patina.results "$WORK"/etcd.results 2>/dev/null
