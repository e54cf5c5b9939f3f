package dev.patina.stream.clients;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.patina.stream.clients.CatalogTargets.Target;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * psql 15's catalog commands ({@code \dt}, {@code \dm}, {@code \d}, {@code \d name}, {@code \l})
 * against Patina's engine, which answers them from its {@code pg_catalog}. Each expectation also
 * runs against a real PostgreSQL where one is installed, so the tests ask for what psql users see
 * there. Output is unaligned ({@code -A}) so that column widths do not matter.
 */
class PsqlCatalogTest {
  private static String psql;
  private static CatalogTargets servers;

  @BeforeAll
  static void start() throws Exception {
    for (String p : List.of("/usr/bin/psql", "/usr/lib/postgresql/15/bin/psql")) {
      if (Files.isExecutable(Path.of(p))) {
        psql = p;
        break;
      }
    }
    if (psql == null) {
      System.out.println(
          "PsqlCatalogTest skipped: psql is not installed (apt-get install postgresql-client-15)");
    }
    assumeTrue(psql != null, "psql is not installed");
    servers = CatalogTargets.start("PsqlCatalogTest");
  }

  @AfterAll
  static void stop() throws Exception {
    if (servers != null) {
      servers.close();
    }
  }

  static Stream<Target> targets() {
    return servers.targets.stream();
  }

  /** Runs one backslash command; returns its unaligned output lines (no row-count footer). */
  private static List<String> psql(Target t, String command)
      throws IOException, InterruptedException {
    List<String> cmd =
        List.of(
            psql,
            "-X",
            "-A",
            "-P",
            "footer=off",
            "-v",
            "ON_ERROR_STOP=1",
            "-h",
            "127.0.0.1",
            "-p",
            String.valueOf(t.port()),
            "-U",
            t.user(),
            "-d",
            t.database(),
            "-c",
            command);
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.environment().put("PGCONNECT_TIMEOUT", "10");
    pb.environment().put("LC_ALL", "C.UTF-8");
    pb.environment().remove("PGPASSWORD");
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(30, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(t + ": psql " + command + " hung");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), t + ": psql " + command + " failed: " + err);
    assertEquals("", err, t + ": psql " + command + " wrote to stderr");
    return out.lines().toList();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void listTables(Target t) throws Exception {
    assertEquals(
        List.of(
            "List of relations",
            "Schema|Name|Type|Owner",
            "public|items|table|" + t.user(),
            "public|orders|table|" + t.user()),
        psql(t, "\\dt"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void listMaterializedViews(Target t) throws Exception {
    assertEquals(
        List.of(
            "List of relations",
            "Schema|Name|Type|Owner",
            "public|totals|materialized view|" + t.user()),
        psql(t, "\\dm"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void listRelations(Target t) throws Exception {
    assertEquals(
        List.of(
            "List of relations",
            "Schema|Name|Type|Owner",
            "public|items|table|" + t.user(),
            "public|orders|table|" + t.user(),
            "public|totals|materialized view|" + t.user()),
        psql(t, "\\d"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void describeTable(Target t) throws Exception {
    List<String> out = psql(t, "\\d orders");
    assertEquals(
        List.of(
            "Table \"public.orders\"",
            "Column|Type|Collation|Nullable|Default",
            "id|integer||not null|",
            "customer|character varying|||",
            "amount|double precision|||"),
        out.subList(0, Math.min(5, out.size())),
        String.join("\n", out));
    assertTrue(
        out.stream().anyMatch(l -> l.contains("PRIMARY KEY") && l.endsWith("(id)")),
        () -> t + ": no primary key index in\n" + String.join("\n", out));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void describeTableWithCompositeKey(Target t) throws Exception {
    List<String> out = psql(t, "\\d items");
    assertEquals(
        List.of(
            "Table \"public.items\"",
            "Column|Type|Collation|Nullable|Default",
            "order_id|integer||not null|",
            "sku|character varying||not null|",
            "qty|integer|||"),
        out.subList(0, Math.min(5, out.size())),
        String.join("\n", out));
    assertTrue(
        out.stream().anyMatch(l -> l.contains("PRIMARY KEY") && l.endsWith("(order_id, sku)")),
        () -> t + ": no primary key index in\n" + String.join("\n", out));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void describeMaterializedView(Target t) throws Exception {
    assertEquals(
        List.of(
            "Materialized view \"public.totals\"",
            "Column|Type|Collation|Nullable|Default",
            "customer|character varying|||",
            "total|double precision|||"),
        psql(t, "\\d totals"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void describeUnknownRelation(Target t) throws Exception {
    List<String> cmd =
        List.of(
            psql,
            "-X",
            "-h",
            "127.0.0.1",
            "-p",
            String.valueOf(t.port()),
            "-U",
            t.user(),
            "-d",
            t.database(),
            "-c",
            "\\d nosuch");
    Process p = new ProcessBuilder(cmd).start();
    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals("Did not find any relation named \"nosuch\".\n", err);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void listDatabases(Target t) throws Exception {
    List<String> out = psql(t, "\\l");
    assertEquals("List of databases", out.get(0));
    assertTrue(out.get(1).startsWith("Name|Owner|Encoding|"), out.get(1));
    List<String> names = new ArrayList<>();
    for (String l : out.subList(2, out.size())) {
      names.add(l.split("\\|", -1)[0]);
    }
    assertTrue(names.contains(t.database()), () -> t + ": " + t.database() + " not in " + names);
    String row =
        out.stream().filter(l -> l.startsWith(t.database() + "|")).findFirst().orElseThrow();
    assertTrue(row.startsWith(t.database() + "|" + t.user() + "|UTF8|"), row);
  }
}
