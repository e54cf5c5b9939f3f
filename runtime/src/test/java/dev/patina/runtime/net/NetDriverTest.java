package dev.patina.runtime.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.patina.runtime.TaskGroup;
import dev.patina.runtime.TaskHandle;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both drivers against peers written elsewhere: the JDK's {@link Socket}, {@link ServerSocket} and
 * {@link DatagramSocket} (blocking java.net on its own code path). Every test runs once per driver;
 * the io_uring run is skipped, with the probe's reason, where io_uring cannot run.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NetDriverTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  static Stream<NetDriver> drivers() {
    return Stream.of(NetDriver.nio(), NetDriver.ioUring());
  }

  private static void assumeAvailable(NetDriver driver) {
    NetDriver.Availability a = driver.availability();
    assumeTrue(a.available(), () -> driver + " skipped: " + a.reason());
  }

  private static InetSocketAddress anyPort() {
    return new InetSocketAddress(LOOPBACK, 0);
  }

  private static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  private static long crc(byte[] b) {
    CRC32 c = new CRC32();
    c.update(b);
    return c.getValue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void listenerEchoesToJdkClient(NetDriver driver) throws Exception {
    assumeAvailable(driver);
    try (TcpListener listener = TcpListener.bind(driver, anyPort());
        ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
      InetSocketAddress addr = listener.localAddress();
      assertTrue(addr.getPort() > 0);
      Future<InetSocketAddress> server =
          vt.submit(
              () -> {
                try (TcpStream s = listener.accept()) {
                  byte[] buf = new byte[1024];
                  for (int n; (n = s.read(buf)) > 0; ) {
                    s.writeAll(buf, 0, n);
                  }
                  return s.peerAddress();
                }
              });
      try (Socket client = new Socket(LOOPBACK, addr.getPort())) {
        byte[] msg = "hello, patina\n".getBytes();
        client.getOutputStream().write(msg);
        byte[] back = new DataInputStream(client.getInputStream()).readNBytes(msg.length);
        assertArrayEquals(msg, back);
        client.shutdownOutput();
        assertEquals(-1, client.getInputStream().read());
        assertEquals(client.getLocalPort(), server.get(10, TimeUnit.SECONDS).getPort());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void streamConnectsToJdkServerWithAddressesAndNoDelay(NetDriver driver) throws Exception {
    assumeAvailable(driver);
    try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        TcpStream s = connectTo(driver, server);
        Socket peer = server.accept()) {
      assertEquals(server.getLocalPort(), s.peerAddress().getPort());
      assertEquals(peer.getPort(), s.localAddress().getPort());
      s.setNoDelay(true);
      assertTrue(s.noDelay());
      s.setNoDelay(false);
      assertFalse(s.noDelay());
      peer.getOutputStream().write(new byte[] {1, 2, 3});
      byte[] got = new byte[3];
      s.readFully(got);
      assertArrayEquals(new byte[] {1, 2, 3}, got);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void thousandConcurrentJdkClientsOnVirtualThreads(NetDriver driver) throws Exception {
    assumeAvailable(driver);
    int clients = 1000;
    try (TcpListener listener = TcpListener.bind(driver, anyPort());
        ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
      int port = listener.localAddress().getPort();
      vt.submit(
          () -> {
            for (int i = 0; i < clients; i++) {
              TcpStream s = listener.accept();
              vt.submit(
                  () -> {
                    try (s) {
                      byte[] buf = new byte[256];
                      for (int n; (n = s.read(buf)) > 0; ) {
                        s.writeAll(buf, 0, n);
                      }
                    }
                    return null;
                  });
            }
            return null;
          });
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < clients; i++) {
        int id = i;
        results.add(
            vt.submit(
                () -> {
                  try (Socket c = new Socket(LOOPBACK, port)) {
                    OutputStream out = c.getOutputStream();
                    InputStream in = c.getInputStream();
                    int ok = 0;
                    for (int round = 0; round < 3; round++) {
                      byte[] msg = ("client " + id + " round " + round).getBytes();
                      out.write(msg);
                      if (new String(in.readNBytes(msg.length)).equals(new String(msg))) {
                        ok++;
                      }
                    }
                    return ok;
                  }
                }));
      }
      int total = 0;
      for (Future<Integer> f : results) {
        total += f.get(20, TimeUnit.SECONDS);
      }
      assertEquals(3 * clients, total);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void largeTransferBothWaysKeepsChecksums(NetDriver driver) throws Exception {
    assumeAvailable(driver);
    byte[] up = random(8 << 20, 1);
    byte[] down = random(8 << 20, 2);
    try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
      // The JDK peer sends its 8 MiB while it receives ours, and returns the CRC of what it got.
      Future<Long> peer =
          vt.submit(
              () -> {
                try (Socket p = server.accept()) {
                  Future<?> sending =
                      vt.submit(
                          () -> {
                            p.getOutputStream().write(down);
                            p.shutdownOutput();
                            return null;
                          });
                  byte[] got = p.getInputStream().readAllBytes();
                  sending.get();
                  return got.length == up.length ? crc(got) : -got.length;
                }
              });
      try (TcpStream s = connectTo(driver, server)) {
        Future<?> writing =
            vt.submit(
                () -> {
                  // Uneven slices, so writes cross the drivers' buffer boundaries.
                  for (int off = 0; off < up.length; ) {
                    int n = Math.min(up.length - off, 70_001);
                    s.writeAll(up, off, n);
                    off += n;
                  }
                  s.shutdownOutput();
                  return null;
                });
        byte[] got = new byte[down.length];
        s.readFully(got);
        assertEquals(-1, s.read(new byte[1]));
        writing.get(20, TimeUnit.SECONDS);
        assertEquals(crc(down), crc(got));
        assertEquals(crc(up), peer.get(20, TimeUnit.SECONDS));
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void halfCloseLetsThePeerAnswerAfterEndOfStream(NetDriver driver) throws Exception {
    assumeAvailable(driver);
    try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        TcpStream s = connectTo(driver, server);
        Socket peer = server.accept()) {
      s.writeAll("question".getBytes());
      s.shutdownOutput();
      byte[] asked = peer.getInputStream().readAllBytes(); // ends only at our half-close
      assertEquals("question", new String(asked));
      peer.getOutputStream().write(("answer to " + asked.length).getBytes());
      peer.close();
      byte[] all = new byte[64];
      int n = 0;
      for (int r; (r = s.read(all, n, all.length - n)) > 0; ) {
        n += r;
      }
      assertEquals("answer to 8", new String(all, 0, n));
      assertThrows(EOFException.class, () -> s.readFully(new byte[1]));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void peerResetFailsTheRead(NetDriver driver) throws Exception {
    assumeAvailable(driver);
    try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        TcpStream s = connectTo(driver, server)) {
      Socket peer = server.accept();
      peer.setSoLinger(true, 0); // close sends RST
      peer.close();
      SocketException e = assertThrows(SocketException.class, () -> s.read(new byte[16]));
      assertTrue(e.getMessage().contains("reset"), e.getMessage());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void connectToAClosedPortIsRefused(NetDriver driver) throws Exception {
    assumeAvailable(driver);
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, LOOPBACK)) {
      port = probe.getLocalPort();
    }
    assertThrows(
        ConnectException.class,
        () -> TcpStream.connect(driver, new InetSocketAddress(LOOPBACK, port)).close());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void timedOutReadLeavesTheStreamUsable(NetDriver driver) throws Exception {
    assumeAvailable(driver);
    try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        TcpStream s = connectTo(driver, server);
        Socket peer = server.accept()) {
      s.setReadTimeout(Duration.ofMillis(100));
      long t0 = System.nanoTime();
      assertThrows(SocketTimeoutException.class, () -> s.read(new byte[8]));
      long ms = (System.nanoTime() - t0) / 1_000_000;
      assertTrue(ms >= 90 && ms < 5_000, "timed out after " + ms + " ms");
      peer.getOutputStream().write(42);
      byte[] one = new byte[1];
      assertEquals(1, s.read(one));
      assertEquals(42, one[0]);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void acceptTimesOut(NetDriver driver) throws Exception {
    assumeAvailable(driver);
    try (TcpListener listener = TcpListener.bind(driver, anyPort())) {
      listener.setAcceptTimeout(Duration.ofMillis(50));
      assertThrows(SocketTimeoutException.class, listener::accept);
      // Still listening: a connection made now is accepted.
      listener.setAcceptTimeout(Duration.ofSeconds(10));
      try (Socket c = new Socket(LOOPBACK, listener.localAddress().getPort());
          TcpStream s = listener.accept()) {
        assertEquals(c.getLocalPort(), s.peerAddress().getPort());
      }
    }
  }

  /** A stream on {@code driver} connected to the JDK server socket {@code server}. */
  private static TcpStream connectTo(NetDriver driver, ServerSocket server) throws IOException {
    return TcpStream.connect(driver, (InetSocketAddress) server.getLocalSocketAddress());
  }

  /**
   * A task of {@code group} that connects to {@code server}, hands over its stream and blocks in a
   * read; what ends the read lands in {@code failure}.
   */
  private static TaskHandle<Void> blockedReader(
      TaskGroup<Void> group,
      NetDriver driver,
      ServerSocket server,
      CompletableFuture<TcpStream> connected,
      AtomicReference<Throwable> failure) {
    return group.spawn(
        () -> {
          try (TcpStream s = connectTo(driver, server)) {
            connected.complete(s);
            s.read(new byte[16]);
          } catch (Throwable t) {
            failure.set(t);
          }
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void cancellingTheTasksTokenUnblocksARead(NetDriver driver) throws Exception {
    assumeAvailable(driver);
    try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        TaskGroup<Void> group = new TaskGroup<>()) {
      AtomicReference<Throwable> failure = new AtomicReference<>();
      CompletableFuture<TcpStream> connected = new CompletableFuture<>();
      TaskHandle<Void> reader = blockedReader(group, driver, server, connected, failure);
      try (Socket peer = server.accept()) {
        TcpStream s = connected.get(10, TimeUnit.SECONDS);
        Thread.sleep(50); // let the read block
        reader.token().cancel();
        reader.join(Duration.ofSeconds(10));
        OperationCancelledException e =
            assertInstanceOf(OperationCancelledException.class, failure.get());
        assertTrue(e.getMessage().contains("CancellationToken"), e.getMessage());
        assertTrue(s.isClosed());
        assertEquals(-1, peer.getInputStream().read()); // the socket really closed
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void abortingTheTaskUnblocksAReadAndAnAccept(NetDriver driver) throws Exception {
    assumeAvailable(driver);
    try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        TcpListener listener = TcpListener.bind(driver, anyPort());
        TaskGroup<Void> group = new TaskGroup<>()) {
      AtomicReference<Throwable> readFailure = new AtomicReference<>();
      AtomicReference<Throwable> acceptFailure = new AtomicReference<>();
      CompletableFuture<TcpStream> connected = new CompletableFuture<>();
      TaskHandle<Void> reader = blockedReader(group, driver, server, connected, readFailure);
      CompletableFuture<Void> accepting = new CompletableFuture<>();
      TaskHandle<Void> acceptor =
          group.spawn(
              () -> {
                try {
                  accepting.complete(null);
                  listener.accept().close();
                } catch (Throwable t) {
                  acceptFailure.set(t);
                }
              });
      try (Socket peer = server.accept()) {
        connected.get(10, TimeUnit.SECONDS);
        accepting.get(10, TimeUnit.SECONDS); // both bodies run (an abort before would skip them)
        Thread.sleep(50);
        reader.abort();
        acceptor.abort();
        assertTrue(reader.join(Duration.ofSeconds(10)).isCancelled());
        assertTrue(acceptor.join(Duration.ofSeconds(10)).isCancelled());
        for (Throwable t : List.of(readFailure.get(), acceptFailure.get())) {
          OperationCancelledException e = assertInstanceOf(OperationCancelledException.class, t);
          assertTrue(e.getMessage().contains("aborted"), e.getMessage());
        }
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void closeFromAnotherThreadUnblocksARead(NetDriver driver) throws Exception {
    assumeAvailable(driver);
    try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK);
        ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
      TcpStream s = connectTo(driver, server);
      try (Socket peer = server.accept()) {
        Future<Integer> read = vt.submit(() -> s.read(new byte[16]));
        Thread.sleep(50);
        s.close();
        var e =
            assertThrows(
                java.util.concurrent.ExecutionException.class,
                () -> read.get(10, TimeUnit.SECONDS));
        assertInstanceOf(AsynchronousCloseException.class, e.getCause());
        assertThrows(ClosedChannelException.class, () -> s.read(new byte[1]));
        assertEquals(-1, peer.getInputStream().read());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void udpExchangesDatagramsWithAJdkSocketAndReportsTruncation(NetDriver driver) throws Exception {
    assumeAvailable(driver);
    try (UdpSocket udp = UdpSocket.bind(driver, anyPort());
        DatagramSocket peer = new DatagramSocket(0, LOOPBACK)) {
      InetSocketAddress peerAddr = (InetSocketAddress) peer.getLocalSocketAddress();
      udp.sendTo("ping".getBytes(), peerAddr);
      DatagramPacket p = new DatagramPacket(new byte[100], 100);
      peer.receive(p);
      assertEquals("ping", new String(p.getData(), 0, p.getLength()));
      assertEquals(udp.localAddress().getPort(), p.getPort());

      byte[] big = random(3000, 3);
      peer.send(new DatagramPacket(big, big.length, udp.localAddress()));
      byte[] small = new byte[1000];
      Datagram d = udp.recvFrom(small);
      assertEquals(1000, d.length());
      assertTrue(d.truncated());
      assertEquals(peerAddr.getPort(), d.source().getPort());
      assertArrayEquals(java.util.Arrays.copyOf(big, 1000), small);

      udp.connect(peerAddr);
      assertEquals(peerAddr, udp.peerAddress());
      udp.send("connected".getBytes());
      peer.receive(p);
      assertEquals("connected", new String(p.getData(), 0, p.getLength()));
      peer.send(new DatagramPacket("pong".getBytes(), 4, udp.localAddress()));
      byte[] buf = new byte[100];
      Datagram pong = udp.recv(buf);
      assertFalse(pong.truncated());
      assertEquals("pong", new String(buf, 0, pong.length()));

      udp.setRecvTimeout(Duration.ofMillis(50));
      assertThrows(SocketTimeoutException.class, () -> udp.recv(buf));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void metricsCountSocketsAndBytes(NetDriver driver) throws Exception {
    assumeAvailable(driver);
    try (ServerSocket server = new ServerSocket(0, 50, LOOPBACK)) {
      NetMetrics before = NetMetrics.snapshot();
      TcpStream s = connectTo(driver, server);
      try (Socket peer = server.accept()) {
        assertEquals(before.openSockets() + 1, NetMetrics.snapshot().openSockets());
        s.writeAll(new byte[1000]);
        peer.getInputStream().readNBytes(1000);
        peer.getOutputStream().write(new byte[300]);
        s.readFully(new byte[300]);
        NetMetrics after = NetMetrics.snapshot();
        // Other tests may run alongside: at least our bytes are counted.
        assertTrue(after.bytesWritten() - before.bytesWritten() >= 1000);
        assertTrue(after.bytesRead() - before.bytesRead() >= 300);
        s.close();
        s.close(); // idempotent: counted once
        assertEquals(before.openSockets(), NetMetrics.snapshot().openSockets());
      }
    }
  }

  @org.junit.jupiter.api.Test
  void defaultDriverIsNioAndAutoIsIoUringWhereItRuns() throws Exception {
    assumeTrue(
        System.getProperty("patina.net.driver") == null,
        "patina.net.driver is set: the default is what it says");
    assertEquals(NetDriver.nio(), NetDriver.defaultDriver());
    try (TcpListener listener = TcpListener.bind(anyPort())) {
      assertEquals(NetDriver.nio(), listener.driver());
    }
    NetDriver auto =
        NetDriver.ioUringAvailability().available() ? NetDriver.ioUring() : NetDriver.nio();
    assertEquals(auto, Defaults.resolve("auto"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void badInputGetsPreciseErrors(NetDriver driver) throws Exception {
    assumeAvailable(driver);
    try (TcpListener taken = TcpListener.bind(driver, anyPort())) {
      // SO_REUSEADDR does not let two listeners share a port.
      assertThrows(
          java.net.BindException.class,
          () -> TcpListener.bind(driver, taken.localAddress()).close());
      assertThrows(IllegalArgumentException.class, () -> TcpListener.bind(driver, anyPort(), 0));
      assertThrows(
          IllegalArgumentException.class, () -> taken.setAcceptTimeout(Duration.ofMillis(-1)));
      try (Socket c = new Socket(LOOPBACK, taken.localAddress().getPort());
          TcpStream s = taken.accept()) {
        assertThrows(IndexOutOfBoundsException.class, () -> s.read(new byte[4], 3, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> s.writeAll(new byte[4], -1, 2));
        assertThrows(
            IllegalArgumentException.class, () -> s.setReadTimeout(Duration.ofSeconds(-1)));
        assertEquals(0, s.read(new byte[4], 0, 0)); // an empty read returns at once
      }
    }
  }

  @org.junit.jupiter.api.Test
  void anUnknownDriverNameIsRefused() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Defaults.resolve("epoll"));
    assertTrue(e.getMessage().contains("auto, nio or io_uring"), e.getMessage());
    assertEquals(NetDriver.nio(), Defaults.resolve("nio"));
  }
}
