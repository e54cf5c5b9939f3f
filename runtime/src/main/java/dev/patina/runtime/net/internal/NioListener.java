package dev.patina.runtime.net.internal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.ServerSocketChannel;

/** A listening channel; accept with a timeout goes through the channel's socket adaptor. */
final class NioListener implements ListenerIo {
  private final ServerSocketChannel ch;

  NioListener(ServerSocketChannel ch) {
    this.ch = ch;
  }

  @Override
  public StreamIo accept(long timeoutNanos) throws IOException {
    if (timeoutNanos <= 0) {
      return new NioStream(ch.accept());
    }
    ServerSocket adaptor = ch.socket();
    adaptor.setSoTimeout(NioStream.millis(timeoutNanos));
    return new NioStream(adaptor.accept().getChannel());
  }

  @Override
  public InetSocketAddress localAddress() throws IOException {
    return (InetSocketAddress) ch.getLocalAddress();
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }
}
