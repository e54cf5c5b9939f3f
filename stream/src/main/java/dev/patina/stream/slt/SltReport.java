package dev.patina.stream.slt;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** What happened to every statement and query of one or more scripts. */
public final class SltReport {
  /** The fate of one record. */
  public enum Status {
    PASSED,
    FAILED,
    /** Failed in a way docs/stream.md documents as deliberate: the answer is the documented one. */
    DIFFERS_AS_DOCUMENTED,
    SKIPPED
  }

  /**
   * One record's outcome; {@code query} tells a query from a statement, {@code detail} says why it
   * failed or was skipped.
   */
  public record Outcome(
      SltRecord.Location location, Status status, boolean query, String sql, String detail) {}

  private final List<Outcome> outcomes = new ArrayList<>();

  void add(Outcome o) {
    outcomes.add(o);
  }

  void addAll(SltReport other) {
    outcomes.addAll(other.outcomes);
  }

  public List<Outcome> outcomes() {
    return Collections.unmodifiableList(outcomes);
  }

  public long count(Status s) {
    return outcomes.stream().filter(o -> o.status() == s).count();
  }

  public long passed() {
    return count(Status.PASSED);
  }

  public long failed() {
    return count(Status.FAILED);
  }

  public long differsAsDocumented() {
    return count(Status.DIFFERS_AS_DOCUMENTED);
  }

  public long skipped() {
    return count(Status.SKIPPED);
  }

  /**
   * {@code N passed, N failed, [N differ as documented,] N skipped (queries: N passed, N failed)}:
   * statements are most records, so the queries, which check results, are counted apart.
   */
  public String summary() {
    long queriesPassed = 0;
    long queriesFailed = 0;
    for (Outcome o : outcomes) {
      if (o.query()) {
        if (o.status() == Status.PASSED) {
          queriesPassed++;
        } else if (o.status() == Status.FAILED) {
          queriesFailed++;
        }
      }
    }
    return passed()
        + " passed, "
        + failed()
        + " failed, "
        + (differsAsDocumented() == 0 ? "" : differsAsDocumented() + " differ as documented, ")
        + skipped()
        + " skipped (queries: "
        + queriesPassed
        + " passed, "
        + queriesFailed
        + " failed)";
  }

  /**
   * Prints every failure (when {@code failures}), every skipped record with its reason, and the
   * summary.
   */
  public void print(PrintStream out, boolean failures) {
    printDetails(out, failures);
    out.println(summary());
  }

  /** {@link #print} without the summary line. */
  public void printDetails(PrintStream out, boolean failures) {
    if (failures) {
      for (Outcome o : outcomes) {
        if (o.status() == Status.FAILED) {
          out.println("FAILED  " + o.location() + ": " + firstLine(o.sql()));
          for (String l : o.detail().split("\n")) {
            out.println("        " + l);
          }
        }
      }
    }
    for (Outcome o : outcomes) {
      if (o.status() == Status.DIFFERS_AS_DOCUMENTED) {
        out.println("DIFFERS " + o.location() + ": " + o.detail());
      }
    }
    for (Outcome o : outcomes) {
      if (o.status() == Status.SKIPPED) {
        out.println("SKIPPED " + o.location() + ": " + o.detail() + ": " + firstLine(o.sql()));
      }
    }
  }

  private static String firstLine(String sql) {
    if (sql == null) {
      return "";
    }
    int nl = sql.indexOf('\n');
    String first = nl < 0 ? sql : sql.substring(0, nl) + " ...";
    return first.length() > 100 ? first.substring(0, 100) + " ..." : first;
  }
}
