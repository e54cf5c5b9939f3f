package dev.patina.cli.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.cli.Main;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code patina stream start}: a real server process, stopped and started again on its data. */
class StreamStartCommandTest {
  @TempDir Path dir;

  private static final Pattern PSQL = Pattern.compile("-p (\\d+) -U root dev");

  @Test
  void badPortIsAOneLineError() {
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setErr(new PrintWriter(err, true));
    int status = cli.execute("stream", "start", "--port", "70000", "--data-dir", dir.toString());
    assertEquals(1, status);
    assertEquals("error: --port: 70000 is not a TCP port", err.toString().strip());
  }

  private Process start(Path data) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                java,
                "--enable-native-access=ALL-UNNAMED",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                Main.class.getName(),
                "stream",
                "start",
                "--port",
                "0",
                "--data-dir",
                data.toString()));
    pb.redirectError(ProcessBuilder.Redirect.DISCARD);
    return pb.start();
  }

  private static int port(Process p) throws Exception {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = out.readLine()) != null; ) {
      Matcher m = PSQL.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    throw new AssertionError("the server printed no address");
  }

  private static java.sql.Connection connect(int port) throws Exception {
    return java.sql.DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/dev", "root", null);
  }

  @Test
  void servesAndRecoversAfterAStop() throws Exception {
    Path data = dir.resolve("data");
    Process p = start(data);
    try {
      try (var c = connect(port(p));
          var st = c.createStatement()) {
        st.execute("create table t (a int primary key, b varchar)");
        st.execute("insert into t values (1, 'x'), (2, 'y')");
        st.execute("create materialized view mv as select count(*) as n from t");
      }
    } finally {
      p.destroy(); // SIGTERM: the shutdown hook closes the store
      assertTrue(p.waitFor(30, TimeUnit.SECONDS), "the server did not stop");
    }
    p = start(data);
    try (var c = connect(port(p));
        var st = c.createStatement();
        var rs = st.executeQuery("select n from mv")) {
      assertTrue(rs.next());
      assertEquals(2, rs.getLong(1));
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
