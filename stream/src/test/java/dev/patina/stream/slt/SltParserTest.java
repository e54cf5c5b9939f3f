package dev.patina.stream.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.patina.stream.slt.SltRecord.ErrorMatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class SltParserTest {
  @Test
  void recordsOfEveryKind() {
    String script =
        """
        # a comment
        statement ok
        create table t (v int);

        statement count 3
        insert into t values (1), (2), (3)

        statement error Version column .* not found
        select 1

        query error (42703)
        select nosuch

        onlyif can-use-recover

        query IT rowsort retry 11 backoff 1s
        select 1,
          'x'
        ----
        1 x
        2 (empty)

        statement error
        select nosuch
        ----
        db error: ERROR: Failed to run the query

        Caused by:
          oops


        control sortmode rowsort

        hash-threshold 10

        skipif madsim
        query R
        select 1.5
        ----
        1.5

        system ok
        echo hi

        halt
        """;
    List<SltRecord> rs = SltParser.parse(script, "x.slt");
    assertEquals(11, rs.size());
    var s0 = (SltRecord.Statement) rs.get(0);
    assertEquals(2, s0.location().line());
    assertEquals("create table t (v int);", s0.sql());
    assertNull(s0.expectedError());
    assertEquals(3L, ((SltRecord.Statement) rs.get(1)).expectedCount());
    assertEquals(
        new ErrorMatch.Regex("Version column .* not found"),
        ((SltRecord.Statement) rs.get(2)).expectedError());
    assertEquals(new ErrorMatch.SqlState("42703"), ((SltRecord.Query) rs.get(3)).expectedError());
    var q = (SltRecord.Query) rs.get(4);
    assertEquals(List.of(new SltRecord.Condition(true, "can-use-recover")), q.conditions());
    assertEquals("select 1,\n  'x'", q.sql());
    assertEquals(SltRecord.SortMode.ROWSORT, q.sortMode());
    assertEquals(new SltRecord.Retry(11, Duration.ofSeconds(1)), q.retry());
    assertEquals(List.of("1 x", "2 (empty)"), q.expected());
    assertEquals(
        new ErrorMatch.Exact("db error: ERROR: Failed to run the query\n\nCaused by:\n  oops"),
        ((SltRecord.Statement) rs.get(5)).expectedError());
    assertEquals(new SltRecord.Control("sortmode", "rowsort"), rs.get(6));
    assertEquals(new SltRecord.HashThreshold(10), rs.get(7));
    assertEquals(
        List.of(new SltRecord.Condition(false, "madsim")),
        ((SltRecord.Query) rs.get(8)).conditions());
    assertInstanceOf(SltRecord.Unsupported.class, rs.get(9));
    assertInstanceOf(SltRecord.Halt.class, rs.get(10));
  }

  @Test
  void malformedScriptsAreReportedWithTheirLine() {
    SltParseException e =
        assertThrows(
            SltParseException.class,
            () -> SltParser.parse("statement okay\nselect 1\n", "bad.slt"));
    assertEquals("bad.slt:1: invalid line: statement okay", e.getMessage());
    assertThrows(
        SltParseException.class,
        () -> SltParser.parse("statement ok\nselect 1\n----\n1\n", "bad.slt"));
    assertThrows(SltParseException.class, () -> SltParser.parse("query I\n", "bad.slt"));
  }

  /**
   * All 68 of RisingWave's streaming scripts parse: 1389 statements and queries (the runner reports
   * each as passed, failed or skipped). EngineSltTest runs them against the engine.
   */
  @Test
  void everyStreamingScriptParses() throws Exception {
    Path dir = SltFiles.dir();
    if (dir == null) {
      System.out.println("SltParserTest: ../shared/stream-slt is absent");
    }
    assumeTrue(dir != null, "../shared/stream-slt is absent");
    List<Path> files = SltFiles.all(dir);
    assertEquals(68, files.size());
    long records = 0;
    for (Path f : files) {
      for (SltRecord r : SltParser.parse(Files.readString(f), dir.relativize(f).toString())) {
        if (r instanceof SltRecord.Runnable || r instanceof SltRecord.Unsupported) {
          records++;
        }
      }
    }
    assertEquals(1389, records);
  }
}
