package dev.patina.bench.echo;

/** An echo server under test: writes back every byte it reads, on each connection. */
interface EchoServer {
  /** Starts listening on 127.0.0.1:{@code port} (0: any); returns the port. */
  int start(int port) throws Exception;

  void stop() throws Exception;

  static EchoServer of(String kind) {
    return switch (kind) {
      case "patina-nio" -> new PatinaEchoServer(dev.patina.runtime.net.NetDriver.nio());
      case "patina-io_uring" -> new PatinaEchoServer(dev.patina.runtime.net.NetDriver.ioUring());
      case "netty-epoll" -> new NettyEchoServer(NettyEchoServer.Transport.EPOLL);
      case "netty-io_uring" -> new NettyEchoServer(NettyEchoServer.Transport.IO_URING);
      default -> throw new IllegalArgumentException("unknown server kind: " + kind);
    };
  }
}
