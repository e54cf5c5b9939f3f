package dev.patina.runtime.net.internal;

import java.io.IOException;
import java.net.InetSocketAddress;

/** What a driver provides: listeners, outgoing connections and UDP sockets. */
public interface Transport {
  ListenerIo listen(InetSocketAddress local, int backlog) throws IOException;

  /**
   * @param timeoutNanos 0 for none
   */
  StreamIo connect(InetSocketAddress remote, long timeoutNanos) throws IOException;

  DatagramIo udp(InetSocketAddress local) throws IOException;
}
