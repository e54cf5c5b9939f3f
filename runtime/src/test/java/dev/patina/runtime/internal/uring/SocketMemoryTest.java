package dev.patina.runtime.internal.uring;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.patina.runtime.net.NetDriver;
import dev.patina.runtime.net.TcpListener;
import dev.patina.runtime.net.TcpStream;
import dev.patina.runtime.net.UdpSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.channels.AsynchronousCloseException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An io_uring socket's native buffers (a stream's 64 KiB per direction, a UDP socket's datagram
 * buffers) are freed when it is closed, not when the GC finds it: the count of bytes held goes back
 * to where it was. Nothing else in this JVM holds stream buffers while these tests run (surefire
 * runs test classes one at a time).
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SocketMemoryTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  @BeforeEach
  void needsRing() {
    NetDriver.Availability a = NetDriver.ioUringAvailability();
    assumeTrue(a.available(), () -> "io_uring skipped: " + a.reason());
  }

  @Test
  void closedStreamsFreeTheirBuffers() throws Exception {
    long before = NativeBuffers.bytesHeld();
    int n = 50;
    List<Socket> clients = new ArrayList<>();
    List<TcpStream> streams = new ArrayList<>();
    try (TcpListener listener =
        TcpListener.bind(NetDriver.ioUring(), new InetSocketAddress(LOOPBACK, 0))) {
      int port = listener.localAddress().getPort();
      for (int i = 0; i < n; i++) {
        Socket client = new Socket(LOOPBACK, port);
        clients.add(client);
        TcpStream s = listener.accept();
        streams.add(s);
        client.getOutputStream().write(new byte[] {1, 2, 3});
        byte[] got = new byte[3];
        s.readFully(got); // allocates the read buffer
        s.writeAll(got); // and the write buffer
        assertArrayEquals(got, client.getInputStream().readNBytes(3));
      }
      assertEquals(before + 2L * n * UringStream.BUFFER, NativeBuffers.bytesHeld());
      for (TcpStream s : streams) {
        s.close();
      }
      assertEquals(before, NativeBuffers.bytesHeld(), "bytes still held after every close");
    } finally {
      for (Socket c : clients) {
        c.close();
      }
    }
  }

  @Test
  void aStreamClosedDuringAReadFreesItsBuffersWhenTheReadEnds() throws Exception {
    long before = NativeBuffers.bytesHeld();
    try (TcpListener listener =
            TcpListener.bind(NetDriver.ioUring(), new InetSocketAddress(LOOPBACK, 0));
        Socket client = new Socket(LOOPBACK, listener.localAddress().getPort());
        ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
      TcpStream s = listener.accept();
      Future<Integer> read = vt.submit(() -> s.read(new byte[16]));
      while (NativeBuffers.bytesHeld() == before) {
        Thread.sleep(1); // the reader has allocated its buffer and is waiting in the kernel
      }
      Thread.sleep(100);
      s.close();
      var e = assertThrows(java.util.concurrent.ExecutionException.class, read::get);
      assertEquals(AsynchronousCloseException.class, e.getCause().getClass());
      assertEquals(before, NativeBuffers.bytesHeld());
    }
  }

  @Test
  void closedUdpSocketsFreeTheirBuffers() throws Exception {
    long before = NativeBuffers.bytesHeld();
    try (UdpSocket a = UdpSocket.bind(NetDriver.ioUring(), new InetSocketAddress(LOOPBACK, 0));
        UdpSocket b = UdpSocket.bind(NetDriver.ioUring(), new InetSocketAddress(LOOPBACK, 0))) {
      long held = NativeBuffers.bytesHeld() - before;
      assertTrue(held >= 4L * 65_536, "two sockets hold " + held + " bytes");
      a.sendTo("hello".getBytes(), b.localAddress());
      byte[] got = new byte[16];
      assertEquals(5, b.recvFrom(got).length());
      a.close();
      assertEquals(before + held / 2, NativeBuffers.bytesHeld(), "one closed, one open");
    }
    assertEquals(before, NativeBuffers.bytesHeld());
  }
}
