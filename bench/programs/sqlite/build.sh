#!/usr/bin/env bash
# Builds the SQLite benchmark program into bench/target/sqlite/: sqlite.wasm (a WASI reactor
# exporting _initialize and run, clang-14 -O2) and sqlite-native (gcc -O2 with the native harness
# bench/native/harness.c). The SQLite amalgamation comes from the npm package better-sqlite3@12,
# as in wasm-test-programs: the tarball is taken from the cache ($PATINA_CACHE, else
# $XDG_CACHE_HOME/patina or ~/.cache/patina, under npm/) or fetched there with `npm pack`.
# Needs: apt-get install -y clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32 gcc npm
# Does nothing when both outputs are newer than their sources.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bench="$(cd "$here/../.." && pwd)"
out="$bench/target/sqlite"
mkdir -p "$out"
cache="${PATINA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/patina}/npm"
tarball="$(ls "$cache"/better-sqlite3-12.*.tgz 2>/dev/null | sort -V | tail -1 || true)"
if [[ -z "$tarball" ]]; then
  mkdir -p "$cache"
  npm pack better-sqlite3@12 --silent --pack-destination "$cache" >/dev/null
  tarball="$(ls "$cache"/better-sqlite3-12.*.tgz | sort -V | tail -1)"
fi
src="$out/src"
if [[ ! -f "$src/from.txt" || "$(cat "$src/from.txt")" != "$(basename "$tarball")" ]]; then
  rm -rf "$src"
  mkdir -p "$src"
  tar -xzf "$tarball" -C "$src" package/deps/sqlite3/sqlite3.c package/deps/sqlite3/sqlite3.h
  basename "$tarball" >"$src/from.txt"
fi
amalgamation="$src/package/deps/sqlite3"
defines=(-DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_THREADSAFE=0 -DSQLITE_DEFAULT_MEMSTATUS=0
  -DSQLITE_DQS=0)
inputs=("$amalgamation/sqlite3.c" "$here/sqlite_bench.c" "$bench/native/harness.c" "$src/from.txt")
stale() {
  local target="$1"
  [[ -f "$target" ]] || return 0
  for f in "${inputs[@]}"; do [[ "$f" -nt "$target" ]] && return 0; done
  return 1
}
if stale "$out/sqlite.wasm"; then
  clang-14 --target=wasm32-wasi --sysroot=/usr -O2 -mexec-model=reactor "${defines[@]}" \
    -Wl,--export=run -Wl,--strip-debug -I"$amalgamation" \
    "$amalgamation/sqlite3.c" "$here/sqlite_bench.c" -o "$out/sqlite.wasm.tmp" &
  wasm_pid=$!
fi
if stale "$out/sqlite-native"; then
  gcc -O2 "${defines[@]}" -I"$amalgamation" "$amalgamation/sqlite3.c" "$here/sqlite_bench.c" \
    "$bench/native/harness.c" -o "$out/sqlite-native" -lm
fi
if [[ -n "${wasm_pid:-}" ]]; then
  wait "$wasm_pid"
  mv "$out/sqlite.wasm.tmp" "$out/sqlite.wasm"
fi
echo "sqlite: $out/sqlite.wasm ($(wc -c <"$out/sqlite.wasm") bytes), $out/sqlite-native (from $(cat "$src/from.txt"))"
