#!/usr/bin/env bash
# Builds the native twins of the benchmark programs into bench/target/native/: each program's C
# source (fib: native/fib.c, as fib.wat has none) with bench/native/harness.c, by gcc -O2.
# SQLite's twin is built by programs/sqlite/build.sh.
set -euo pipefail
bench="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out="$bench/target/native"
mkdir -p "$out"
CC="${CC:-gcc}"
for name in fib sieve matmul sha256 nbody sort coremark; do
  src="$bench/programs/$name.c"
  flags=(-O2)
  if [[ "$name" == fib ]]; then
    src="$bench/native/fib.c"
    flags+=(-fno-optimize-sibling-calls)
  fi
  if [[ ! -f "$out/$name" || "$src" -nt "$out/$name" || "$bench/native/harness.c" -nt "$out/$name" ]]; then
    "$CC" "${flags[@]}" -o "$out/$name" "$src" "$bench/native/harness.c" -lm
  fi
done
echo "native: $out"
