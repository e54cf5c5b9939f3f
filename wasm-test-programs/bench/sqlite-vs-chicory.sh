#!/usr/bin/env bash
# Times the SQLite test program under native gcc, `patina wasm run`, Chicory 1.7.5 (interpreter
# and compiler) and Node's WASI, each as a fresh process; prints a Markdown table (also written to
# wasm-test-programs/target/sqlite-bench.md).
# Usage: wasm-test-programs/bench/sqlite-vs-chicory.sh [ROWS [REPEATS]]   (defaults 12000, 3)
# Needs what SqliteTest needs: npm, gcc, clang-14 with wasi-libc.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
# shellcheck source=bin/jdk.sh
source "$root/bin/jdk.sh"
patina_select_jdk || exit 1
cd "$root"
exec mvn -B -q verify -pl wasm-test-programs -am -Dspotless.check.skip=true \
  -Dtest=SqliteBench -Dsurefire.failIfNoSpecifiedTests=false \
  -Dpatina.bench=true -Dpatina.bench.rows="${1:-12000}" -Dpatina.bench.repeats="${2:-3}"
