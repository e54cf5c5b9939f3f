package dev.patina.bench.echo;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;

/**
 * The load client, the same for every server: N connections (JDK sockets on virtual threads), each
 * sending a message of SIZE bytes, reading the whole echo back, and repeating (request/response,
 * one message in flight per connection). Counts messages after a warm-up.
 */
final class EchoLoad {
  record Result(
      int size,
      int connections,
      double messagesPerSecond,
      double megabytesPerSecond,
      long p99Micros,
      double serverCpuMicrosPerMessage) {}

  private EchoLoad() {}

  /**
   * @param serverPid the server's process id, whose CPU time (all threads, user + system) is read
   *     around the measured interval; -1 for none (the result's CPU figure is then NaN)
   */
  static Result run(
      int port, int connections, int size, int seconds, int warmupSeconds, long serverPid)
      throws Exception {
    AtomicBoolean counting = new AtomicBoolean();
    AtomicBoolean running = new AtomicBoolean(true);
    LongAdder messages = new LongAdder();
    long[][] samples = new long[connections][];
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < connections; c++) {
      int id = c;
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      samples[id] = connection(port, size, running, counting, messages);
                    } catch (IOException e) {
                      throw new IllegalStateException("connection " + id + " failed: " + e, e);
                    }
                  }));
    }
    Thread.sleep(warmupSeconds * 1000L);
    long cpu0 = cpuNanos(serverPid);
    long t0 = System.nanoTime();
    counting.set(true);
    Thread.sleep(seconds * 1000L);
    counting.set(false);
    long n = messages.sum();
    double elapsed = (System.nanoTime() - t0) / 1e9;
    long cpu1 = cpuNanos(serverPid);
    running.set(false);
    for (Thread t : threads) {
      t.join();
    }
    long[] all = Arrays.stream(samples).flatMapToLong(Arrays::stream).sorted().toArray();
    long p99 = all.length == 0 ? 0 : all[(int) Math.min(all.length - 1, all.length * 0.99)] / 1000;
    double rate = n / elapsed;
    double cpuPerMessage = cpu0 < 0 || cpu1 < 0 || n == 0 ? Double.NaN : (cpu1 - cpu0) / 1e3 / n;
    return new Result(size, connections, rate, rate * size / 1e6, p99, cpuPerMessage);
  }

  /**
   * A process's CPU time so far (the JDK reads /proc/PID/stat on Linux: 10 ms ticks, fine over a
   * run of seconds), or -1 if unknown. Steadier than msgs/s on a machine shared with other load.
   */
  private static long cpuNanos(long pid) {
    if (pid < 0) {
      return -1;
    }
    return ProcessHandle.of(pid)
        .flatMap(h -> h.info().totalCpuDuration())
        .map(d -> d.toNanos())
        .orElse(-1L);
  }

  /** One connection's loop; returns a sample of round-trip times (ns) taken while counting. */
  private static long[] connection(
      int port, int size, AtomicBoolean running, AtomicBoolean counting, LongAdder messages)
      throws IOException {
    byte[] msg = new byte[size];
    Arrays.fill(msg, (byte) 'x');
    byte[] back = new byte[size];
    long[] rtt = new long[4096];
    int kept = 0;
    long seen = 0;
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setTcpNoDelay(true);
      OutputStream out = s.getOutputStream();
      InputStream in = s.getInputStream();
      while (running.get()) {
        long t = System.nanoTime();
        out.write(msg);
        int got = 0;
        while (got < size) {
          int r = in.read(back, got, size - got);
          if (r < 0) {
            throw new IOException("server closed the connection");
          }
          got += r;
        }
        if (counting.get()) {
          messages.increment();
          // Every 16th round trip, up to 4096 per connection: enough for a p99.
          if ((++seen & 15) == 0 && kept < rtt.length) {
            rtt[kept++] = System.nanoTime() - t;
          }
        }
      }
    }
    return Arrays.copyOf(rtt, kept);
  }
}
