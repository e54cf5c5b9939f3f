package dev.patina.stream.slt;

import java.time.Duration;
import java.util.List;

/** One record of a sqllogictest script. */
public sealed interface SltRecord {
  /** Where the record starts: file and 1-based line. */
  record Location(String file, int line) {
    @Override
    public String toString() {
      return file + ":" + line;
    }
  }

  /** {@code skipif label} or {@code onlyif label}, applying to the next statement or query. */
  record Condition(boolean onlyIf, String label) {
    /** Whether the record is skipped when the runner has {@code labels}. */
    public boolean skips(java.util.Set<String> labels) {
      return onlyIf != labels.contains(label);
    }

    @Override
    public String toString() {
      return (onlyIf ? "onlyif " : "skipif ") + label;
    }
  }

  /** {@code retry N backoff D}. */
  record Retry(int attempts, Duration backoff) {}

  /** What an error must look like. */
  sealed interface ErrorMatch {
    /** {@code statement error} with nothing after: any error. */
    record Any() implements ErrorMatch {}

    /** An inline regular expression searched in the error text. */
    record Regex(String pattern) implements ErrorMatch {}

    /** A multi-line message under {@code ----}, compared after trimming. */
    record Exact(String text) implements ErrorMatch {}

    /** {@code error(SQLSTATE)}. */
    record SqlState(String code) implements ErrorMatch {}
  }

  /** Sorting of query results before comparison. */
  enum SortMode {
    NOSORT,
    ROWSORT,
    VALUESORT
  }

  /** A statement or query: the records that count as passed, failed or skipped. */
  sealed interface Runnable extends SltRecord {
    Location location();

    List<Condition> conditions();

    String connection();

    String sql();

    Retry retry();
  }

  /** {@code statement ok}, {@code statement count N} or {@code statement error ...}. */
  record Statement(
      Location location,
      List<Condition> conditions,
      String connection,
      String sql,
      Long expectedCount,
      ErrorMatch expectedError,
      Retry retry)
      implements Runnable {}

  /**
   * {@code query <types> [sort] [label]} with expected lines, or {@code query error ...}. {@code
   * sortMode} is null when the record names none (the file's {@code control sortmode} applies).
   */
  record Query(
      Location location,
      List<Condition> conditions,
      String connection,
      String sql,
      String types,
      SortMode sortMode,
      List<String> expected,
      ErrorMatch expectedError,
      Retry retry)
      implements Runnable {}

  /** {@code control sortmode ...} or {@code control resultmode ...}. */
  record Control(String setting, String value) implements SltRecord {}

  /** {@code hash-threshold N}. */
  record HashThreshold(int threshold) implements SltRecord {}

  /** {@code sleep D}. */
  record Sleep(Duration duration) implements SltRecord {}

  /** {@code halt}: the rest of the file is not run. */
  record Halt(Location location) implements SltRecord {}

  /** A record this runner does not run ({@code include}, {@code system}, {@code let} ...). */
  record Unsupported(Location location, String kind, String text) implements SltRecord {}
}
