package dev.patina.stream.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.patina.stream.pgwire.PgServer;
import dev.patina.stream.pgwire.PgServerConfig;
import dev.patina.stream.slt.KnownDifference;
import dev.patina.stream.slt.SltReport;
import dev.patina.stream.slt.SltRunner;
import dev.patina.stream.slt.SltTarget;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * RisingWave's streaming scripts (../shared/stream-slt) against the real engine over the wire
 * protocol. Prints the pass count and writes the failures to target/stream-slt-failures.txt; fails
 * if any record fails (records listed in known-differences.txt must give exactly their documented
 * answer) or the count drops below what the engine passed when this floor was last raised.
 */
class EngineSltTest {
  /** Records passing at the last measurement; raise it as the engine improves. */
  static final long FLOOR = 1388;

  static Path scripts() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared/stream-slt");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  @Test
  void streamingScriptsPassAgainstTheEngine(@TempDir Path dir) throws Exception {
    Path scripts = scripts();
    assumeTrue(scripts != null, "../shared/stream-slt is absent");
    List<Path> files;
    try (Stream<Path> walk = Files.walk(scripts)) {
      files = walk.filter(p -> p.toString().endsWith(".slt")).sorted().toList();
    }
    try (Database db = Database.open(dir.resolve("data"), DataflowBackend::new);
        PgServer server =
            PgServer.start(
                PgServerConfig.defaults().withHost("127.0.0.1").withPort(0),
                new StreamEngine(db))) {
      SltRunner runner =
          new SltRunner(
                  SltTarget.jdbc(
                      "jdbc:postgresql://127.0.0.1:"
                          + server.port()
                          + "/dev?preferQueryMode=simple",
                      "root",
                      null),
                  Set.of("risingwave", "can-use-recover"),
                  SltRunner.Dialect.NATIVE)
              .withRetryBackoffCap(java.time.Duration.ZERO)
              .withKnownDifferences(KnownDifference.risingWaveScripts());
      SltReport report = runner.runFiles(files, scripts);
      Path out = Path.of("target/stream-slt-failures.txt");
      Files.createDirectories(out.getParent());
      try (PrintStream ps = new PrintStream(Files.newOutputStream(out))) {
        report.print(ps, true);
      }
      System.out.println("RisingWave streaming scripts against the engine: " + report.summary());
      assertTrue(report.passed() >= FLOOR, "passed " + report.passed() + " < floor " + FLOOR);
      assertEquals(0, report.failed(), report.summary() + ", failures in " + out.toAbsolutePath());
      assertEquals(
          KnownDifference.risingWaveScripts().size(),
          report.differsAsDocumented(),
          "every documented difference is still one: " + report.summary());
    }
  }
}
