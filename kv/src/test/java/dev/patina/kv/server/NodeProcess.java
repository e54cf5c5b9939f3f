package dev.patina.kv.server;

import dev.patina.pd.HostPort;
import dev.patina.pd.PdConfig;
import dev.patina.pd.PdServer;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Runs a PD or a store in its own JVM for kill -9 tests. {@code pd DATA_DIR PORT} or {@code kv
 * DATA_DIR PD_ADDRESS PORT SPLIT_KEYS}; port 0 picks a free one. Prints {@code READY <port>} once
 * serving, then serves until killed.
 */
public final class NodeProcess {
  private NodeProcess() {}

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
        KvServer kv = KvServer.start(c);
        System.out.println("READY " + kv.port());
        System.out.flush();
        kv.awaitTermination();
      }
      default -> throw new IllegalArgumentException("pd or kv, not " + args[0]);
    }
  }
}
