package dev.patina.stream.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.patina.stream.pgwire.PgServer;
import dev.patina.stream.pgwire.PgServerConfig;
import dev.patina.stream.pgwire.QueryEngine;
import dev.patina.stream.pgwire.TestEngine;
import dev.patina.stream.slt.SltReport.Status;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Runs all 68 of RisingWave's streaming scripts against a Patina server started here. Until the SQL
 * engine exists the server runs the protocol test engine, which answers canned tags and no real
 * SQL, so this checks the plumbing (every script parses and runs to the end over Patina's wire
 * protocol) and not the pass rate; the real engine replaces {@link #engine()}.
 */
class StreamSltTest {
  static QueryEngine engine() {
    return new TestEngine();
  }

  @Test
  void streamingScriptsRunOverPatinasWireProtocol() throws Exception {
    Path scripts = SltFiles.dir();
    if (scripts == null) {
      System.out.println("StreamSltTest skipped: ../shared/stream-slt is absent");
    }
    assumeTrue(scripts != null, "../shared/stream-slt is absent");
    List<Path> files = SltFiles.all(scripts);
    assertEquals(68, files.size());
    try (PgServer server =
        PgServer.start(PgServerConfig.defaults().withHost("127.0.0.1").withPort(0), engine())) {
      SltRunner runner =
          new SltRunner(
                  SltTarget.jdbc(
                      "jdbc:postgresql://127.0.0.1:"
                          + server.port()
                          + "/dev?preferQueryMode=simple",
                      "root",
                      null),
                  Set.of("postgres"),
                  SltRunner.Dialect.NATIVE)
              .withRetryBackoffCap(java.time.Duration.ZERO);
      SltReport report = runner.runFiles(files, scripts);
      System.out.println(
          "RisingWave streaming scripts against Patina (protocol test engine): "
              + report.summary());
      long parseFailures =
          report.outcomes().stream()
              .filter(o -> o.status() == Status.FAILED && o.location().line() == 0)
              .count();
      assertEquals(0, parseFailures, "scripts that did not parse or set up");
      assertEquals(1389, report.passed() + report.failed() + report.skipped());
    }
  }
}
