package dev.patina.pd;

import java.nio.file.Path;

/**
 * Runs a PD in its own JVM for crash tests: {@code PdProcess DATA_DIR}. Prints {@code READY <port>}
 * once serving, then serves until killed.
 */
public final class PdProcess {
  private PdProcess() {}

  public static void main(String[] args) throws Exception {
    PdServer server = PdServer.start(PdConfig.ephemeral(Path.of(args[0])).withStatusAddress(null));
    System.out.println("READY " + server.port());
    System.out.flush();
    server.awaitTermination();
  }
}
