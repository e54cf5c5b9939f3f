#!/usr/bin/env bash
# One HTTP server alone, one load, one line of figures: for A/B comparisons of a change or a JVM
# flag (run two variants alternately, several times; the shared machine's load moves req/s a lot).
#
#   bench/ab-http.sh patina h1 /json                 # wrk -t2 -c64, 4 s warm-up, 8 s measured
#   bench/ab-http.sh netty h2                        # h2load -t2 -c16 -m10, 75,000 + 300,000 requests
#   bench/ab-http.sh patina h1 /json -Djdk.pollerMode=1     # extra JVM options after the load
#
# Prints req/s, p99 (h1), server CPU µs per request and context switches per request (all of the
# server's threads, from /proc). Servers: patina, netty, jetty (bench/run-http.sh's hello worlds).
# Needs wrk or h2load, curl; builds the bench module once (NO_BUILD=1 to skip).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bin/jdk.sh
source "$root/bin/jdk.sh"
patina_select_jdk || exit 1
[[ $# -ge 2 ]] || { sed -n '2,/^set -euo/p' "$0" | grep '^#'; exit 2; }
name="$1" load="$2"
shift 2
path=/plaintext
if [[ "$load" == h1 ]]; then
  path="${1:-/json}"
  [[ $# -gt 0 ]] && shift
fi
case "$name" in
  patina) class=dev.patina.bench.http.PatinaHello ;;
  netty) class=dev.patina.bench.http.NettyHello ;;
  jetty) class=dev.patina.bench.http.JettyHello ;;
  *) echo "unknown server: $name (patina, netty, jetty)" >&2; exit 2 ;;
esac
port="${PORT:-18190}"
if [[ -z "${NO_BUILD:-}" ]]; then
  (cd "$root" && mvn -B -q -Dstyle.color=never -Dspotless.check.skip=true -Dspotless.apply.skip=true \
    -pl bench -am compile dependency:build-classpath -Dmdep.outputFile=target/http.classpath >&2)
fi
cp="$root/bench/target/classes:$(cat "$root/bench/target/http.classpath")"
log="$(mktemp -d)"
"$JAVA_HOME/bin/java" -XX:+UseParallelGC -Xms512m -Xmx512m \
  --sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED "$@" \
  -cp "$cp" "$class" "$port" >"$log/server.out" 2>"$log/server.err" &
pid=$!
trap 'kill $pid 2>/dev/null || true; wait $pid 2>/dev/null || true; rm -rf "$log"' EXIT
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$port/plaintext" && break; sleep 0.2; done
ticks() { sed 's/^.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }'; }
switches() { cat /proc/"$pid"/task/*/status 2>/dev/null | awk '/ctxt_switches/ { s += $2 } END { print s }'; }
url="http://127.0.0.1:$port$path"
if [[ "$load" == h1 ]]; then
  wrk -t2 -c64 -d4s "$url" >/dev/null
  t0=$(ticks) c0=$(switches)
  wrk -t2 -c64 -d8s --latency "$url" >"$log/out"
  t1=$(ticks) c1=$(switches)
  n=$(awk '/requests in/ { print $1 }' "$log/out")
  rps=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$log/out")
  p99=$(awk '$1 == "99%" { print $2 }' "$log/out")
else
  h2load -t2 -c16 -m10 -n75000 "$url" >/dev/null
  t0=$(ticks) c0=$(switches)
  h2load -t2 -c16 -m10 -n300000 "$url" >"$log/out"
  t1=$(ticks) c1=$(switches)
  n=$(awk '/^requests:/ { print $8 }' "$log/out")
  rps=$(awk '/^finished in/ { printf "%.0f", $4 }' "$log/out")
  p99=n/a
fi
awk -v name="$name $load $path $*" -v rps="$rps" -v p99="$p99" -v n="$n" -v t=$((t1 - t0)) \
  -v c=$((c1 - c0)) -v hz="$(getconf CLK_TCK)" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
  'BEGIN { printf "%s: %d req/s, p99 %s, %.2f CPU us/request, %.2f context switches/request (load %s)\n",
           name, rps, p99, t * 1e6 / hz / n, c / n, load }'
