package dev.patina.stream;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL server for tests: initdb in a temporary directory, started on a free port,
 * stopped and deleted on close. As root it runs everything as the {@code postgres} user, since
 * initdb refuses root.
 */
public final class PostgresProcess implements AutoCloseable {
  public final Path dir;
  public final int port;
  public final String version;
  private final Path bin;
  private final boolean asPostgresUser;

  private PostgresProcess(Path dir, int port, Path bin, boolean asPostgresUser, String version) {
    this.dir = dir;
    this.port = port;
    this.bin = bin;
    this.asPostgresUser = asPostgresUser;
    this.version = version;
  }

  /**
   * The directory holding initdb, pg_ctl and postgres, or null if PostgreSQL is not installed. The
   * environment variable {@code PATINA_PG_BIN}, when set, is the only place looked at (set it to
   * {@code none} to run the tests as on a machine without PostgreSQL).
   */
  public static Path findBin() {
    List<Path> candidates = new ArrayList<>();
    String env = System.getenv("PATINA_PG_BIN");
    if (env != null) {
      Path c = Path.of(env);
      return isBin(c) ? c : null;
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        versions.sorted(Comparator.reverseOrder()).forEach(v -> candidates.add(v.resolve("bin")));
      } catch (IOException e) {
        // ignore
      }
    }
    for (String p : System.getenv().getOrDefault("PATH", "").split(":")) {
      candidates.add(Path.of(p));
    }
    for (Path c : candidates) {
      if (isBin(c)) {
        return c;
      }
    }
    return null;
  }

  private static boolean isBin(Path c) {
    return Files.isExecutable(c.resolve("initdb"))
        && Files.isExecutable(c.resolve("pg_ctl"))
        && Files.isExecutable(c.resolve("postgres"));
  }

  public static PostgresProcess start(Path bin) throws IOException, InterruptedException {
    boolean root = "root".equals(System.getProperty("user.name"));
    Path dir = Files.createTempDirectory("patina-pg");
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    PostgresProcess pg = new PostgresProcess(dir, port, bin, root, null);
    if (root) {
      pg.exec(List.of("chown", "postgres", dir.toString()), false);
    }
    Path data = dir.resolve("data");
    pg.exec(
        List.of(
            bin.resolve("initdb").toString(),
            "-D",
            data.toString(),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync"),
        true);
    pg.exec(
        List.of(
            bin.resolve("pg_ctl").toString(),
            "-D",
            data.toString(),
            "-l",
            dir.resolve("log").toString(),
            "-w",
            "-o",
            "-p "
                + port
                + " -k "
                + dir
                + " -c listen_addresses=127.0.0.1 -c fsync=off"
                + " -c synchronous_commit=off -c full_page_writes=off -c TimeZone=UTC",
            "start"),
        true);
    String version =
        pg.exec(List.of(bin.resolve("postgres").toString(), "--version"), false).strip();
    return new PostgresProcess(dir, port, bin, root, version);
  }

  String exec(List<String> cmd, boolean asPostgres) throws IOException, InterruptedException {
    List<String> full = new ArrayList<>();
    if (asPostgres && asPostgresUser) {
      full.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    full.addAll(cmd);
    Process p = new ProcessBuilder(full).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IOException(String.join(" ", full) + " failed:\n" + out);
    }
    return out;
  }

  public String url(String database, String options) {
    return "jdbc:postgresql://127.0.0.1:"
        + port
        + "/"
        + database
        + (options.isEmpty() ? "" : "?" + options);
  }

  public Connection admin() throws SQLException {
    return DriverManager.getConnection(url("postgres", ""), "postgres", "");
  }

  /** A throwaway server and one admin connection to it, closed together. */
  public record Admin(PostgresProcess server, Connection conn) implements AutoCloseable {
    /**
     * Starts one; null (after printing that {@code test} is skipped) when PostgreSQL is not
     * installed.
     */
    public static Admin startIfInstalled(String test) throws IOException, InterruptedException {
      Path bin = findBin();
      if (bin == null) {
        System.out.println(test + " skipped: PostgreSQL is not installed");
        return null;
      }
      PostgresProcess server = start(bin);
      try {
        return new Admin(server, server.admin());
      } catch (SQLException e) {
        server.close();
        throw new IOException("cannot connect to the PostgreSQL just started", e);
      }
    }

    @Override
    public void close() throws Exception {
      try (PostgresProcess s = server) {
        conn.close();
      }
    }
  }

  @Override
  public void close() throws IOException {
    try {
      exec(
          List.of(
              bin.resolve("pg_ctl").toString(),
              "-D",
              dir.resolve("data").toString(),
              "-m",
              "immediate",
              "-w",
              "stop"),
          true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
