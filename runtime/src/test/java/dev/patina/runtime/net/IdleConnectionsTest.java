package dev.patina.runtime.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.patina.runtime.net.internal.ReadSpin;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Reads may try again before parking ({@link ReadSpin}); this checks that the trying is bounded:
 * 100 connections whose server threads wait in {@code read} cost the process almost no CPU. Each
 * connection first echoes one message, so every reader has been through a read-write cycle and then
 * waits in the read that follows it, the state in which a read spins if it spins at all.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class IdleConnectionsTest {
  private static final int CONNECTIONS = 100;
  private static final long WINDOW_MILLIS = 2_000;

  /**
   * Each driver with its default (null: io_uring tries with 2 yields, NIO not) and with 4 yields.
   */
  static Stream<Arguments> cases() {
    return Stream.of(NetDriver.nio(), NetDriver.ioUring())
        .flatMap(d -> Stream.of(Arguments.of(d, null), Arguments.of(d, "4")));
  }

  @ParameterizedTest(name = "{0} readYields={1}")
  @MethodSource("cases")
  void hundredIdleConnectionsCostAlmostNoCpu(NetDriver driver, String readYields) throws Exception {
    NetDriver.Availability a = driver.availability();
    assumeTrue(a.available(), () -> driver + " skipped: " + a.reason());
    // Streams read the property when they are made; test classes run one at a time.
    String old = System.getProperty(ReadSpin.PROPERTY);
    if (readYields == null) {
      System.clearProperty(ReadSpin.PROPERTY);
    } else {
      System.setProperty(ReadSpin.PROPERTY, readYields);
    }
    try {
      idle(driver, readYields);
    } finally {
      if (old == null) {
        System.clearProperty(ReadSpin.PROPERTY);
      } else {
        System.setProperty(ReadSpin.PROPERTY, old);
      }
    }
  }

  private static void idle(NetDriver driver, String readYields) throws Exception {
    List<Socket> clients = new ArrayList<>();
    try (TcpListener listener =
            TcpListener.bind(driver, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        ExecutorService vt = Executors.newVirtualThreadPerTaskExecutor()) {
      int port = listener.localAddress().getPort();
      vt.submit(
          () -> {
            for (int i = 0; i < CONNECTIONS; i++) {
              TcpStream s = listener.accept();
              vt.submit(() -> echo(s));
            }
            return null;
          });
      for (int i = 0; i < CONNECTIONS; i++) {
        clients.add(new Socket(InetAddress.getLoopbackAddress(), port));
      }
      // All at once, so that every reader starts its next read together.
      byte[] msg = "ping".getBytes();
      for (Socket c : clients) {
        c.getOutputStream().write(msg);
      }
      for (Socket c : clients) {
        assertArrayEquals(msg, c.getInputStream().readNBytes(msg.length));
      }
      Thread.sleep(200); // the readers reach their next read and park
      double cores = cpuCoresUsedOver(WINDOW_MILLIS);
      System.out.printf(
          "%s readYields=%s: %d idle connections, process CPU %.3f cores over %d ms%n",
          driver, readYields, CONNECTIONS, cores, WINDOW_MILLIS);
      // A reader that kept polling would hold the carriers busy (up to all cores); an idle JVM
      // uses well under a tenth of one (JIT and GC threads, the test's own sleep).
      assertTrue(cores < 0.25, driver + ": idle connections used " + cores + " cores");
      for (Socket c : clients) {
        c.close();
      }
      clients.clear();
      listener.close();
    } finally {
      for (Socket c : clients) {
        c.close();
      }
    }
  }

  private static void echo(TcpStream s) {
    try (s) {
      byte[] buf = new byte[256];
      for (int n; (n = s.read(buf)) > 0; ) {
        s.writeAll(buf, 0, n);
      }
    } catch (IOException e) {
      // the test closed the connection
    }
  }

  /** The process's CPU time (all threads) over a wall-clock window, in cores. */
  private static double cpuCoresUsedOver(long millis) throws InterruptedException {
    var os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long cpu0 = os.getProcessCpuTime();
    long t0 = System.nanoTime();
    Thread.sleep(millis);
    long cpu1 = os.getProcessCpuTime();
    long t1 = System.nanoTime();
    return (double) (cpu1 - cpu0) / (t1 - t0);
  }
}
