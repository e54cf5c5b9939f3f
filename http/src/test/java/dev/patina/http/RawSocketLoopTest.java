package dev.patina.http;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every case of {@link RawSocketTest} again, with the routes marked {@link Handler#nonBlocking}:
 * the server then reads plaintext HTTP/1.1 on its I/O loops, answers the simple requests there and
 * hands the rest (bodies, errors, streamed answers, blocking routes) to virtual threads. The
 * answers on the wire must be the same.
 */
class RawSocketLoopTest extends RawSocketTest {
  @Override
  Handler route(Handler handler) {
    return Handler.nonBlocking(handler);
  }

  /**
   * Replaces the deadline-thread case (idle connections wait in a loop here, not in a watched
   * read): idle connections still time out, round after round, and the loops do not spin while they
   * wait.
   */
  @Override
  @Test
  void deadlineThreadSleepsWhileNothingIsWatchedAndWakesForTheNext() throws Exception {
    HttpServer quick = quickIdleServer();
    try {
      for (int round = 0; round < 2; round++) {
        assertIdleConnectionCloses(quick);
      }
      ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      List<Thread> loops =
          Thread.getAllStackTraces().keySet().stream()
              .filter(t -> t.getName().startsWith("patina-http-io-"))
              .toList();
      assertTrue(!loops.isEmpty(), "the server runs I/O loops");
      long before = loops.stream().mapToLong(t -> mx.getThreadCpuTime(t.threadId())).sum();
      try (Wire idle = new Wire(quick.port())) {
        Thread.sleep(150); // an open idle connection: the loop wakes only for its deadline
      }
      Thread.sleep(500); // no connection: the loop blocks in select
      long used = loops.stream().mapToLong(t -> mx.getThreadCpuTime(t.threadId())).sum() - before;
      assertTrue(used < Duration.ofMillis(200).toNanos(), "loops used " + used / 1_000_000 + " ms");
    } finally {
      quick.shutdown(Duration.ofSeconds(1));
    }
  }
}
