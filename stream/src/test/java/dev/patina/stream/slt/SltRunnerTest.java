package dev.patina.stream.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.stream.pgwire.PgServer;
import dev.patina.stream.pgwire.PgServerConfig;
import dev.patina.stream.pgwire.QueryEngine;
import dev.patina.stream.pgwire.TestEngine;
import dev.patina.stream.slt.SltReport.Outcome;
import dev.patina.stream.slt.SltReport.Status;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The runner's judgement, against Patina's server with the protocol test engine. */
class SltRunnerTest {
  static PgServer server;

  @BeforeAll
  static void start() throws Exception {
    QueryEngine engine = new TestEngine();
    server = PgServer.start(PgServerConfig.defaults().withHost("127.0.0.1").withPort(0), engine);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static SltRunner runner(String options) {
    return new SltRunner(
        SltTarget.jdbc(
            "jdbc:postgresql://127.0.0.1:" + server.port() + "/dev?" + options, "root", null),
        Set.of("postgres"),
        SltRunner.Dialect.NATIVE);
  }

  static final String SCRIPT =
      """
      statement ok
      create table t (v int)

      statement count 2
      insert into t values (1), (2)

      statement error column "nosuch" does not exist
      select nosuch

      statement error (42703)
      select nosuch

      statement error
      select nosuch
      ----
      db error: ERROR: column "nosuch" does not exist


      query T rowsort
      select * from generate_series(9, 11)
      ----
      10
      11
      9

      query IT
      select 1, '', null, true, '  a   b '
      ----
      1 (empty) NULL t a b

      query I valuesort
      select 2, 1
      ----
      1
      2

      query I
      select * from generate_series(1, 0)
      ----

      skipif postgres
      statement ok
      garbage

      onlyif madsim
      statement ok
      garbage

      query I
      select 1
      ----
      2

      statement error
      select 1

      query I retry 2 backoff 10ms
      select nosuch
      ----
      1

      hash-threshold 1

      query I
      select * from generate_series(1, 2)
      ----
      2 values hashing to HASH

      halt

      statement ok
      select 1
      """;

  /** A record counts as a documented difference only if the answer is the documented one. */
  @Test
  void documentedDifferencesNeedTheDocumentedAnswer() {
    String script = "query I\nselect 1\n----\n2\n\nquery I\nselect 3\n----\n4\n";
    SltReport r =
        runner("preferQueryMode=simple")
            .withKnownDifferences(
                List.of(
                    new KnownDifference("f.slt:1", List.of("1"), "documented"),
                    new KnownDifference("f.slt:6", List.of("5"), "wrong documented rows")))
            .runScript(script, "f.slt");
    assertEquals(Status.DIFFERS_AS_DOCUMENTED, r.outcomes().get(0).status());
    assertEquals(Status.FAILED, r.outcomes().get(1).status());
    assertEquals(
        "0 passed, 1 failed, 1 differ as documented, 0 skipped", r.summary().split(" \\(")[0]);
  }

  @Test
  void judgesLikeTheSqllogictestCrate() throws Exception {
    MessageDigest md = MessageDigest.getInstance("MD5");
    String hash = HexFormat.of().formatHex(md.digest("1\n2\n".getBytes(StandardCharsets.UTF_8)));
    for (String mode : List.of("preferQueryMode=simple", "binaryTransfer=false")) {
      SltReport r = runner(mode).runScript(SCRIPT.replace("HASH", hash), "synthetic.slt");
      List<Outcome> o = r.outcomes();
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      r.print(new PrintStream(buf, true, StandardCharsets.UTF_8), true);
      String printed = buf.toString(StandardCharsets.UTF_8);
      assertEquals(
          "10 passed, 3 failed, 3 skipped (queries: 5 passed, 2 failed)", r.summary(), printed);
      assertEquals(Status.FAILED, o.get(11).status());
      assertTrue(o.get(11).detail().contains("[Expected]\n2\n[Actual]\n1"), o.get(11).detail());
      assertEquals("statement is expected to fail, but succeeded", o.get(12).detail());
      assertTrue(o.get(13).detail().startsWith("query failed: db error: ERROR: column"));
      assertTrue(printed.contains("SKIPPED synthetic.slt:42: skipif postgres: garbage"), printed);
      assertTrue(printed.contains("SKIPPED synthetic.slt:46: onlyif madsim: garbage"), printed);
      assertTrue(printed.contains("SKIPPED synthetic.slt:71: after halt: select 1"), printed);
    }
  }

  @Test
  void rowsortComparesUtf8Bytes() {
    // U+FF21 sorts after U+1F600 in UTF-16 code units but before it in UTF-8 bytes.
    List<List<String>> rows =
        new java.util.ArrayList<>(List.of(List.of("\uD83D\uDE00"), List.of("\uFF21")));
    rows.sort(SltRunner.ROW_ORDER);
    assertEquals("\uFF21", rows.get(0).get(0));
  }

  @Test
  void normalizesWhitespaceLikeTheCrate() {
    assertEquals("a b c", SltRunner.normalize("  a \t b\n c "));
    assertEquals("", SltRunner.normalize("   "));
  }
}
