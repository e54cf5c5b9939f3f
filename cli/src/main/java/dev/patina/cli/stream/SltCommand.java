package dev.patina.cli.stream;

import dev.patina.cli.ErrorReporter;
import dev.patina.cli.UserError;
import dev.patina.stream.engine.Database;
import dev.patina.stream.engine.DataflowBackend;
import dev.patina.stream.engine.StreamEngine;
import dev.patina.stream.pgwire.PgServer;
import dev.patina.stream.pgwire.PgServerConfig;
import dev.patina.stream.slt.KnownDifference;
import dev.patina.stream.slt.PostgresOracle;
import dev.patina.stream.slt.SltReport;
import dev.patina.stream.slt.SltRunner;
import dev.patina.stream.slt.SltTarget;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code patina stream slt}: runs sqllogictest scripts (RisingWave's {@code .slt} dialect) over the
 * PostgreSQL wire protocol, against Patina's engine started in-process (in memory, on a free port)
 * or, with {@code --url}, a running server: Patina's ({@code patina stream start}), RisingWave
 * itself, or, with {@code --postgres}, a PostgreSQL used as an oracle.
 */
@Command(
    name = "slt",
    mixinStandardHelpOptions = true,
    description = {
      "Runs sqllogictest scripts (.slt, RisingWave's dialect) over the PostgreSQL",
      "protocol, against Patina's engine started in memory for the run, or against",
      "the server at --url. Directories are searched recursively. Every record runs,",
      "even after a failure. Prints each failure with expected and actual results,",
      "every skipped record with its reason, and 'N passed, N failed, N skipped'.",
      "Records of RisingWave's scripts whose expectation Patina deliberately does not",
      "meet (docs/stream.md, 'Known differences') count as 'differ as documented' when",
      "Patina gives exactly the documented answer, and as failures otherwise.",
    },
    footer = {
      "",
      "Examples:",
      "  patina stream slt ../shared/stream-slt",
      "  patina stream slt --url jdbc:postgresql://127.0.0.1:4566/dev DIR",
      "  patina stream slt --postgres --user postgres \\",
      "      --url jdbc:postgresql://127.0.0.1:5432/postgres DIR",
      "",
      "Exit status: 0 if no record failed, 1 otherwise.",
    })
public final class SltCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "PATH", description = ".slt files or directories.")
  List<Path> paths;

  @Option(
      names = "--url",
      paramLabel = "JDBC-URL",
      description =
          "A running server instead of an in-process engine, e.g."
              + " jdbc:postgresql://127.0.0.1:4566/dev (where 'patina stream start' and RisingWave"
              + " listen). preferQueryMode=simple is added unless the URL sets a mode.")
  String url;

  @Option(names = "--user", description = "User name (default: ${DEFAULT-VALUE}).")
  String user = "root";

  @Option(names = "--password", description = "Password, if the server asks for one.")
  String password;

  @Option(
      names = "--postgres",
      description =
          "The server is a PostgreSQL: map materialized views to views, answer FLUSH and"
              + " RisingWave's SET statements without running them, 'double' to 'double precision'.")
  boolean postgres;

  @Option(
      names = "--label",
      paramLabel = "LABEL",
      description =
          "Labels for skipif/onlyif, besides 'postgres' (the engine name RisingWave's CI runs"
              + " the scripts with) and, unless --postgres, 'can-use-recover'.")
  List<String> labels = new ArrayList<>();

  @Option(
      names = "--timeout",
      paramLabel = "SECONDS",
      description = "Statement timeout (default: ${DEFAULT-VALUE}).")
  int timeoutSeconds = 120;

  @Option(
      names = "--files",
      description = "Also print a 'FILE: N passed, N failed, N skipped' line for every script.")
  boolean perFile;

  @Option(
      names = {"-q", "--quiet"},
      description = "Do not print individual failures (skipped records and the summary remain).")
  boolean quiet;

  @Override
  public Integer call() throws IOException {
    List<Path> files = new ArrayList<>();
    for (Path p : paths) {
      files.addAll(scripts(p));
    }
    if (files.isEmpty()) {
      throw new UserError("no .slt files in " + paths);
    }
    if (url == null) {
      if (postgres) {
        throw new UserError("--postgres needs --url: the PostgreSQL server to run against");
      }
      try (InProcessEngine engine = InProcessEngine.start()) {
        return run(files, "jdbc:postgresql://127.0.0.1:" + engine.port() + "/dev");
      }
    }
    return run(files, url);
  }

  private int run(List<Path> files, String serverUrl) throws IOException {
    String jdbcUrl = withSimpleProtocol(serverUrl);
    SltTarget target = SltTarget.jdbc(jdbcUrl, user, password);
    probe(target, jdbcUrl);
    Set<String> allLabels = new LinkedHashSet<>(labels);
    allLabels.add("postgres");
    if (!postgres) {
      allLabels.add("can-use-recover"); // Patina (and RisingWave) run RECOVER; PostgreSQL has none
    }
    SltRunner runner =
        new SltRunner(target, allLabels, postgres ? new PostgresOracle() : SltRunner.Dialect.NATIVE)
            .withStatementTimeout(timeoutSeconds);
    if (!postgres) {
      runner.withKnownDifferences(KnownDifference.risingWaveScripts());
    }
    if (postgres) {
      runner.withRetryBackoffCap(Duration.ZERO); // PostgreSQL answers at once
    }
    Path base = paths.size() == 1 && Files.isDirectory(paths.getFirst()) ? paths.getFirst() : null;
    SltReport report = runner.runFiles(files, base);
    PrintStream out = System.out;
    report.printDetails(out, !quiet);
    if (perFile) {
      printPerFile(report, out);
    }
    out.println(files.size() + " files: " + report.summary());
    return report.failed() == 0 ? 0 : 1;
  }

  /** Fails with one line when nothing answers, rather than one failure per script. */
  private static void probe(SltTarget target, String jdbcUrl) {
    try (Connection c = target.connect("(probe)", "default")) {
      c.isValid(5);
    } catch (SQLException e) {
      throw new UserError(
          "cannot connect to "
              + jdbcUrl
              + ": "
              + e.getMessage()
              + " (is the server running? 'patina stream start' starts Patina's)");
    }
  }

  static String withSimpleProtocol(String url) {
    if (!url.startsWith("jdbc:postgresql:")) {
      throw new UserError("--url must be a jdbc:postgresql: URL, not " + url);
    }
    if (url.contains("preferQueryMode=") || url.contains("binaryTransfer=")) {
      return url;
    }
    // the crate's postgres engine uses the simple protocol: every value arrives as text
    return url + (url.contains("?") ? "&" : "?") + "preferQueryMode=simple";
  }

  private static List<Path> scripts(Path p) throws IOException {
    if (!Files.exists(p)) {
      throw new NoSuchFileException(p.toString());
    }
    if (!Files.isDirectory(p)) {
      return List.of(p);
    }
    try (Stream<Path> walk = Files.walk(p)) {
      return walk.filter(f -> f.toString().endsWith(".slt")).sorted().toList();
    }
  }

  private static void printPerFile(SltReport report, PrintStream out) {
    Map<String, long[]> counts = new LinkedHashMap<>();
    for (SltReport.Outcome o : report.outcomes()) {
      long[] c =
          counts.computeIfAbsent(
              o.location().file(), f -> new long[SltReport.Status.values().length]);
      c[o.status().ordinal()]++;
    }
    counts.forEach(
        (file, c) -> {
          long differs = c[SltReport.Status.DIFFERS_AS_DOCUMENTED.ordinal()];
          out.println(
              file
                  + ": "
                  + c[SltReport.Status.PASSED.ordinal()]
                  + " passed, "
                  + c[SltReport.Status.FAILED.ordinal()]
                  + " failed, "
                  + (differs == 0 ? "" : differs + " differ as documented, ")
                  + c[SltReport.Status.SKIPPED.ordinal()]
                  + " skipped");
        });
  }

  /** Patina's engine in memory behind its wire-protocol server on a free port, for one run. */
  private record InProcessEngine(Database db, PgServer server) implements AutoCloseable {
    static InProcessEngine start() {
      // the server's "listening on" line means nothing for a run on a private port
      if (System.getProperty("org.slf4j.simpleLogger.log.dev.patina.stream.pgwire") == null) {
        System.setProperty("org.slf4j.simpleLogger.log.dev.patina.stream.pgwire", "warn");
      }
      // Materialized views are maintained by the dataflow engine, as `stream start` runs them.
      Database db = Database.inMemory(DataflowBackend::new);
      try {
        return new InProcessEngine(
            db,
            PgServer.start(
                PgServerConfig.defaults().withHost("127.0.0.1").withPort(0), new StreamEngine(db)));
      } catch (RuntimeException e) {
        db.close();
        throw e;
      }
    }

    int port() {
      return server.port();
    }

    @Override
    public void close() {
      try (db) {
        server.close();
      }
    }
  }

  /** Runs the command on its own, with the error handling of {@code patina}. */
  public static void main(String[] args) {
    CommandLine cli = new CommandLine(new SltCommand());
    cli.setExecutionExceptionHandler(new ErrorReporter());
    cli.setParameterExceptionHandler(ErrorReporter::usageError);
    System.exit(cli.execute(args));
  }
}
