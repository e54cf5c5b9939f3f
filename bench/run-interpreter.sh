#!/usr/bin/env bash
# Builds the JMH uber-jar (bench/target/benchmarks.jar) and runs Patina's and Chicory's
# interpreters on the benchmark programs in one JMH run, then prints a Markdown table: ops/s per
# engine, their ratio per program, and the geometric mean of the ratios.
#
#   bench/run-interpreter.sh                      # every program, 1 fork, 8 x 2 s warmup, 5 x 2 s
#   bench/run-interpreter.sh -p program=fib,sort  # any JMH options go through, e.g. -prof gc
#
# The full output is also kept in bench/target/interpreter-results.txt.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bin/jdk.sh
source "$root/bin/jdk.sh"
patina_select_jdk || exit 1
cd "$root"
mvn -B -q -Pjmh -pl bench -am -DskipTests package
# Only InterpreterBenchmark: the jar also holds CompilerBenchmark (bench/run-compiler.sh).
"$JAVA_HOME/bin/java" -jar bench/target/benchmarks.jar InterpreterBenchmark "$@" 2>&1 |
  tee bench/target/interpreter-results.txt
