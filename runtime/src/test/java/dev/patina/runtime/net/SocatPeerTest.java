package dev.patina.runtime.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both drivers against socat (Debian's {@code socat}, installed by .ci/run): socat as a TCP echo
 * server, as a TCP client sending a file, and as a UDP echo peer. Skipped where socat is missing.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SocatPeerTest {
  private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

  static Stream<NetDriver> drivers() {
    return Stream.of(NetDriver.nio(), NetDriver.ioUring());
  }

  private static void assumeReady(NetDriver driver) {
    assumeTrue(
        Files.isExecutable(Path.of("/usr/bin/socat")),
        "socat not installed (apt-get install socat): socat peer tests skipped");
    NetDriver.Availability a = driver.availability();
    assumeTrue(a.available(), () -> driver + " skipped: " + a.reason());
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, LOOPBACK)) {
      return s.getLocalPort();
    }
  }

  private static Process socat(String... args) throws IOException {
    List<String> cmd = new java.util.ArrayList<>(List.of("/usr/bin/socat"));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).start();
  }

  /** Connects, retrying while socat starts listening. */
  private static TcpStream connectWhenListening(NetDriver driver, int port) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (true) {
      try {
        return TcpStream.connect(driver, new InetSocketAddress(LOOPBACK, port));
      } catch (java.net.ConnectException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        Thread.sleep(20);
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void socatEchoesAMegabyte(NetDriver driver) throws Exception {
    assumeReady(driver);
    int port = freePort();
    Process p = socat("TCP-LISTEN:" + port + ",bind=127.0.0.1,reuseaddr", "PIPE");
    byte[] data = new byte[1 << 20];
    new Random(7).nextBytes(data);
    try (TcpStream s = connectWhenListening(driver, port);
        ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
      Future<?> writing =
          vt.submit(
              () -> {
                s.writeAll(data);
                s.shutdownOutput();
                return null;
              });
      byte[] back = new byte[data.length];
      s.readFully(back);
      writing.get(10, TimeUnit.SECONDS);
      assertArrayEquals(data, back);
      assertEquals(-1, s.read(new byte[1]));
    } finally {
      p.destroy();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void listenerReceivesAFileFromSocat(NetDriver driver, @TempDir Path dir) throws Exception {
    assumeReady(driver);
    byte[] data = new byte[300_000];
    new Random(8).nextBytes(data);
    Path file = Files.write(dir.resolve("payload"), data);
    try (TcpListener listener = TcpListener.bind(driver, new InetSocketAddress(LOOPBACK, 0))) {
      int port = listener.localAddress().getPort();
      Process p = socat("-u", "OPEN:" + file, "TCP:127.0.0.1:" + port);
      try (TcpStream s = listener.accept()) {
        java.io.ByteArrayOutputStream got = new java.io.ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        for (int n; (n = s.read(buf)) > 0; ) {
          got.write(buf, 0, n);
        }
        assertArrayEquals(data, got.toByteArray());
        assertEquals(0, p.waitFor(10, TimeUnit.SECONDS) ? p.exitValue() : -1);
      } finally {
        p.destroy();
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("drivers")
  void socatEchoesDatagrams(NetDriver driver) throws Exception {
    assumeReady(driver);
    int port;
    try (java.net.DatagramSocket probe = new java.net.DatagramSocket(0, LOOPBACK)) {
      port = probe.getLocalPort();
    }
    Process p = socat("UDP-LISTEN:" + port + ",bind=127.0.0.1", "PIPE");
    try (UdpSocket udp = UdpSocket.bind(driver, new InetSocketAddress(LOOPBACK, 0))) {
      InetSocketAddress peer = new InetSocketAddress(LOOPBACK, port);
      udp.setRecvTimeout(java.time.Duration.ofMillis(200));
      byte[] buf = new byte[2048];
      Datagram first = null;
      // socat may not be bound yet: resend until the first echo comes back.
      for (int i = 0; i < 50 && first == null; i++) {
        udp.sendTo("datagram 0".getBytes(), peer);
        try {
          first = udp.recvFrom(buf);
        } catch (java.net.SocketTimeoutException | java.net.PortUnreachableException e) {
          Thread.sleep(20);
        }
      }
      assertEquals("datagram 0", new String(buf, 0, first.length()));
      assertEquals(port, first.source().getPort());
      for (int i = 1; i <= 20; i++) {
        byte[] msg = ("datagram " + i).getBytes();
        udp.sendTo(msg, peer);
        Datagram d = udp.recvFrom(buf);
        assertFalse(d.truncated());
        // With resends above, an extra copy of datagram 0 may come first; skip it.
        while (new String(buf, 0, d.length()).equals("datagram 0")) {
          d = udp.recvFrom(buf);
        }
        assertEquals("datagram " + i, new String(buf, 0, d.length()));
      }
    } finally {
      p.destroy();
      p.waitFor(5, TimeUnit.SECONDS);
    }
  }
}
