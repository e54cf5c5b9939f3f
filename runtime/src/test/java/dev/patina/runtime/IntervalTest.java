package dev.patina.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Tokio's MissedTickBehavior examples, on a manual clock: period 100 ms, the caller is late by 250
 * ms after the first tick.
 */
class IntervalTest {
  static final long MS = 1_000_000;

  /** A clock that jumps to a sleep's deadline, and that tests can push forward. */
  static final class ManualClock implements Clock {
    long now;

    @Override
    public long nanoTime() {
      return now;
    }

    @Override
    public void sleepUntil(long deadline) {
      now = Math.max(now, deadline);
    }
  }

  private static long[] ticks(MissedTickBehavior behavior) throws InterruptedException {
    ManualClock clock = new ManualClock();
    Interval iv = new Interval(clock, 0, Duration.ofMillis(100));
    iv.setMissedTickBehavior(behavior);
    long[] out = new long[5];
    out[0] = iv.tick() / MS; // immediately
    clock.now += 350 * MS; // work that overran: ticks at 100, 200 and 300 are missed
    for (int i = 1; i < 5; i++) {
      out[i] = iv.tick() / MS;
    }
    return out;
  }

  @Test
  void firstTickIsImmediateThenEveryPeriod() throws Exception {
    ManualClock clock = new ManualClock();
    Interval iv = new Interval(clock, 0, Duration.ofMillis(10));
    assertEquals(0, iv.tick());
    assertEquals(10 * MS, iv.tick());
    assertEquals(20 * MS, iv.tick());
    assertEquals(20 * MS, clock.now);
  }

  @Test
  void burstCatchesUpOnTheOriginalSchedule() throws Exception {
    // 100 is taken at 350 (late), so 200, 300 fire at once; 400 then waits.
    assertArrayEqualsMs(new long[] {0, 100, 200, 300, 400}, ticks(MissedTickBehavior.BURST));
  }

  @Test
  void delayRestartsFromWhenTheLateTickWasTaken() throws Exception {
    assertArrayEqualsMs(new long[] {0, 100, 450, 550, 650}, ticks(MissedTickBehavior.DELAY));
  }

  @Test
  void skipJumpsToTheNextMultipleOfThePeriod() throws Exception {
    assertArrayEqualsMs(new long[] {0, 100, 400, 500, 600}, ticks(MissedTickBehavior.SKIP));
  }

  @Test
  void lateByLessThanFiveMillisecondsIsNotMissed() throws Exception {
    ManualClock clock = new ManualClock();
    Interval iv = new Interval(clock, 0, Duration.ofMillis(100));
    iv.setMissedTickBehavior(MissedTickBehavior.DELAY);
    iv.tick();
    clock.now = 104 * MS;
    assertEquals(100 * MS, iv.tick());
    assertEquals(200 * MS, iv.nextTick());
  }

  @Test
  void resetAndInvalidPeriod() throws Exception {
    ManualClock clock = new ManualClock();
    Interval iv = new Interval(clock, 0, Duration.ofMillis(100));
    iv.tick();
    clock.now = 30 * MS;
    iv.reset();
    assertEquals(130 * MS, iv.tick());
    assertThrows(IllegalArgumentException.class, () -> Time.interval(Duration.ZERO));
  }

  private static void assertArrayEqualsMs(long[] expected, long[] actual) {
    assertEquals(java.util.Arrays.toString(expected), java.util.Arrays.toString(actual));
  }
}
