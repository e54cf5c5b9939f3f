package dev.patina.bench.echo;

import java.util.Arrays;

/**
 * Echo benchmark entry point. One JVM runs a server, another the load client (bench/run-echo.sh
 * starts them one server at a time):
 *
 * <pre>
 *   EchoBench server patina-nio|patina-io_uring|netty-epoll|netty-io_uring PORT
 *   EchoBench client PORT CONNECTIONS SIZE SECONDS WARMUP_SECONDS LABEL [SERVER_PID]
 * </pre>
 */
public final class EchoBench {
  private EchoBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 3 && args[0].equals("server")) {
      EchoServer server = EchoServer.of(args[1]);
      int port = server.start(Integer.parseInt(args[2]));
      System.out.println("READY " + port + " " + ProcessHandle.current().pid());
      System.out.flush();
      // Runs until the script closes our stdin (or kills us).
      while (System.in.read() >= 0) {
        // discard
      }
      server.stop();
      return;
    }
    if ((args.length == 7 || args.length == 8) && args[0].equals("client")) {
      EchoLoad.Result r =
          EchoLoad.run(
              Integer.parseInt(args[1]),
              Integer.parseInt(args[2]),
              Integer.parseInt(args[3]),
              Integer.parseInt(args[4]),
              Integer.parseInt(args[5]),
              args.length == 8 ? Long.parseLong(args[7]) : -1);
      System.out.printf(
          "RESULT %s size=%d conns=%d msgs_per_s=%.0f mb_per_s=%.1f p99_us=%d cpu_us_per_msg=%.2f%n",
          args[6],
          r.size(),
          r.connections(),
          r.messagesPerSecond(),
          r.megabytesPerSecond(),
          r.p99Micros(),
          r.serverCpuMicrosPerMessage());
      return;
    }
    System.err.println(
        "usage: EchoBench server KIND PORT | client PORT CONNS SIZE SECONDS WARMUP LABEL [PID]");
    System.err.println("got: " + Arrays.toString(args));
    System.exit(2);
  }
}
