package dev.patina.stream.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real psql client (PostgreSQL 15's, from Debian) against the server. */
class PsqlTest extends PgwireTestBase {
  static String psql;

  @BeforeAll
  static void findPsql() {
    for (String p :
        List.of("/usr/bin/psql", "/usr/lib/postgresql/15/bin/psql", "/usr/local/bin/psql")) {
      if (Files.isExecutable(Path.of(p))) {
        psql = p;
        break;
      }
    }
    if (psql == null) {
      System.out.println(
          "PsqlTest skipped: psql is not installed (apt-get install postgresql-client)");
    }
    assumeTrue(psql != null, "psql is not installed");
  }

  record Result(int exit, String out, String err) {}

  static Result run(String... args) throws IOException, InterruptedException {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                psql,
                "-X",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(server.port()),
                "-U",
                "root",
                "-d",
                "dev"));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("PGCONNECT_TIMEOUT", "10");
    pb.environment().put("LC_ALL", "C.UTF-8");
    pb.environment().remove("PGPASSWORD");
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("psql hung");
    }
    return new Result(
        p.exitValue(),
        new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
        new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void selectOne() throws Exception {
    Result r = run("-c", "select 1");
    assertEquals(0, r.exit(), r.err());
    assertEquals(" ?column? \n----------\n        1\n(1 row)\n\n", r.out());
  }

  @Test
  void unalignedTuplesOnly() throws Exception {
    Result r = run("-At", "-c", "select 'héllo', 2, true, null, '{1,2}'::int[], 1.5::float8");
    assertEquals(0, r.exit(), r.err());
    assertEquals("héllo|2|t||{1,2}|1.5\n", r.out());
  }

  @Test
  void scriptFileWithErrorsAndNotices(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("script.sql");
    Files.writeString(
        script,
        "create table t (v int);\n"
            + "insert into t values (1), (2);\n"
            + "select nosuch;\n"
            + "drop table if exists gone;\n"
            + "select 'after';\n");
    Result r = run("-f", script.toString());
    assertEquals(0, r.exit(), r.err());
    assertEquals(
        "CREATE TABLE\nINSERT 0 2\nDROP TABLE\n ?column? \n----------\n after\n(1 row)\n\n",
        r.out());
    String prefix = "psql:" + script + ":";
    assertEquals(
        prefix
            + "3: ERROR:  column \"nosuch\" does not exist\n"
            + "LINE 1: select nosuch;\n"
            + "               ^\n"
            + prefix
            + "4: NOTICE:  table \"gone\" does not exist, skipping\n",
        r.err());
  }

  @Test
  void stopOnError(@TempDir Path dir) throws Exception {
    Path script = dir.resolve("stop.sql");
    Files.writeString(script, "select 1/0;\nselect 'never';\n");
    Result r = run("-v", "ON_ERROR_STOP=1", "-f", script.toString());
    assertEquals(3, r.exit());
    assertTrue(r.err().contains("ERROR:  division by zero"), r.err());
    assertTrue(!r.out().contains("never"));
  }

  @Test
  void unknownDatabase() throws Exception {
    List<String> cmd =
        List.of(
            psql,
            "-X",
            "-h",
            "127.0.0.1",
            "-p",
            String.valueOf(server.port()),
            "-U",
            "root",
            "-d",
            "nosuchdb",
            "-c",
            "select 1");
    Process p = new ProcessBuilder(cmd).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(2, p.exitValue());
    assertTrue(err.contains("FATAL:  database \"nosuchdb\" does not exist"), err);
  }
}
