package dev.patina.runtime.net.internal;

import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;

/** A bound, listening TCP socket of one driver. */
public interface ListenerIo extends Closeable {
  /**
   * Blocks until a connection arrives.
   *
   * @param timeoutNanos 0 for none; then {@link java.net.SocketTimeoutException}
   */
  StreamIo accept(long timeoutNanos) throws IOException;

  InetSocketAddress localAddress() throws IOException;
}
