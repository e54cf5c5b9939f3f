package dev.patina.runtime.net.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * A connected TCP socket of one driver. At most one read and one write may be in progress at a time
 * (the public {@code TcpStream} serializes each direction).
 */
public interface StreamIo extends Closeable {
  /**
   * Reads at least one byte, blocking until some arrive.
   *
   * @param timeoutNanos 0 for none; then {@link java.net.SocketTimeoutException}, and the stream
   *     stays usable
   * @return bytes read, or -1 at end of stream
   */
  int read(byte[] b, int off, int len, long timeoutNanos) throws IOException;

  /** Writes some bytes (at least one unless {@code len} is 0) and returns how many. */
  int write(byte[] b, int off, int len) throws IOException;

  void shutdownOutput() throws IOException;

  InetSocketAddress localAddress() throws IOException;

  InetSocketAddress peerAddress() throws IOException;

  void setNoDelay(boolean on) throws IOException;

  boolean noDelay() throws IOException;
}
