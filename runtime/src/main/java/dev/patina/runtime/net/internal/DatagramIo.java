package dev.patina.runtime.net.internal;

import dev.patina.runtime.net.Datagram;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetSocketAddress;

/** A bound UDP socket of one driver. */
public interface DatagramIo extends Closeable {
  void sendTo(byte[] b, int off, int len, InetSocketAddress target) throws IOException;

  /**
   * Blocks until a datagram arrives (from the connected peer only, once connected).
   *
   * @param timeoutNanos 0 for none
   */
  Datagram receive(byte[] b, int off, int len, long timeoutNanos) throws IOException;

  void connect(InetSocketAddress peer) throws IOException;

  /** Sends to the connected peer. */
  void send(byte[] b, int off, int len) throws IOException;

  InetSocketAddress localAddress() throws IOException;

  /** The connected peer, or null. */
  InetSocketAddress peerAddress() throws IOException;
}
