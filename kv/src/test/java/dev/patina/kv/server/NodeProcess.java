package dev.patina.kv.server;

import dev.patina.pd.HostPort;
import dev.patina.pd.PdConfig;
import dev.patina.pd.PdServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a PD or a store in its own JVM for kill -9 tests. {@code pd DATA_DIR PORT}, {@code kv
 * DATA_DIR PD_ADDRESS PORT SPLIT_KEYS}, or {@code kvraft DATA_DIR PD_ADDRESS PORT RAFT_PORT} (a
 * replicated store); port 0 picks a free one. Prints {@code READY <port> <store id> [<raft port>]}
 * once serving (PD: {@code READY <port>}), then serves until killed.
 */
public final class NodeProcess {
  private NodeProcess() {}

  /** A child JVM and the port it serves on. */
  record Node(Process process, int port, long storeId, int raftPort) {}

  /** Starts a child JVM running {@code args} and waits (90 s at most) until it serves. */
  static Node launch(Path log, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx384m",
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "--enable-native-access=ALL-UNNAMED",
                "--sun-misc-unsafe-memory-access=allow",
                "-cp",
                System.getProperty("java.class.path"),
                NodeProcess.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd);
    pb.redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
    Process p = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (System.nanoTime() < deadline) {
      String line = out.readLine();
      if (line == null) {
        break;
      }
      if (line.startsWith("READY ")) {
        String[] f = line.substring(6).strip().split(" ");
        return new Node(
            p,
            Integer.parseInt(f[0]),
            f.length > 1 ? Long.parseLong(f[1]) : 0,
            f.length > 2 ? Integer.parseInt(f[2]) : 0);
      }
    }
    p.destroyForcibly();
    throw new AssertionError(args[0] + " did not start; its log:\n" + Files.readString(log));
  }

  /** SIGKILL: no shutdown hook, no flush. */
  static void kill(Node n) throws InterruptedException {
    n.process().destroyForcibly();
    if (!n.process().waitFor(30, TimeUnit.SECONDS)) {
      throw new AssertionError("process " + n.process().pid() + " survived SIGKILL");
    }
  }

  public static void main(String[] args) throws Exception {
    System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
    switch (args[0]) {
      case "pd" -> {
        PdServer pd =
            PdServer.start(
                PdConfig.ephemeral(Path.of(args[1]))
                    .withClientAddress(new HostPort("127.0.0.1", Integer.parseInt(args[2])))
                    .withStatusAddress(null));
        System.out.println("READY " + pd.port());
        System.out.flush();
        pd.awaitTermination();
      }
      case "kv" -> {
        KvConfig c =
            KvConfig.ephemeral(Path.of(args[1]), args[2]).toBuilder()
                .addr(new HostPort("127.0.0.1", Integer.parseInt(args[3])))
                .statusAddr(null)
                .regionSplit(1L << 30, Long.parseLong(args[4]))
                .regionSplitCheckDiff(1)
                .splitCheckTick(Duration.ofMillis(200))
                .storeHeartbeatTick(Duration.ofSeconds(1))
                .build();
        serve(KvServer.start(c));
      }
      case "kvraft" -> {
        KvConfig c =
            KvConfig.ephemeral(Path.of(args[1]), args[2]).toBuilder()
                .addr(new HostPort("127.0.0.1", Integer.parseInt(args[3])))
                .raftAddr(new HostPort("127.0.0.1", Integer.parseInt(args[4])))
                .statusAddr(null)
                .syncWrite(false) // the Raft log (fsync'ed by Ratis) is what makes writes durable
                .workerThreads(8)
                .pdHeartbeatTick(Duration.ofMillis(500))
                .storeHeartbeatTick(Duration.ofMillis(500))
                .build();
        serve(KvServer.start(c));
      }
      default -> throw new IllegalArgumentException("pd, kv or kvraft, not " + args[0]);
    }
  }

  private static void serve(KvServer kv) throws InterruptedException {
    System.out.println(
        "READY "
            + kv.port()
            + " "
            + kv.storeId()
            + (kv.raft() == null ? "" : " " + kv.raft().port()));
    System.out.flush();
    kv.awaitTermination();
  }
}
