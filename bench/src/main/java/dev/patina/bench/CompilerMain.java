package dev.patina.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs {@link CompilerBenchmark} program by program: each engine in its own JMH fork (GraalWasm's
 * with the JVM options of the system property {@code bench.graal.jvmArgs}, set by
 * bench/run-compiler.sh; without it GraalWasm is left out), then the program's native build
 * (bench/target/native/NAME, SQLite's bench/target/sqlite/sqlite-native) for the same number of
 * seconds, so that each program's engines are measured back to back. Prints JMH's output, then
 * Markdown tables with the ratios and their geometric means.
 *
 * <p>System properties: {@code bench.programs} and {@code bench.engines} (comma-separated subsets),
 * {@code bench.native} (directory of the native builds, "" to skip them). Arguments are JMH options
 * (e.g. {@code -wi 3 -i 3 -prof gc}), applied to every run.
 */
public final class CompilerMain {
  private CompilerMain() {}

  static final String[] JVM_ARGS = {"-Xss16m", "-XX:+UseParallelGC"};

  public static void main(String[] args) throws Exception {
    CommandLineOptions base = new CommandLineOptions(args);
    List<String> programs = list("bench.programs", CompilerBenchmark.class, "program");
    List<String> engines =
        new ArrayList<>(list("bench.engines", CompilerBenchmark.class, "engine"));
    String graalArgs = System.getProperty("bench.graal.jvmArgs");
    if (graalArgs == null && engines.remove("graalwasm")) {
      System.out.println("[compiler] GraalWasm left out: no -Dbench.graal.jvmArgs");
    }
    String nativeDir = System.getProperty("bench.native", "bench/target/native");
    Map<String, Map<String, Score>> scores = new LinkedHashMap<>();
    for (String program : programs) {
      if (!Program.of(program).available()) {
        System.out.println(
            "[compiler] " + program + " left out: " + Program.sqlitePath() + " missing");
        continue;
      }
      Map<String, Score> row = scores.computeIfAbsent(program, k -> new LinkedHashMap<>());
      for (String engine : engines) {
        List<String> jvmArgs = new ArrayList<>(Arrays.asList(JVM_ARGS));
        if (engine.equals("graalwasm")) {
          jvmArgs.addAll(Arrays.asList(graalArgs.trim().split("\\s+")));
        }
        ChainedOptionsBuilder options =
            new OptionsBuilder()
                .parent(base)
                .include(CompilerBenchmark.class.getName() + ".run")
                .param("program", program)
                .param("engine", engine)
                .jvmArgsAppend(jvmArgs.toArray(String[]::new));
        try {
          Collection<RunResult> results = new Runner(options.build()).run();
          for (RunResult r : results) {
            row.put(engine, Score.of(r));
          }
        } catch (Exception e) {
          System.out.println("[compiler] " + program + " on " + engine + " failed: " + e);
        }
      }
      if (!nativeDir.isEmpty()) {
        Score nat = runNative(program, nativeDir, base);
        if (nat != null) {
          row.put("native", nat);
        }
      }
    }
    String tables = tables(scores);
    System.out.println();
    System.out.print(tables);
    Files.createDirectories(Path.of("bench/target"));
    Files.writeString(Path.of("bench/target/compiler-table.md"), tables);
  }

  /** The values of a benchmark parameter, or the subset in a system property. */
  private static List<String> list(String property, Class<?> benchmark, String param)
      throws NoSuchFieldException {
    String value = System.getProperty(property);
    if (value != null && !value.isBlank()) {
      return List.of(value.split(","));
    }
    return List.of(
        benchmark.getField(param).getAnnotation(org.openjdk.jmh.annotations.Param.class).value());
  }

  /** One engine's measurements of one program: ops/s (± error) and CPU milliseconds per call. */
  record Score(double opsPerSecond, double error, double cpuMillis) {
    static Score of(RunResult r) {
      Result<?> primary = r.getPrimaryResult();
      var secondary = r.getSecondaryResults();
      Result<?> cpu = secondary.get("cpuNanos");
      Result<?> calls = secondary.get("calls");
      double cpuMillis =
          cpu == null || calls == null || calls.getScore() == 0
              ? Double.NaN
              : cpu.getScore() / calls.getScore() / 1e6;
      return new Score(primary.getScore(), primary.getScoreError(), cpuMillis);
    }

    String ops() {
      return Double.isNaN(error) || error == 0
          ? String.format(Locale.ROOT, "%.2f", opsPerSecond)
          : String.format(Locale.ROOT, "%.2f ± %.2f", opsPerSecond, error);
    }
  }

  private static final Pattern NATIVE_LINE =
      Pattern.compile(
          "calls=(\\d+) wall_ms_per_op=([0-9.]+) cpu_ms_per_op=([0-9.]+) checksum=(-?\\d+)");

  /**
   * The native build of {@code program}: warmed up and measured for as long as JMH warms up and
   * measures one engine.
   */
  static Score runNative(String program, String nativeDir, CommandLineOptions base)
      throws IOException, InterruptedException {
    Path binary =
        program.equals("sqlite")
            ? Path.of("bench/target/sqlite/sqlite-native")
            : Path.of(nativeDir, program);
    if (!Files.isExecutable(binary)) {
      System.out.println("[compiler] no native build at " + binary);
      return null;
    }
    int warmup = base.getWarmupIterations().orElse(6) * 2;
    int measure = base.getMeasurementIterations().orElse(5) * 2;
    Process p =
        new ProcessBuilder(
                binary.toString(),
                Integer.toString(Program.of(program).benchmarkN()),
                Integer.toString(warmup),
                Integer.toString(measure))
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    int status = p.waitFor();
    System.out.println("# native " + program + ": " + out);
    Matcher m = NATIVE_LINE.matcher(out);
    if (status != 0 || !m.find()) {
      System.out.println("[compiler] native " + program + " failed (status " + status + ")");
      return null;
    }
    int expected =
        Engine.Kind.PATINA_COMPILED
            .instantiate(Program.of(program).wasm())
            .run(Program.of(program).benchmarkN());
    if (Integer.parseInt(m.group(4)) != expected) {
      System.out.println(
          "[compiler] native " + program + " checksum " + m.group(4) + " != Wasm's " + expected);
      return null;
    }
    double wallMillis = Double.parseDouble(m.group(2));
    return new Score(1000 / wallMillis, Double.NaN, Double.parseDouble(m.group(3)));
  }

  static final List<String> ENGINES =
      List.of("patina-compiled", "chicory-compiler", "graalwasm", "native");

  static String label(String engine) {
    return switch (engine) {
      case "patina-compiled" -> "Patina compiled";
      case "chicory-compiler" -> "Chicory compiler";
      case "graalwasm" -> "GraalWasm";
      case "native" -> "native gcc -O2";
      default -> engine;
    };
  }

  /** Throughput and CPU-time tables, each with ratios to Patina and geometric means. */
  static String tables(Map<String, Map<String, Score>> scores) {
    List<String> present = new ArrayList<>();
    for (String e : ENGINES) {
      if (scores.values().stream().anyMatch(r -> r.containsKey(e))) {
        present.add(e);
      }
    }
    List<String> others = present.stream().filter(e -> !e.equals("patina-compiled")).toList();
    StringBuilder out = new StringBuilder();
    for (boolean cpu : new boolean[] {false, true}) {
      out.append(
          cpu
              ? "\nCPU time of the benchmark thread per call (ms; native: process CPU time)\n\n"
              : "Throughput (calls/s, JMH score ± 99.9% error; native: wall clock)\n\n");
      out.append("| program |");
      for (String e : present) {
        out.append(' ').append(label(e)).append(" |");
      }
      for (String e : others) {
        out.append(e.equals("native") ? " native ÷ Patina |" : " Patina ÷ " + label(e) + " |");
      }
      out.append('\n').append("|---|");
      out.append("---:|".repeat(present.size() + others.size())).append('\n');
      Map<String, List<Double>> ratios = new LinkedHashMap<>();
      for (var row : scores.entrySet()) {
        out.append("| ").append(row.getKey()).append(" |");
        Map<String, Score> s = row.getValue();
        for (String e : present) {
          Score score = s.get(e);
          out.append(' ')
              .append(
                  score == null
                      ? "—"
                      : cpu ? String.format(Locale.ROOT, "%.2f", score.cpuMillis()) : score.ops())
              .append(" |");
        }
        Score patina = s.get("patina-compiled");
        for (String e : others) {
          Score other = s.get(e);
          if (patina == null || other == null) {
            out.append(" — |");
            continue;
          }
          // Patina's speed over the other's; for native, native's speed over Patina's (slowdown).
          double ratio =
              cpu
                  ? other.cpuMillis() / patina.cpuMillis()
                  : patina.opsPerSecond() / other.opsPerSecond();
          if (e.equals("native")) {
            ratio = 1 / ratio;
          }
          ratios.computeIfAbsent(e, k -> new ArrayList<>()).add(ratio);
          out.append(String.format(Locale.ROOT, " %.2fx |", ratio));
        }
        out.append('\n');
      }
      out.append("| **geometric mean** |").append(" |".repeat(present.size()));
      for (String e : others) {
        List<Double> r = ratios.getOrDefault(e, List.of());
        out.append(
            r.isEmpty()
                ? " — |"
                : String.format(
                    Locale.ROOT,
                    " **%.2fx** (%d) |",
                    Math.exp(r.stream().mapToDouble(Math::log).average().orElse(0)),
                    r.size()));
      }
      out.append('\n');
    }
    return out.toString();
  }
}
