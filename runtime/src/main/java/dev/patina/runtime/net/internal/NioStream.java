package dev.patina.runtime.net.internal;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * A connected channel in blocking mode. Untimed reads go to the channel; timed reads to its socket
 * adaptor, the JDK's only timed read on a channel, which leaves the channel open on a timeout.
 */
final class NioStream implements StreamIo {
  private final SocketChannel ch;
  private final ReadSpin spin = ReadSpin.fromProperty(ReadSpin.NIO_DEFAULT); // the reader's
  private InputStream adaptorIn; // the adaptor's stream, made on first use by the one reader
  private int soTimeout;

  NioStream(SocketChannel ch) {
    this.ch = ch;
  }

  /** Nanoseconds to the adaptor's milliseconds, never 0 (which would mean "no timeout"). */
  static int millis(long nanos) {
    return (int) Math.clamp((nanos + 999_999) / 1_000_000, 1, Integer.MAX_VALUE);
  }

  @Override
  public int read(byte[] b, int off, int len, long timeoutNanos) throws IOException {
    // FIONREAD (the adaptor's available()) is the non-blocking look: a blocking channel has no
    // non-blocking read, and switching its mode would take the writer's lock too.
    spin.tryBeforePark(() -> adaptorIn().available() > 0 ? 1 : -1);
    if (timeoutNanos <= 0) {
      return ch.read(ByteBuffer.wrap(b, off, len));
    }
    int ms = millis(timeoutNanos);
    InputStream timedIn = adaptorIn();
    if (ms != soTimeout) {
      ch.socket().setSoTimeout(ms);
      soTimeout = ms;
    }
    return timedIn.read(b, off, len);
  }

  private InputStream adaptorIn() throws IOException {
    if (adaptorIn == null) {
      adaptorIn = ch.socket().getInputStream();
    }
    return adaptorIn;
  }

  @Override
  public int write(byte[] b, int off, int len) throws IOException {
    return ch.write(ByteBuffer.wrap(b, off, len));
  }

  @Override
  public void shutdownOutput() throws IOException {
    ch.shutdownOutput();
  }

  @Override
  public InetSocketAddress localAddress() throws IOException {
    return (InetSocketAddress) ch.getLocalAddress();
  }

  @Override
  public InetSocketAddress peerAddress() throws IOException {
    return (InetSocketAddress) ch.getRemoteAddress();
  }

  @Override
  public void setNoDelay(boolean on) throws IOException {
    ch.setOption(StandardSocketOptions.TCP_NODELAY, on);
  }

  @Override
  public boolean noDelay() throws IOException {
    return ch.getOption(StandardSocketOptions.TCP_NODELAY);
  }

  @Override
  public void close() throws IOException {
    ch.close();
  }
}
