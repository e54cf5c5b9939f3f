package dev.patina.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Sleep, interval and timeout against the real clock and the global driver. */
@Timeout(value = 20, unit = TimeUnit.SECONDS)
class TimeTest {

  @Test
  void sleepNeverWakesEarly() throws Exception {
    for (int ms : new int[] {1, 5, 20}) {
      long t0 = System.nanoTime();
      Time.sleep(Duration.ofMillis(ms));
      long took = System.nanoTime() - t0;
      assertTrue(took >= TimeUnit.MILLISECONDS.toNanos(ms), "slept " + took + " ns for " + ms);
    }
  }

  @Test
  void manySleepingVirtualThreadsAllWake() throws Exception {
    int n = 20_000;
    try (var group = new TaskGroup<Object>()) {
      for (int i = 0; i < n; i++) {
        int ms = 1 + (i % 50);
        group.spawn(
            () -> {
              Time.sleep(Duration.ofMillis(ms));
              return null;
            });
      }
      int done = 0;
      for (Outcome<Object> o; (o = group.joinNext()) != null; ) {
        o.get();
        done++;
      }
      assertEquals(n, done);
    }
  }

  @Test
  void interruptedSleepLeavesNoPendingTimer() throws Exception {
    int before = RuntimeMetrics.snapshot().pendingTimers();
    Thread t =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    Time.sleep(Duration.ofHours(1));
                  } catch (InterruptedException expected) {
                    // the point of the test
                  }
                });
    ChannelSemanticsTest.waitUntil(() -> RuntimeMetrics.snapshot().pendingTimers() > before);
    t.interrupt();
    t.join();
    assertEquals(before, RuntimeMetrics.snapshot().pendingTimers());
  }

  @Test
  void intervalTicksOnTheRealClock() throws Exception {
    Interval iv = Time.interval(Duration.ofMillis(5));
    long first = iv.tick();
    long third = 0;
    iv.tick();
    third = iv.tick();
    assertEquals(TimeUnit.MILLISECONDS.toNanos(10), third - first);
    assertTrue(System.nanoTime() >= third);
  }

  @Test
  void timeoutInterruptsASlowBody() {
    TimeoutException e =
        assertThrows(
            TimeoutException.class,
            () ->
                Time.timeout(
                    Duration.ofMillis(20),
                    () -> {
                      new CountDownLatch(1).await();
                      return "never";
                    }));
    assertInstanceOf(InterruptedException.class, e.getCause());
    assertFalse(Thread.currentThread().isInterrupted(), "no interrupt leaks out");
  }

  @Test
  void timeoutReturnsAFastBodysValue() throws Exception {
    assertEquals("quick", Time.timeout(Duration.ofSeconds(5), () -> "quick"));
    for (int i = 0; i < 200; i++) {
      // Deadlines that race the body's end: the interrupt must never outlive the call.
      try {
        Time.timeout(
            Duration.ofMillis(1),
            () -> {
              Thread.onSpinWait();
              return 1;
            });
      } catch (TimeoutException raced) {
        // acceptable: the timer won
      }
      assertFalse(Thread.interrupted(), "iteration " + i);
    }
  }

  @Test
  void timeoutPassesOtherExceptionsThrough() {
    assertThrows(
        IllegalStateException.class,
        () ->
            Time.timeout(
                Duration.ofSeconds(5),
                () -> {
                  throw new IllegalStateException("own failure");
                }));
  }
}
