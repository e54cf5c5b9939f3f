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
 * Runs the JMH benchmarks (any JMH command-line options apply), then prints a Markdown table of
 * Patina's and Chicory's throughput per program, their ratio, and the geometric mean of the ratios.
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

  /** A row of the table: one program's scores on both engines. */
  record Row(String program, Result<?> patina, Result<?> chicory) {
    double ratio() {
      return patina.getScore() / chicory.getScore();
    }
  }

  static String table(Collection<RunResult> results) {
    Map<String, Result<?>[]> byProgram = new LinkedHashMap<>();
    for (RunResult r : results) {
      String program = r.getParams().getParam("program");
      String engine = r.getParams().getParam("runtime");
      if (program == null || engine == null) {
        continue;
      }
      Result<?>[] pair = byProgram.computeIfAbsent(program, k -> new Result<?>[2]);
      pair[Engine.Kind.of(engine).ordinal()] = r.getPrimaryResult();
    }
    List<Row> rows = new ArrayList<>();
    byProgram.forEach(
        (program, pair) -> {
          if (pair[0] != null && pair[1] != null) {
            rows.add(new Row(program, pair[0], pair[1]));
          }
        });
    StringBuilder out = new StringBuilder();
    out.append("| program | Patina (ops/s) | Chicory (ops/s) | Patina / Chicory |\n");
    out.append("|---|---:|---:|---:|\n");
    double logSum = 0;
    for (Row row : rows) {
      out.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %.2fx |%n",
              row.program(),
              score(row.patina()),
              score(row.chicory()),
              row.ratio()));
      logSum += Math.log(row.ratio());
    }
    if (!rows.isEmpty()) {
      out.append(
          String.format(
              Locale.ROOT,
              "| **geometric mean** | | | **%.2fx** |%n",
              Math.exp(logSum / rows.size())));
    }
    return out.toString();
  }

  private static String score(Result<?> r) {
    double error = r.getScoreError();
    return Double.isNaN(error)
        ? String.format(Locale.ROOT, "%.3f", r.getScore())
        : String.format(Locale.ROOT, "%.3f ± %.3f", r.getScore(), error);
  }
}
