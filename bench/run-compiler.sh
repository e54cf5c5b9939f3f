#!/usr/bin/env bash
# The compiler benchmark: Patina's compiler to JVM bytecode against Chicory 1.7.5's compiler,
# GraalWasm 25 (JIT-compiled by Graal through JVMCI) and the same C built natively with gcc -O2,
# on the benchmark programs and SQLite. Builds what it needs (the JMH jar, SQLite's Wasm and
# native builds, the native twins, GraalWasm's jars in bench/target/graal/), runs every engine of
# a program back to back (dev.patina.bench.CompilerMain), prints Markdown tables with the ratios
# and geometric means, then measures compile time and memory of the SQLite module on each engine
# in fresh JVMs (dev.patina.bench.CompileStats).
#
#   bench/run-compiler.sh                                    # everything: about 25 minutes
#   bench/run-compiler.sh -wi 3 -i 3                         # JMH options apply to every run
#   BENCH_PROGRAMS=sqlite,fib BENCH_ENGINES=patina-compiled,chicory-compiler bench/run-compiler.sh
#   BENCH_GRAAL_JIT=0 bench/run-compiler.sh                  # GraalWasm without JVMCI (interpreted)
#   BENCH_STATS_ONLY=1 bench/run-compiler.sh                 # compile time and memory only
#
# Output: bench/target/compiler-results.txt (everything), bench/target/compiler-table.md (tables).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# shellcheck source=bin/jdk.sh
source "$root/bin/jdk.sh"
patina_select_jdk || exit 1
cd "$root"
java="$JAVA_HOME/bin/java"
mvn -B -q -Pjmh -pl bench -am -DskipTests package
graal="$root/bench/target/graal"
if [[ ! -d "$graal/modules" || ! -d "$graal/compiler" ]]; then
  mvn -B -q -pl bench dependency:copy-dependencies -DincludeScope=provided \
    -DoutputDirectory="$graal/modules"
  version="$(sed -n 's:.*<graalvm.version>\(.*\)</graalvm.version>.*:\1:p' pom.xml)"
  mvn -B -q dependency:copy -Dartifact="org.graalvm.compiler:compiler:$version" \
    -DoutputDirectory="$graal/compiler"
fi
bench/programs/sqlite/build.sh
bench/native/build.sh

graal_args="--module-path=$graal/modules --add-modules=org.graalvm.polyglot"
if [[ "${BENCH_GRAAL_JIT:-1}" != 0 ]]; then
  graal_args+=" -XX:+UnlockExperimentalVMOptions -XX:+EnableJVMCI"
  graal_args+=" --upgrade-module-path=$(ls "$graal"/compiler/compiler-*.jar)"
fi
props=(-Dbench.graal.jvmArgs="$graal_args")
[[ -n "${BENCH_PROGRAMS:-}" ]] && props+=(-Dbench.programs="$BENCH_PROGRAMS")
[[ -n "${BENCH_ENGINES:-}" ]] && props+=(-Dbench.engines="$BENCH_ENGINES")

{
  echo "# $(date -u '+%Y-%m-%d %H:%M UTC'), $(git rev-parse --short HEAD), load: $(cut -d' ' -f1-3 /proc/loadavg)"
  if [[ "${BENCH_STATS_ONLY:-0}" == 0 ]]; then
    "$java" "${props[@]}" -cp bench/target/benchmarks.jar dev.patina.bench.CompilerMain "$@"
  fi
  echo
  echo "Compile time and memory of bench/target/sqlite/sqlite.wasm, each a fresh JVM:"
  for engine in patina-compiled chicory-compiler graalwasm; do
    for round in 1 2 3; do
      if [[ "$engine" == graalwasm ]]; then
        # shellcheck disable=SC2086
        "$java" -Xss16m -XX:+UseParallelGC $graal_args -cp bench/target/benchmarks.jar \
          dev.patina.bench.CompileStats "$engine" bench/target/sqlite/sqlite.wasm
      else
        "$java" -Xss16m -XX:+UseParallelGC -cp bench/target/benchmarks.jar \
          dev.patina.bench.CompileStats "$engine" bench/target/sqlite/sqlite.wasm
      fi
    done
  done
  echo "# done $(date -u '+%H:%M UTC'), load: $(cut -d' ' -f1-3 /proc/loadavg)"
} 2>&1 | tee bench/target/compiler-results.txt
