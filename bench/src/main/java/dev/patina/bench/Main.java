package dev.patina.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;

/**
 * Runs the JMH benchmarks (any JMH command-line options apply), then prints a Markdown table per
 * program: each engine's throughput (JMH's wall-clock score) and CPU time per call, the
 * Patina/Chicory ratio of each, and the geometric means of the ratios.
 */
public final class Main {
  private Main() {}

  public static void main(String[] args) throws Exception {
    for (String a : args) {
      if (a.equals("-h") || a.equals("-l") || a.equals("-lp") || a.equals("-lprofs")) {
        org.openjdk.jmh.Main.main(args);
        return;
      }
    }
    Collection<RunResult> results = new Runner(new CommandLineOptions(args)).run();
    System.out.println();
    System.out.print(table(results));
  }

  /** One engine's measurements of one program. */
  record Score(Result<?> throughput, double cpuMillisPerCall) {
    static Score of(RunResult r) {
      var secondary = r.getSecondaryResults();
      Result<?> cpu = secondary.get("cpuNanos");
      Result<?> calls = secondary.get("calls");
      double cpuMillis =
          cpu == null || calls == null || calls.getScore() == 0
              ? Double.NaN
              : cpu.getScore() / calls.getScore() / 1e6;
      return new Score(r.getPrimaryResult(), cpuMillis);
    }
  }

  /** A row of the table: one program on both engines. */
  record Row(String program, Score patina, Score chicory) {
    double wallRatio() {
      return patina.throughput().getScore() / chicory.throughput().getScore();
    }

    double cpuRatio() {
      return chicory.cpuMillisPerCall() / patina.cpuMillisPerCall();
    }
  }

  static String table(Collection<RunResult> results) {
    Map<String, Score[]> byProgram = new LinkedHashMap<>();
    for (RunResult r : results) {
      String program = r.getParams().getParam("program");
      String runtime = r.getParams().getParam("runtime");
      if (program == null || runtime == null) {
        continue;
      }
      Score[] pair = byProgram.computeIfAbsent(program, k -> new Score[2]);
      pair[Engine.Kind.of(runtime).ordinal()] = Score.of(r);
    }
    List<Row> rows = new ArrayList<>();
    byProgram.forEach(
        (program, pair) -> {
          if (pair[0] != null && pair[1] != null) {
            rows.add(new Row(program, pair[0], pair[1]));
          }
        });
    StringBuilder out = new StringBuilder();
    out.append(
        "| program | Patina (ops/s) | Chicory (ops/s) | ratio | Patina CPU (ms/op) |"
            + " Chicory CPU (ms/op) | CPU ratio |\n");
    out.append("|---|---:|---:|---:|---:|---:|---:|\n");
    double wallLogs = 0;
    double cpuLogs = 0;
    for (Row row : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %.2fx | %.1f | %.1f | %.2fx |%n",
              row.program(),
              score(row.patina().throughput()),
              score(row.chicory().throughput()),
              row.wallRatio(),
              row.patina().cpuMillisPerCall(),
              row.chicory().cpuMillisPerCall(),
              row.cpuRatio()));
      wallLogs += Math.log(row.wallRatio());
      cpuLogs += Math.log(row.cpuRatio());
    }
    if (!rows.isEmpty()) {
      out.append(
          String.format(
              Locale.ROOT,
              "| **geometric mean** | | | **%.2fx** | | | **%.2fx** |%n",
              Math.exp(wallLogs / rows.size()),
              Math.exp(cpuLogs / rows.size())));
    }
    return out.toString();
  }

  private static String score(Result<?> r) {
    double error = r.getScoreError();
    return Double.isNaN(error)
        ? String.format(Locale.ROOT, "%.2f", r.getScore())
        : String.format(Locale.ROOT, "%.2f ± %.2f", r.getScore(), error);
  }
}
