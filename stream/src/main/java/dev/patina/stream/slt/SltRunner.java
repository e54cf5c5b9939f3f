package dev.patina.stream.slt;

import dev.patina.stream.slt.SltRecord.ErrorMatch;
import dev.patina.stream.slt.SltRecord.SortMode;
import dev.patina.stream.slt.SltReport.Outcome;
import dev.patina.stream.slt.SltReport.Status;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Runs sqllogictest scripts over JDBC, judging results as RisingWave's CI does with the {@code
 * sqllogictest} crate and its {@code postgres} (simple query) engine.
 *
 * <p>Unlike the crate, a failing record does not end its file: every statement and query is
 * reported as passed, failed (with expected and actual) or skipped (with the reason).
 */
public final class SltRunner {
  /**
   * How statements reach the target. {@link #rewrite} may change a statement's text or answer it
   * without running it (see {@link PostgresOracle}).
   */
  public interface Dialect {
    /** The statement to run, or null to treat the record as done without running anything. */
    String rewrite(String sql);

    /** Runs everything unchanged. */
    Dialect NATIVE = sql -> sql;
  }

  /** The detail of a statement the dialect answered without running it. */
  public static final String NOT_RUN = "answered by the dialect without running";

  private final SltTarget target;
  private final Set<String> labels;
  private final Dialect dialect;
  private int statementTimeoutSeconds = 120;
  private java.time.Duration retryBackoffCap = java.time.Duration.ofSeconds(1);
  private List<KnownDifference> knownDifferences = List.of();

  /**
   * @param labels labels for {@code skipif}/{@code onlyif}; include the engine name as the crate
   *     does ({@code postgres} for RisingWave's CI)
   */
  public SltRunner(SltTarget target, Set<String> labels, Dialect dialect) {
    this.target = target;
    this.labels = Set.copyOf(labels);
    this.dialect = dialect;
  }

  public SltRunner withStatementTimeout(int seconds) {
    this.statementTimeoutSeconds = seconds;
    return this;
  }

  /**
   * Caps the wait between attempts of {@code retry N backoff D} records (1 s by default); a
   * database that answers at once, like a PostgreSQL oracle, needs no wait at all.
   */
  public SltRunner withRetryBackoffCap(java.time.Duration cap) {
    this.retryBackoffCap = cap;
    return this;
  }

  /**
   * Records whose expected answer the target deliberately does not give: such a record counts as
   * {@link Status#DIFFERS_AS_DOCUMENTED} when it answers exactly the documented rows instead.
   */
  public SltRunner withKnownDifferences(List<KnownDifference> differences) {
    this.knownDifferences = List.copyOf(differences);
    return this;
  }

  /** Runs every script, in order. */
  public SltReport runFiles(List<Path> files, Path base) throws IOException {
    SltReport all = new SltReport();
    for (Path f : files) {
      String name = base == null ? f.toString() : base.relativize(f).toString();
      all.addAll(runScript(Files.readString(f, StandardCharsets.UTF_8), name));
    }
    return all;
  }

  /** Runs one script. */
  public SltReport runScript(String script, String file) {
    SltReport report = new SltReport();
    List<SltRecord> records;
    try {
      records = SltParser.parse(script, file);
    } catch (SltParseException e) {
      report.add(
          new Outcome(new SltRecord.Location(file, 0), Status.FAILED, false, "", e.getMessage()));
      return report;
    }
    Map<String, Connection> connections = new HashMap<>();
    FileState state = new FileState();
    try {
      target.beginFile(file);
    } catch (SQLException e) {
      report.add(
          new Outcome(
              new SltRecord.Location(file, 0),
              Status.FAILED,
              false,
              "",
              "setup: " + e.getMessage()));
      return report;
    }
    try {
      boolean halted = false;
      for (SltRecord r : records) {
        if (halted) {
          if (r instanceof SltRecord.Runnable run) {
            report.add(
                new Outcome(
                    run.location(),
                    Status.SKIPPED,
                    run instanceof SltRecord.Query,
                    run.sql(),
                    "after halt"));
          }
          continue;
        }
        switch (r) {
          case SltRecord.Halt h -> halted = true;
          case SltRecord.Control c -> control(c, state);
          case SltRecord.HashThreshold h -> state.hashThreshold = h.threshold();
          case SltRecord.Sleep s -> sleep(s.duration().toMillis());
          case SltRecord.Unsupported u ->
              report.add(
                  new Outcome(
                      u.location(),
                      Status.SKIPPED,
                      false,
                      u.text(),
                      "'" + u.kind() + "' records are not supported"));
          case SltRecord.Runnable run -> report.add(runRecord(run, state, connections, file));
        }
      }
    } finally {
      for (Connection c : connections.values()) {
        try {
          c.close();
        } catch (SQLException e) {
          // closing anyway
        }
      }
      try {
        target.endFile(file);
      } catch (SQLException e) {
        report.add(
            new Outcome(
                new SltRecord.Location(file, 0),
                Status.FAILED,
                false,
                "",
                "teardown: " + e.getMessage()));
      }
    }
    return report;
  }

  private static final class FileState {
    SortMode sortMode;
    boolean valueWise;
    int hashThreshold;
  }

  private static void control(SltRecord.Control c, FileState state) {
    switch (c.setting()) {
      case "sortmode" ->
          state.sortMode =
              switch (c.value()) {
                case "rowsort" -> SortMode.ROWSORT;
                case "valuesort" -> SortMode.VALUESORT;
                default -> SortMode.NOSORT;
              };
      case "resultmode" -> state.valueWise = c.value().equals("valuewise");
      default -> {} // substitution: scripts here use none
    }
  }

  private Outcome runRecord(
      SltRecord.Runnable r, FileState state, Map<String, Connection> connections, String file) {
    for (SltRecord.Condition c : r.conditions()) {
      if (c.skips(labels)) {
        return new Outcome(
            r.location(), Status.SKIPPED, r instanceof SltRecord.Query, r.sql(), c.toString());
      }
    }
    String sql = dialect.rewrite(r.sql());
    if (sql == null) {
      return r instanceof SltRecord.Statement s && s.expectedError() == null
          ? new Outcome(r.location(), Status.PASSED, r instanceof SltRecord.Query, r.sql(), NOT_RUN)
          : new Outcome(
              r.location(),
              Status.FAILED,
              r instanceof SltRecord.Query,
              r.sql(),
              "no equivalent statement to run");
    }
    int attempts = r.retry() == null ? 1 : r.retry().attempts() + 1;
    String failure = null;
    for (int attempt = 0; attempt < attempts; attempt++) {
      if (attempt > 0) {
        sleep(Math.min(r.retry().backoff().toMillis(), retryBackoffCap.toMillis()));
      }
      failure = attempt(r, sql, state, connections, file);
      if (failure == null) {
        return new Outcome(r.location(), Status.PASSED, r instanceof SltRecord.Query, r.sql(), "");
      }
    }
    if (r instanceof SltRecord.Query q && q.expectedError() == null) {
      for (KnownDifference d : knownDifferences) {
        if (d.isAbout(r.location())) {
          SltRecord.Query documented =
              new SltRecord.Query(
                  q.location(),
                  q.conditions(),
                  q.connection(),
                  q.sql(),
                  q.types(),
                  q.sortMode(),
                  d.rows(),
                  null,
                  null);
          if (attempt(documented, sql, state, connections, file) == null) {
            return new Outcome(
                r.location(), Status.DIFFERS_AS_DOCUMENTED, true, r.sql(), d.reason());
          }
          failure += "\n(not the documented difference either: " + d.rows() + ")";
        }
      }
    }
    return new Outcome(r.location(), Status.FAILED, r instanceof SltRecord.Query, r.sql(), failure);
  }

  /** Runs a record once; returns null on success or why it failed. */
  private String attempt(
      SltRecord.Runnable r,
      String sql,
      FileState state,
      Map<String, Connection> connections,
      String file) {
    Result result;
    try {
      Connection c = connections.get(r.connection());
      if (c == null || c.isClosed()) {
        c = target.connect(file, r.connection());
        connections.put(r.connection(), c);
      }
      result = run(c, sql);
    } catch (SQLException e) {
      result = new Result(null, 0, e);
    }
    return switch (r) {
      case SltRecord.Statement s -> checkStatement(s, result);
      case SltRecord.Query q -> checkQuery(q, result, state);
    };
  }

  /** What the database answered: rows (formatted), a row count, or an error. */
  private record Result(List<List<String>> rows, long count, SQLException error) {}

  private Result run(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.setQueryTimeout(statementTimeoutSeconds);
      boolean hasRows = st.execute(sql);
      if (!hasRows) {
        return new Result(null, Math.max(0, st.getUpdateCount()), null);
      }
      List<List<String>> rows = new ArrayList<>();
      try (ResultSet rs = st.getResultSet()) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> row = new ArrayList<>(n);
          for (int i = 1; i <= n; i++) {
            row.add(format(rs.getString(i)));
          }
          rows.add(row);
        }
      }
      return new Result(rows, rows.size(), null);
    } catch (SQLException e) {
      if (!c.getAutoCommit()) {
        c.rollback();
      }
      throw e;
    }
  }

  /** The crate's postgres engine: NULL for null, (empty) for the empty string, text otherwise. */
  static String format(String value) {
    if (value == null) {
      return "NULL";
    }
    return value.isEmpty() ? "(empty)" : value;
  }

  private String checkStatement(SltRecord.Statement s, Result r) {
    if (s.expectedError() != null) {
      if (r.error() == null) {
        return "statement is expected to fail, but succeeded";
      }
      return errorMismatch(s.expectedError(), r.error());
    }
    if (r.error() != null) {
      return "statement failed: " + errorText(r.error());
    }
    if (s.expectedCount() != null && s.expectedCount() != r.count()) {
      return "expected " + s.expectedCount() + " rows affected, got " + r.count();
    }
    return null;
  }

  private String checkQuery(SltRecord.Query q, Result r, FileState state) {
    if (q.expectedError() != null) {
      if (r.error() == null) {
        return "query is expected to fail, but succeeded";
      }
      return errorMismatch(q.expectedError(), r.error());
    }
    if (r.error() != null) {
      return "query failed: " + errorText(r.error());
    }
    if (r.rows() == null) {
      return q.expected().isEmpty()
          ? null
          : "query returned no rows (a statement result), expected:\n"
              + String.join("\n", q.expected());
    }
    List<List<String>> rows = new ArrayList<>(r.rows());
    int width = rows.isEmpty() ? q.types().length() : rows.getFirst().size();
    SortMode mode = q.sortMode() != null ? q.sortMode() : state.sortMode;
    boolean valueSort = false;
    if (mode == SortMode.ROWSORT) {
      rows.sort(ROW_ORDER);
    } else if (mode == SortMode.VALUESORT) {
      rows =
          rows.stream()
              .flatMap(List::stream)
              .map(List::of)
              .sorted(ROW_ORDER)
              .collect(Collectors.toCollection(ArrayList::new));
      valueSort = true;
    }
    int values = valueSort ? rows.size() : rows.size() * width;
    if (state.hashThreshold > 0 && values > state.hashThreshold) {
      rows = List.of(List.of(values + " values hashing to " + md5(rows)));
    }
    if (state.valueWise) {
      rows = rows.stream().flatMap(List::stream).map(List::of).toList();
    }
    List<String> actual =
        rows.stream()
            .map(row -> row.stream().map(SltRunner::normalize).collect(Collectors.joining(" ")))
            .toList();
    List<String> expected = q.expected().stream().map(SltRunner::normalize).toList();
    if (actual.equals(expected)) {
      return null;
    }
    return "[Expected]\n"
        + String.join("\n", q.expected())
        + "\n[Actual]\n"
        + rows.stream().map(row -> String.join(" ", row)).collect(Collectors.joining("\n"));
  }

  /** The crate's default normalizer: trim and collapse ASCII whitespace. */
  static String normalize(String s) {
    return Arrays.stream(s.trim().split("[ \\t\\n\\r\\f\\u000B]+"))
        .filter(t -> !t.isEmpty())
        .collect(Collectors.joining(" "));
  }

  /** Rust's Vec<String> order: column by column, each by UTF-8 bytes. */
  static final Comparator<List<String>> ROW_ORDER =
      (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
          int c =
              Arrays.compareUnsigned(
                  a.get(i).getBytes(StandardCharsets.UTF_8),
                  b.get(i).getBytes(StandardCharsets.UTF_8));
          if (c != 0) {
            return c;
          }
        }
        return Integer.compare(a.size(), b.size());
      };

  private static String md5(List<List<String>> rows) {
    try {
      MessageDigest md = MessageDigest.getInstance("MD5");
      for (List<String> row : rows) {
        for (String v : row) {
          md.update(v.getBytes(StandardCharsets.UTF_8));
          md.update((byte) '\n');
        }
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String errorMismatch(ErrorMatch expected, SQLException e) {
    String text = errorText(e);
    boolean ok =
        switch (expected) {
          case ErrorMatch.Any a -> true;
          case ErrorMatch.Regex re -> Pattern.compile(re.pattern()).matcher(text).find();
          case ErrorMatch.Exact ex -> ex.text().trim().equals(text.trim());
          case ErrorMatch.SqlState st -> st.code().equals(e.getSQLState());
        };
    return ok ? null : "error does not match " + describe(expected) + ":\n" + text;
  }

  private static String describe(ErrorMatch m) {
    return switch (m) {
      case ErrorMatch.Any a -> "(any)";
      case ErrorMatch.Regex re -> "(regex) " + re.pattern();
      case ErrorMatch.Exact ex -> "(multiline) " + ex.text();
      case ErrorMatch.SqlState st -> "(sqlstate) " + st.code();
    };
  }

  /**
   * The error text the crate matches against: tokio-postgres's {@code db error: ERROR: message},
   * with DETAIL and HINT lines.
   */
  static String errorText(SQLException e) {
    if (e instanceof PSQLException p && p.getServerErrorMessage() != null) {
      ServerErrorMessage m = p.getServerErrorMessage();
      StringBuilder sb = new StringBuilder("db error: ");
      sb.append(m.getSeverity()).append(": ").append(m.getMessage());
      if (m.getDetail() != null) {
        sb.append("\nDETAIL: ").append(m.getDetail());
      }
      if (m.getHint() != null) {
        sb.append("\nHINT: ").append(m.getHint());
      }
      return sb.toString();
    }
    return "error communicating with database: " + e.getMessage();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
