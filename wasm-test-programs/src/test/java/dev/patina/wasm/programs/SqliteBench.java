package dev.patina.wasm.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Times the SQLite program of {@link SqliteTest} side by side, each run a fresh process from the
 * command line (JVM start included for the JVM runners): native gcc -O2, {@code patina wasm run}
 * with its interpreter and with its compiler (the default, compile time included), Chicory 1.7.5's
 * interpreter and its bytecode compiler ({@link ChicoryRun}), and Node's WASI (V8) when present.
 * Every run must print what the native build prints. Not part of the test suite: run it with
 * wasm-test-programs/bench/sqlite-vs-chicory.sh (or -Dpatina.bench=true -Dtest=SqliteBench). Prints
 * a Markdown table and writes it to target/sqlite-bench.md.
 */
class SqliteBench {
  @Test
  void sqliteSideBySide() throws IOException {
    assumeTrue(Boolean.getBoolean("patina.bench"), "a benchmark: run with -Dpatina.bench=true");
    SqliteBuild.require();
    WasmRunner.PatinaCli patina = new WasmRunner.PatinaCli(false);
    WasmRunner.PatinaCli interpreter = new WasmRunner.PatinaCli(true);
    patina.require();
    int rows = Integer.getInteger("patina.bench.rows", SqliteTest.ROWS);
    int repeats = Integer.getInteger("patina.bench.repeats", 3);
    String rowArg = Integer.toString(rows);

    Map<String, List<Long>> times = new LinkedHashMap<>();
    String expected = null;
    List<String> contenders =
        new ArrayList<>(List.of("native", "patina-interpret", "patina", "chicory", "chicory-aot"));
    if (Toolchain.runs(List.of("node", "--version"))) {
      contenders.add("node");
    }
    for (int round = 0; round < repeats; round++) {
      for (String who : contenders) {
        Path dir = Toolchain.freshDir("bench", who);
        Exec.Result r =
            switch (who) {
              case "native" ->
                  Exec.run(
                      List.of(SqliteBuild.NATIVE.toString(), "build", dir.toString(), rowArg), dir);
              case "patina", "patina-interpret" ->
                  (who.equals("patina") ? patina : interpreter)
                      .run(
                          WasmRunner.Run.of(SqliteBuild.WASM, List.of("build", "/data", rowArg))
                              .withDir(dir, "/data")
                              .withTimeout(Duration.ofMinutes(20)));
              case "node" ->
                  new WasmRunner.NodeWasi()
                      .run(
                          WasmRunner.Run.of(SqliteBuild.WASM, List.of("build", "/data", rowArg))
                              .withDir(dir, "/data"));
              default -> chicory(who.equals("chicory-aot"), dir, rowArg);
            };
        assertEquals(0, r.status(), who + ": " + r.describe());
        if (expected == null) {
          expected = r.out();
        }
        assertEquals(expected, r.out(), who + " printed something else");
        times.computeIfAbsent(who, k -> new ArrayList<>()).add(r.elapsed().toMillis());
        System.out.printf(
            "[bench] round %d %-12s %7d ms%n", round + 1, who, r.elapsed().toMillis());
      }
    }

    StringBuilder md = new StringBuilder();
    md.append("SQLite 3.53 (npm better-sqlite3@12) + src/sqlite/sqlite_driver.c, ")
        .append(rows)
        .append(" rows (build, index, query, update, vacuum); wall time of a whole process, ")
        .append("best and median of ")
        .append(repeats)
        .append(", on ")
        .append(Runtime.getRuntime().availableProcessors())
        .append(
            " cores\n\n| runner | best | median | vs native | vs patina --interpret |\n|---|---|---|---|---|\n");
    long nativeBest = best(times.get("native"));
    long patinaBest = best(times.get("patina-interpret"));
    for (var e : times.entrySet()) {
      long b = best(e.getValue());
      md.append(
          String.format(
              "| %s | %.2f s | %.2f s | %.1fx | %.2fx |%n",
              label(e.getKey()),
              b / 1000.0,
              median(e.getValue()) / 1000.0,
              (double) b / Math.max(1, nativeBest),
              (double) b / Math.max(1, patinaBest)));
    }
    System.out.println(md);
    Files.writeString(Toolchain.TARGET.resolve("sqlite-bench.md"), md);
  }

  static Exec.Result chicory(boolean compiler, Path dir, String rows) {
    List<String> cmd = new ArrayList<>(WasmRunner.PatinaCli.javaCommand());
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), ChicoryRun.class.getName()));
    if (compiler) {
      cmd.add("--compiler");
    }
    cmd.addAll(
        List.of("--dir", dir + "::/data", SqliteBuild.WASM.toString(), "build", "/data", rows));
    return Exec.run(Exec.Spec.of(cmd, dir).withTimeout(Duration.ofMinutes(30)));
  }

  static String label(String who) {
    return switch (who) {
      case "native" -> "native (gcc -O2)";
      case "patina-interpret" -> "`patina wasm run --interpret` (interpreter)";
      case "patina" -> "`patina wasm run` (compiled to JVM bytecode at load)";
      case "chicory" -> "Chicory 1.7.5 interpreter";
      case "chicory-aot" -> "Chicory 1.7.5 compiler (runtime bytecode)";
      case "node" -> "Node 20 WASI (V8)";
      default -> who;
    };
  }

  static long best(List<Long> t) {
    return t.stream().mapToLong(Long::longValue).min().orElse(0);
  }

  static long median(List<Long> t) {
    List<Long> s = t.stream().sorted().toList();
    return s.get(s.size() / 2);
  }
}
