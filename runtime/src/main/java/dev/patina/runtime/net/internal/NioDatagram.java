package dev.patina.runtime.net.internal;

import dev.patina.runtime.net.Datagram;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A datagram channel in blocking mode. The JDK truncates a datagram longer than the buffer without
 * saying so; to report truncation, datagrams are received into a 64 KiB buffer of the socket's own
 * (more than any UDP payload) and copied, one receiver at a time.
 */
final class NioDatagram implements DatagramIo {
  private static final int MAX_DATAGRAM = 65_536;
  private final DatagramChannel ch;
  private final ReentrantLock receiving = new ReentrantLock();
  private final byte[] whole = new byte[MAX_DATAGRAM];
  private final DatagramPacket packet = new DatagramPacket(whole, MAX_DATAGRAM);

  NioDatagram(DatagramChannel ch) {
    this.ch = ch;
  }

  @Override
  public void sendTo(byte[] b, int off, int len, InetSocketAddress target) throws IOException {
    ch.send(ByteBuffer.wrap(b, off, len), target);
  }

  @Override
  public Datagram receive(byte[] b, int off, int len, long timeoutNanos) throws IOException {
    receiving.lock();
    try {
      // The adaptor is the JDK's timed receive on a channel; 0 means no timeout.
      DatagramSocket adaptor = ch.socket();
      adaptor.setSoTimeout(timeoutNanos > 0 ? NioStream.millis(timeoutNanos) : 0);
      packet.setData(whole, 0, MAX_DATAGRAM);
      adaptor.receive(packet);
      int n = packet.getLength();
      int kept = Math.min(n, len);
      System.arraycopy(whole, 0, b, off, kept);
      return new Datagram(kept, (InetSocketAddress) packet.getSocketAddress(), n > len);
    } finally {
      receiving.unlock();
    }
  }

  @Override
  public void connect(InetSocketAddress peer) throws IOException {
    ch.connect(peer);
  }

  @Override
  public void send(byte[] b, int off, int len) throws IOException {
    ch.write(ByteBuffer.wrap(b, off, len));
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
  public void close() throws IOException {
    ch.close();
  }
}
