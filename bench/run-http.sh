#!/usr/bin/env bash
# HTTP hello-world servers side by side: Patina's `http` server, Netty 4.2.18 (epoll), Jetty
# 12.1.14 (core handlers) and Rust's hyper 0.14 on tokio 1.24 (bench/hyper-hello, built offline
# from Debian's crates). Each server is started alone on a pinned port, warmed up, measured with
#   wrk -t2 -c$CONNS -d$DURATION --latency   on /plaintext and /json (HTTP/1.1)
#   h2load -t2 -c$H2_CONNS -m$H2_STREAMS -n$H2_REQUESTS  on /plaintext over h2c (prior knowledge)
# and stopped. A server that does not answer a prior-knowledge HTTP/2 request gets "n/a" in the
# h2c row. Prints requests/s and p99 latency per server and Patina's ratio to each peer, and the
# server's CPU time per request (from /proc: less disturbed by other load on the machine).
#
#   bench/run-http.sh                        # default: 10 s per wrk run, ~4 minutes in all
#   bench/run-http.sh --long                 # 30 s per wrk run, 1,000,000 h2 requests
#   DURATION=20s CONNS=128 bench/run-http.sh
#   ONLY=patina,hyper bench/run-http.sh      # a subset (patina, netty, jetty, hyper)
#   ROUNDS=3 bench/run-http.sh               # every server N times, in turn; the table shows
#                                            # each figure's median over the rounds
#
# Client and server share this machine's cores (2 here), the same for every server: the ratios
# are fair, the absolute numbers are not a server's capacity. Results and logs go to $WORK
# (default /tmp/patina-http); the table is also in $WORK/table.txt.
# Needs wrk, h2load (nghttp2-client), curl and cargo (rustup's or Debian's) with Debian's
# librust-hyper-dev and librust-tokio-dev.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bin/jdk.sh
source "$root/bin/jdk.sh"
patina_select_jdk || exit 1

DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-5s}"
CONNS="${CONNS:-64}"
H2_CONNS="${H2_CONNS:-16}"
H2_STREAMS="${H2_STREAMS:-10}"
H2_REQUESTS="${H2_REQUESTS:-300000}"
ONLY="${ONLY:-patina,netty,jetty,hyper}"
ROUNDS="${ROUNDS:-1}"
WORK="${WORK:-/tmp/patina-http}"
# The same JVM options for the three Java servers. Netty additionally gets what a Netty user on
# JDK 25 passes to keep its Unsafe/JNI fast paths (without it Netty falls back, with warnings).
JAVA_OPTS="${JAVA_OPTS:--XX:+UseParallelGC -Xms512m -Xmx512m}"
NETTY_OPTS="--sun-misc-unsafe-memory-access=allow --enable-native-access=ALL-UNNAMED"
declare -A PORT=([patina]=18181 [netty]=18182 [jetty]=18183 [hyper]=18184)

for arg in "$@"; do
  case "$arg" in
    --long) DURATION=30s WARMUP=10s H2_REQUESTS=1000000 ;;
    -h | --help) sed -n '2,/^set -euo/p' "$0" | grep '^#'; exit 0 ;;
    *) echo "unknown argument: $arg (see --help)" >&2; exit 2 ;;
  esac
done
for tool in wrk h2load curl; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (apt-get install wrk nghttp2-client curl)" >&2; exit 1; }
done
mkdir -p "$WORK"
rm -f "$WORK/results.tsv"

# --- build -----------------------------------------------------------------------------------
echo "building the Java servers ..." >&2
(cd "$root" && mvn -B -q -Dstyle.color=never -Dspotless.check.skip=true -Dspotless.apply.skip=true \
  -pl bench -am compile dependency:build-classpath -Dmdep.outputFile=target/http.classpath >&2)
cp="$root/bench/target/classes:$(cat "$root/bench/target/http.classpath")"

if [[ ",$ONLY," == *,hyper,* ]]; then
  echo "building bench/hyper-hello (offline, Debian's crates) ..." >&2
  cargo="$(command -v cargo || echo /root/.cargo/bin/cargo)"
  [[ -x "$cargo" ]] || { echo "cargo not found (apt-get install cargo)" >&2; exit 1; }
  # A CARGO_HOME of our own: the directory source replacement changes nothing global.
  cargo_home="$root/bench/target/cargo-home"
  mkdir -p "$cargo_home"
  cat >"$cargo_home/config.toml" <<'EOF'
[source.crates-io]
replace-with = "debian"
[source.debian]
directory = "/usr/share/cargo/registry"
[net]
offline = true
EOF
  (cd "$root/bench/hyper-hello" && CARGO_HOME="$cargo_home" "$cargo" build --release --offline \
    --quiet --target-dir "$root/bench/target/hyper-hello" >&2)
fi

# --- one server at a time --------------------------------------------------------------------
start() { # name -> pid in $server_pid
  local name="$1" port="${PORT[$1]}"
  # exec: the background job becomes the server itself, so that $! is the server's pid
  case "$name" in
    patina) exec "$JAVA_HOME/bin/java" $JAVA_OPTS -cp "$cp" dev.patina.bench.http.PatinaHello "$port" ;;
    netty) exec "$JAVA_HOME/bin/java" $JAVA_OPTS $NETTY_OPTS -cp "$cp" dev.patina.bench.http.NettyHello "$port" ;;
    jetty) exec "$JAVA_HOME/bin/java" $JAVA_OPTS -cp "$cp" dev.patina.bench.http.JettyHello "$port" ;;
    hyper) exec "$root/bench/target/hyper-hello/release/hyper-hello" "$port" ;;
  esac >"$WORK/$name.out" 2>"$WORK/$name.log" &
  server_pid=$!
  for _ in $(seq 1 100); do
    curl -sf -o /dev/null "http://127.0.0.1:$port/plaintext" && return 0
    kill -0 "$server_pid" 2>/dev/null || { cat "$WORK/$name.log" >&2; exit 1; }
    sleep 0.2
  done
  echo "$name did not answer on port $port" >&2
  stop "$server_pid"
  exit 1
}

stop() { # pid
  kill -TERM "$1" 2>/dev/null || true
  wait "$1" 2>/dev/null || true
}

# CPU time (user + system, all threads) the server has used so far, in clock ticks: fields 14 and
# 15 of /proc/PID/stat (after the command name, which is in parentheses and may hold spaces).
cpu_ticks() {
  sed 's/^.*) //' "/proc/$1/stat" | awk '{ print $12 + $13 }'
}
CLK_TCK="$(getconf CLK_TCK)"

# server CPU microseconds per request: ticks_before ticks_after requests
cpu_per_request() {
  awk -v a="$1" -v b="$2" -v n="$3" -v hz="$CLK_TCK" 'BEGIN { if (n > 0) printf "%.1f", (b - a) * 1e6 / hz / n; else print "n/a" }'
}

# wrk's "99%  1.23ms" in milliseconds.
to_ms() {
  awk '{ v = $1; if (v ~ /us$/) { sub(/us$/, "", v); v /= 1000 } else if (v ~ /ms$/) { sub(/ms$/, "", v) }
         else if (v ~ /s$/) { sub(/s$/, "", v); v *= 1000 }; printf "%.2f", v }' <<<"$1"
}

run_wrk() { # name path
  local name="$1" path="$2" url="http://127.0.0.1:${PORT[$1]}$2" out="$WORK/$1.wrk${2//\//-}.txt"
  wrk -t2 -c"$CONNS" -d"$WARMUP" "$url" >/dev/null
  local t0 t1 rps p99 errors cpu
  t0="$(cpu_ticks "$server_pid")"
  wrk -t2 -c"$CONNS" -d"$DURATION" --latency "$url" >"$out"
  t1="$(cpu_ticks "$server_pid")"
  cpu="$(cpu_per_request "$t0" "$t1" "$(awk '/requests in/ { print $1 }' "$out")")"
  rps="$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' "$out")"
  p99="$(to_ms "$(awk '$1 == "99%" { print $2 }' "$out")")"
  # socket errors and non-2xx answers, so that a fast wrong server does not look good
  errors="$(awk '/Socket errors/ { gsub(/,/, ""); s += $4 + $6 + $8 + $10 } /Non-2xx/ { s += $5 } END { print s + 0 }' "$out")"
  printf '%s\th1%s\t%s\t%s\t%s\t%s\n' "$name" "$path" "$rps" "$p99" "$errors" "$cpu" >>"$WORK/results.tsv"
}

run_h2() { # name
  local name="$1" url="http://127.0.0.1:${PORT[$1]}/plaintext" out="$WORK/$1.h2load.txt"
  if [[ "$(curl -s -o /dev/null --max-time 3 --http2-prior-knowledge -w '%{http_version}' "$url" || true)" != 2 ]]; then
    echo "$name: no HTTP/2 with prior knowledge: h2c row n/a" >&2
    printf '%s\th2c/plaintext\tn/a\tn/a\tn/a\tn/a\n' "$name" >>"$WORK/results.tsv"
    return 0
  fi
  h2load -t2 -c"$H2_CONNS" -m"$H2_STREAMS" -n"$((H2_REQUESTS / 4))" "$url" >/dev/null
  local t0 t1 rps p99 errors cpu
  t0="$(cpu_ticks "$server_pid")"
  h2load -t2 -c"$H2_CONNS" -m"$H2_STREAMS" -n"$H2_REQUESTS" --log-file="$WORK/$name.h2load.log" "$url" >"$out"
  t1="$(cpu_ticks "$server_pid")"
  cpu="$(cpu_per_request "$t0" "$t1" "$(awk '/^requests:/ { print $8 }' "$out")")"
  rps="$(awk '/^finished in/ { printf "%.0f", $4 }' "$out")"
  # h2load prints no percentiles; its log has one line per request with the duration in us
  p99="$(cut -f3 "$WORK/$name.h2load.log" | sort -n |
    awk '{ d[NR] = $1 } END { i = int(NR * 0.99); if (i < 1) i = 1; printf "%.2f", d[i] / 1000 }')"
  errors="$(awk '/^requests:/ { s += $10 + $12 + $14 } /^status codes:/ { s += $7 + $9 } END { print s + 0 }' "$out")"
  printf '%s\th2c/plaintext\t%s\t%s\t%s\t%s\n' "$name" "$rps" "$p99" "$errors" "$cpu" >>"$WORK/results.tsv"
}

server_pid=""
trap '[[ -n "$server_pid" ]] && stop "$server_pid"' EXIT
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" | tee "$WORK/table.txt" >&2
# Rounds interleave the servers (patina, netty, ..., patina, netty, ...) so that a slow spell of
# the shared machine hits every server about alike; the table takes medians.
for round in $(seq 1 "$ROUNDS"); do
  for name in patina netty jetty hyper; do
    [[ ",$ONLY," == *",$name,"* ]] || continue
    echo "== $name (port ${PORT[$name]}), round $round of $ROUNDS" >&2
    start "$name"
    run_wrk "$name" /plaintext
    run_wrk "$name" /json
    run_h2 "$name"
    stop "$server_pid"
    server_pid=""
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$WORK/table.txt" >&2

# --- table -----------------------------------------------------------------------------------
table() { # rps | cpu
  awk -F'\t' -v what="$1" '
    # several rounds: each figure is the median of its rounds; errors are summed
    function median(k, arr,    i, j, v, tmp, n) {
      n = cnt[k]
      for (i = 1; i <= n; i++) tmp[i] = arr[k, i]
      for (i = 2; i <= n; i++) { v = tmp[i]; j = i - 1; while (j >= 1 && tmp[j] + 0 > v + 0) { tmp[j + 1] = tmp[j]; j-- } tmp[j + 1] = v }
      return n % 2 ? tmp[(n + 1) / 2] : (tmp[n / 2] + tmp[n / 2 + 1]) / 2
    }
    function has(s, t) { return ((s, t) in rps) && rps[s, t] != "n/a" }
    function cell(s, t) {
      if (!((s, t) in rps)) return "-"
      if (!has(s, t)) return "n/a"
      return what == "cpu" ? cpu[s, t] : sprintf("%s (%s) [%s]", rps[s, t], p99[s, t], err[s, t])
    }
    function ratio(t, peer) {
      if (!has("patina", t) || !has(peer, t)) return "n/a"
      if (what == "cpu") return cpu["patina", t] > 0 ? sprintf("%.2f", cpu[peer, t] / cpu["patina", t]) : "n/a"
      return sprintf("%.2f", rps["patina", t] / rps[peer, t])
    }
    {
      k = $1 SUBSEP $2
      if ($3 == "n/a") { rps[k] = "n/a" }
      else { c = ++cnt[k]; rv[k, c] = $3; pv[k, c] = $4; cv[k, c] = $6; err[k] += $5; rps[k] = "" }
      if (!(($2) in seen)) { seen[$2] = 1; tests[n++] = $2 }
    }
    END {
      for (k in rps) if (rps[k] != "n/a") {
        rps[k] = sprintf("%.0f", median(k, rv)); p99[k] = sprintf("%.2f", median(k, pv)); cpu[k] = sprintf("%.1f", median(k, cv))
      }
      w = what == "cpu" ? 8 : 24
      printf "%-14s | %-*s | %-*s | %-*s | %-*s | %6s %6s %6s\n", "test", w, "patina", w, "netty", w, "jetty", w, "hyper", "/netty", "/jetty", "/hyper"
      for (i = 0; i < n; i++) {
        t = tests[i]
        printf "%-14s | %-*s | %-*s | %-*s | %-*s | %6s %6s %6s\n", t, w, cell("patina", t), w, cell("netty", t), w, cell("jetty", t), w, cell("hyper", t), ratio(t, "netty"), ratio(t, "jetty"), ratio(t, "hyper")
      }
    }' "$WORK/results.tsv"
}

{
  echo
  echo "$ROUNDS round(s), medians shown; wrk -t2 -c$CONNS -d$DURATION (after ${WARMUP} warm-up); h2load -t2 -c$H2_CONNS -m$H2_STREAMS -n$H2_REQUESTS (after $((H2_REQUESTS / 4)) warm-up)"
  echo "req/s (p99 ms) [errors]; ratio = Patina req/s / peer req/s"
  table rps
  echo
  echo "server CPU time per request (us; user + system, all of the server's threads; /proc/PID/stat)"
  echo "ratio = peer / Patina: above 1, Patina needs less CPU per request"
  table cpu
} | tee -a "$WORK/table.txt"
