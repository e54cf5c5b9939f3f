#!/usr/bin/env bash
# TCP echo throughput: the runtime's drivers (NIO, io_uring) against Netty 4.2.18's epoll and
# io_uring transports. Each server runs alone in its own JVM; the same load client (its own JVM:
# N JDK-socket connections on virtual threads, request/response, one message in flight per
# connection) drives it for a warm-up and a measured interval. Prints messages/s, MB/s (payload one
# way), p99 round trip, the server's CPU time per message (user + system, all its threads, read from
# /proc around the measured interval: steadier than msgs/s on a shared machine), and each server's
# ratio to Netty epoll and Netty io_uring from this run. The load average and commit are printed too.
# PERF=1 (where perf is installed) adds the server's system calls and context switches per message.
#
#   bench/run-echo.sh                                   # 64 B and 4 KiB, 64 connections, 10 s each
#   SIZES="64" CONNS=256 DURATION=5 WARMUP=2 bench/run-echo.sh
#   SERVERS="patina-io_uring netty-io_uring" bench/run-echo.sh
#   SERVER_OPTS="-Dpatina.uring.directSend=false" SERVERS=patina-io_uring bench/run-echo.sh
#   NO_BUILD=1 SERVER_OPTS=-Dpatina.net.readYields=-1 SERVERS=patina-nio bench/run-echo.sh
#   PERF=1 bench/run-echo.sh                            # + system calls, context switches per message
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bin/jdk.sh
source "$root/bin/jdk.sh"
patina_select_jdk || exit 1

SIZES="${SIZES:-64 4096}"
CONNS="${CONNS:-64}"
DURATION="${DURATION:-10}"
WARMUP="${WARMUP:-3}"
SERVERS="${SERVERS:-netty-epoll netty-io_uring patina-nio patina-io_uring}"
WORK="${WORK:-/tmp/patina-echo-bench.$$}" # per run: two runs at once must not share it

rm -rf "$WORK" && mkdir -p "$WORK"
if [[ "${NO_BUILD:-0}" != 1 ]]; then # NO_BUILD=1: reuse target/ (A/B loops of this script)
  echo "building the harness ..." >&2
  (cd "$root" && mvn -B -q -o -Dstyle.color=never -Dspotless.check.skip=true -Dspotless.apply.skip=true \
  -pl runtime,http,bench compile dependency:build-classpath -Dmdep.outputFile=target/echo.classpath >&2)
fi
# Private copies of the classes: other builds may rewrite target/ while the benchmark runs.
cp -r "$root/bench/target/classes" "$WORK/bench-classes"
cp -r "$root/runtime/target/classes" "$WORK/runtime-classes"
cp="$WORK/bench-classes:$WORK/runtime-classes"
for entry in $(tr ':' ' ' <"$root/bench/target/echo.classpath"); do
  case "$entry" in
    */runtime/target/classes) ;;
    *) cp="$cp:$entry" ;;
  esac
done
java_run() {
  # shellcheck disable=SC2086
  "$JAVA_HOME/bin/java" ${JAVA_EXTRA:-} -XX:+UseParallelGC -Xms256m -Xmx1g --enable-native-access=ALL-UNNAMED \
    -Dio.netty.leakDetection.level=disabled -cp "$cp" dev.patina.bench.echo.EchoBench "$@"
}

server_pid=""
cleanup() {
  exec 3>&- 2>/dev/null || true
  if [[ -n "$server_pid" ]]; then kill "$server_pid" 2>/dev/null || true; fi
}
trap 'cleanup; rm -rf "$WORK"' EXIT

results="$WORK/results.txt"
: >"$results"
echo "commit $(git -C "$root" rev-parse --short HEAD)$(git -C "$root" diff --quiet HEAD -- runtime bench || echo '+changes'), $(date -u '+%Y-%m-%d %H:%M UTC'), load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for size in $SIZES; do
  for server in $SERVERS; do
    rm -f "$WORK/in" && mkfifo "$WORK/in"
    JAVA_EXTRA="${SERVER_OPTS:-}" java_run server "$server" 0 <"$WORK/in" >"$WORK/$server.out" 2>"$WORK/$server.err" &
    server_pid=$!
    exec 3>"$WORK/in" # the server runs until this closes
    for _ in $(seq 100); do
      grep -q READY "$WORK/$server.out" 2>/dev/null && break
      kill -0 "$server_pid" 2>/dev/null || break
      sleep 0.1
    done
    if ! grep -q READY "$WORK/$server.out"; then
      echo "$server did not start:" >&2
      cat "$WORK/$server.err" >&2
      exec 3>&-
      wait "$server_pid" || true
      server_pid=""
      continue
    fi
    port="$(awk '/READY/ {print $2}' "$WORK/$server.out")"
    pid="$(awk '/READY/ {print $3}' "$WORK/$server.out")"
    perf_out=""
    if [[ "${PERF:-0}" == 1 ]] && command -v perf >/dev/null; then
      # System calls and context switches of the server, inside the measured interval (from 1 s
      # after the warm-up, for DURATION-2 s), per message at the measured rate.
      perf_out="$WORK/$server.$size.perf"
      (sleep $((WARMUP + 1)) && perf stat -x, -e raw_syscalls:sys_enter,context-switches -p "$pid" \
        -- sleep $((DURATION - 2)) 2>"$perf_out" >/dev/null) &
      perf_pid=$!
    fi
    line="$(java_run client "$port" "$CONNS" "$size" "$DURATION" "$WARMUP" "$server" "$pid")"
    if [[ -n "$perf_out" ]]; then
      wait "$perf_pid" || true
      line="$line $(awk -F, -v line="$line" -v secs=$((DURATION - 2)) '
        /sys_enter/ { sys = $1 } /context-switches/ { cs = $1 }
        END { match(line, /msgs_per_s=[0-9]+/); n = substr(line, RSTART + 11, RLENGTH - 11) * secs;
              if (n > 0) printf "syscalls_per_msg=%.2f ctxsw_per_msg=%.2f", sys / n, cs / n }' "$perf_out")"
    fi
    echo "$line" | tee -a "$results"
    exec 3>&-
    wait "$server_pid" || true
    server_pid=""
  done
done

echo
echo "connections=$CONNS duration=${DURATION}s warmup=${WARMUP}s on $(nproc) cores, $(uname -r), load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
# A server listed twice (A/B runs) keeps its last result in this table; the RESULT lines above
# have every run.
awk '
  { split($3, s, "="); split($5, m, "="); split($6, b, "="); split($7, p, "="); split($8, c, "=");
    size = s[2]; srv = $2; rate[srv, size] = m[2]; mb[srv, size] = b[2]; p99[srv, size] = p[2];
    cpu[srv, size] = c[2]; split($9, y, "="); split($10, x, "=");
    sc[srv, size] = ($9 == "" ? "-" : y[2]); cs[srv, size] = ($10 == "" ? "-" : x[2]);
    if (!(size in seen)) { seen[size] = 1; sizes[++ns] = size }
    if (!(srv in known)) { known[srv] = 1; servers[++nv] = srv } }
  END {
    printf "%-16s %6s %12s %9s %9s %8s %9s %9s %10s %12s\n", "server", "size", "msgs/s", "MB/s", "p99 us", "cpu us", "syscalls", "ctxsw", "vs epoll", "vs io_uring"
    for (i = 1; i <= ns; i++) for (j = 1; j <= nv; j++) {
      z = sizes[i]; v = servers[j]; if (!((v, z) in rate)) continue
      e = rate["netty-epoll", z]; u = rate["netty-io_uring", z]
      printf "%-16s %6s %12.0f %9.1f %9s %8s %9s %9s %10s %12s\n", v, z, rate[v, z], mb[v, z], p99[v, z], cpu[v, z], sc[v, z], cs[v, z],
        (e > 0 ? sprintf("%.2f", rate[v, z] / e) : "-"), (u > 0 ? sprintf("%.2f", rate[v, z] / u) : "-")
    }
  }' "$results"
