package dev.patina.cli.stream;

import dev.patina.cli.UserError;
import dev.patina.stream.pgwire.PgServerConfig;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code patina stream start}: serves the streaming database until Ctrl-C. */
@Command(
    name = "start",
    mixinStandardHelpOptions = true,
    description = {
      "Start the streaming SQL database: tables, materialized views maintained",
      "incrementally, batch queries, over the PostgreSQL wire protocol.",
    },
    footer = {
      "",
      "Database 'dev', any user (trust authentication, as RisingWave's default).",
      "Data is kept in --data-dir; a restart recovers tables and materialized views.",
      "",
      "Examples:",
      "  patina stream start",
      "  patina stream start --port 4566 --data-dir ./patina-data/stream",
      "  psql -h 127.0.0.1 -p 4566 -U root dev",
    })
public final class StreamStartCommand implements Callable<Integer> {
  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "TCP port to listen on (default: 4566, RisingWave's).")
  int port = PgServerConfig.DEFAULT_PORT;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "Address to listen on (default: 127.0.0.1).")
  String host = "127.0.0.1";

  @Option(
      names = "--data-dir",
      paramLabel = "DIR",
      description = "Where tables and views are kept (default: ./patina-data/stream).")
  Path dataDir = Path.of("patina-data", "stream");

  @Override
  public Integer call() throws Exception {
    if (port < 0 || port > 65535) {
      throw new UserError("--port: " + port + " is not a TCP port");
    }
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    StreamDatabase stream = StreamDatabase.start(dataDir, host, port);
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            Thread.ofPlatform()
                .name("stream-shutdown")
                .unstarted(
                    () -> {
                      // stop taking queries, then close the store cleanly
                      stream.close();
                      stopped.countDown();
                    }));
    PrintStream out = System.out;
    out.println("Patina stream is ready.");
    out.println("  PostgreSQL:  postgresql://root@" + host + ":" + stream.port() + "/dev");
    out.println("  psql:        psql -h " + host + " -p " + stream.port() + " -U root dev");
    out.println("  Data:        " + dataDir.toAbsolutePath().normalize());
    out.println("Press Ctrl-C to stop.");
    out.flush();
    stopped.await();
    return 0;
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
