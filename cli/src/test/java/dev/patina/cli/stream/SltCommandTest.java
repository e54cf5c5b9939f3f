package dev.patina.cli.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.cli.ErrorReporter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command's own errors: one line each, no stack trace. Runs are tested in the stream module.
 */
class SltCommandTest {
  @TempDir Path dir;

  private static String[] run(String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = new CommandLine(new SltCommand());
    cli.setExecutionExceptionHandler(new ErrorReporter());
    cli.setParameterExceptionHandler(ErrorReporter::usageError);
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute(args);
    return new String[] {String.valueOf(status), err.toString().strip()};
  }

  @Test
  void missingPathIsOneLine() {
    String[] r = run(dir.resolve("nope.slt").toString());
    assertEquals("1", r[0]);
    assertEquals("error: no such file: " + dir.resolve("nope.slt"), r[1]);
  }

  @Test
  void directoryWithoutScriptsIsOneLine() {
    String[] r = run(dir.toString());
    assertEquals("1", r[0]);
    assertEquals("error: no .slt files in [" + dir + "]", r[1]);
  }

  @Test
  void noServerIsOneLine() throws Exception {
    Path script = Files.writeString(dir.resolve("a.slt"), "statement ok\nselect 1\n");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    String[] r = run("--url", "jdbc:postgresql://127.0.0.1:" + port + "/dev", script.toString());
    assertEquals("1", r[0]);
    assertTrue(
        r[1].startsWith("error: cannot connect to jdbc:postgresql://127.0.0.1:" + port), r[1]);
    assertTrue(
        r[1].endsWith("(is the server running? 'patina stream start' starts Patina's)"), r[1]);
    assertEquals(1, r[1].lines().count(), r[1]);
  }

  @Test
  void urlMustBePostgresJdbc() throws Exception {
    Path script = Files.writeString(dir.resolve("a.slt"), "statement ok\nselect 1\n");
    String[] r = run("--url", "mysql://x", script.toString());
    assertEquals("1", r[0]);
    assertEquals("error: --url must be a jdbc:postgresql: URL, not mysql://x", r[1]);
  }

  @Test
  void simpleProtocolIsAddedUnlessAModeIsSet() {
    assertEquals(
        "jdbc:postgresql://h:1/d?preferQueryMode=simple",
        SltCommand.withSimpleProtocol("jdbc:postgresql://h:1/d"));
    assertEquals(
        "jdbc:postgresql://h:1/d?ssl=false&preferQueryMode=simple",
        SltCommand.withSimpleProtocol("jdbc:postgresql://h:1/d?ssl=false"));
    assertEquals(
        "jdbc:postgresql://h:1/d?preferQueryMode=extended",
        SltCommand.withSimpleProtocol("jdbc:postgresql://h:1/d?preferQueryMode=extended"));
  }

  @Test
  void runsAgainstTheInProcessEngine() throws Exception {
    Path script =
        Files.writeString(
            dir.resolve("t.slt"),
            """
            statement ok
            create table t (v int)

            statement ok
            insert into t values (2), (1)

            query I rowsort
            select v from t
            ----
            1
            2

            query I
            select v + 1 from t where v = 1
            ----
            3

            onlyif nosuchlabel
            statement ok
            select 1
            """);
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    java.io.PrintStream old = System.out;
    System.setOut(new java.io.PrintStream(bytes, true, java.nio.charset.StandardCharsets.UTF_8));
    String[] r;
    try {
      r = run("--files", script.toString());
    } finally {
      System.setOut(old);
    }
    String out = bytes.toString(java.nio.charset.StandardCharsets.UTF_8);
    assertEquals("1", r[0], out + r[1]);
    assertTrue(out.contains("[Expected]\n        3\n        [Actual]\n        2\n"), out);
    assertTrue(out.contains("FAILED  " + script + ":13: select v + 1 from t where v = 1"), out);
    assertTrue(out.contains("SKIPPED " + script + ":19: onlyif nosuchlabel: select 1"), out);
    assertTrue(out.contains(script + ": 3 passed, 1 failed, 1 skipped"), out);
    assertTrue(
        out.endsWith("1 files: 3 passed, 1 failed, 1 skipped (queries: 1 passed, 1 failed)\n"),
        out);
  }
}
