package dev.patina.stream.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.patina.stream.PostgresProcess;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Validates the runner against a real PostgreSQL: all of RisingWave's streaming scripts, each in a
 * fresh database, with the {@link PostgresOracle} mappings. Skipped with a printed reason where
 * PostgreSQL or the scripts are absent.
 */
class PostgresOracleTest {
  @Test
  void risingWaveStreamingScriptsAgainstPostgres() throws Exception {
    Path scripts = SltFiles.dir();
    Path bin = PostgresProcess.findBin();
    if (scripts == null) {
      System.out.println("PostgresOracleTest skipped: ../shared/stream-slt is absent");
    }
    if (bin == null) {
      System.out.println(
          "PostgresOracleTest skipped: PostgreSQL is not installed (apt-get install postgresql-15)");
    }
    assumeTrue(scripts != null && bin != null, "needs ../shared/stream-slt and PostgreSQL");
    List<Path> files = SltFiles.all(scripts);
    assertEquals(68, files.size(), "the README promises 68 scripts");
    try (PostgresProcess pg = PostgresProcess.start(bin)) {
      AtomicInteger n = new AtomicInteger();
      SltTarget target =
          new SltTarget() {
            String db;

            @Override
            public void beginFile(String file) throws SQLException {
              db = "slt_" + n.incrementAndGet();
              try (Connection c = pg.admin();
                  Statement s = c.createStatement()) {
                s.execute("create database " + db);
              }
            }

            @Override
            public Connection connect(String file, String name) throws SQLException {
              Connection c =
                  DriverManager.getConnection(pg.url(db, "preferQueryMode=simple"), "postgres", "");
              try (Statement s = c.createStatement()) {
                s.execute("set timezone = 'UTC'"); // RisingWave's sessions start in UTC
              }
              return c;
            }

            @Override
            public void endFile(String file) throws SQLException {
              try (Connection c = pg.admin();
                  Statement s = c.createStatement()) {
                s.execute("drop database " + db + " with (force)");
              }
            }
          };
      SltRunner runner =
          new SltRunner(target, Set.of("postgres"), new PostgresOracle())
              .withStatementTimeout(60)
              .withRetryBackoffCap(java.time.Duration.ofMillis(10));
      SltReport report = runner.runFiles(files, scripts);
      System.out.println("RisingWave streaming scripts against " + pg.version.strip() + ":");
      report.print(System.out, Boolean.getBoolean("slt.verbose"));
      long notRun =
          report.outcomes().stream().filter(o -> SltRunner.NOT_RUN.equals(o.detail())).count();
      System.out.println(
          notRun
              + " of the passed statements (FLUSH, RECOVER, SET of RisingWave settings) were"
              + " answered by the oracle mapping without running");
      long total = report.passed() + report.failed() + report.skipped();
      assertTrue(total > 1300, "records run: " + total);
      // The runner itself must not be what fails: PostgreSQL passes most of the suite.
      assertTrue(report.passed() > total * 0.6, report.summary());
    }
  }
}
