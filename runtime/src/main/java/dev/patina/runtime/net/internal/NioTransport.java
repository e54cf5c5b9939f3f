package dev.patina.runtime.net.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.DatagramChannel;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;

/**
 * The portable driver: JDK channels in blocking mode. On a virtual thread a blocking channel call
 * parks the thread and registers the socket with the JDK's poller (epoll here), so this is already
 * Tokio's model (a reactor waking parked tasks) without code of ours in between.
 */
public final class NioTransport implements Transport {
  public static final NioTransport INSTANCE = new NioTransport();

  private NioTransport() {}

  @Override
  public ListenerIo listen(InetSocketAddress local, int backlog) throws IOException {
    ServerSocketChannel ch = ServerSocketChannel.open();
    try {
      ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
      ch.bind(local, backlog);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    return new NioListener(ch);
  }

  @Override
  public StreamIo connect(InetSocketAddress remote, long timeoutNanos) throws IOException {
    SocketChannel ch = SocketChannel.open();
    try {
      if (timeoutNanos > 0) {
        // The channel's socket adaptor is the JDK's one place for a connect timeout.
        ch.socket().connect(remote, NioStream.millis(timeoutNanos));
      } else {
        ch.connect(remote);
      }
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    return new NioStream(ch);
  }

  @Override
  public DatagramIo udp(InetSocketAddress local) throws IOException {
    DatagramChannel ch = DatagramChannel.open();
    try {
      ch.bind(local);
    } catch (IOException | RuntimeException e) {
      ch.close();
      throw e;
    }
    return new NioDatagram(ch);
  }
}
