package dev.patina.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The wheel against the obvious model: a timer fires at the first poll at or after its deadline.
 */
class TimerWheelTest {

  @Test
  void randomTimersFireExactlyOnceAndNeverEarly() {
    Random rnd = new Random(7);
    for (int round = 0; round < 20; round++) {
      long start = rnd.nextLong(1L << 40);
      TimerWheel wheel = new TimerWheel(start);
      int n = 2000;
      long[] deadlines = new long[n];
      int[] firedAt = new int[n];
      List<TimerWheel.Entry> entries = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        // Spread over every level: 1 tick to ~2^30 ticks away, plus some already due.
        long offset = rnd.nextInt(10) == 0 ? -rnd.nextInt(5) : 1L << rnd.nextInt(31);
        deadlines[i] = start + offset + rnd.nextInt(64);
        int id = i;
        entries.add(wheel.insert(deadlines[i], () -> firedAt[id]++));
      }
      long now = start;
      long previous = Long.MIN_VALUE; // the first poll may fire anything due, even past deadlines
      List<TimerWheel.Entry> fired = new ArrayList<>();
      while (wheel.size() > 0) {
        long next = wheel.nextExpiration();
        // Jump straight to the next expiry half the time, else wander forward by a random step.
        now = rnd.nextBoolean() ? Math.max(now, next) : now + rnd.nextInt(1 << rnd.nextInt(28));
        fired.clear();
        wheel.poll(now, fired);
        for (TimerWheel.Entry e : fired) {
          assertTrue(e.deadline() <= now, "fired early");
          assertTrue(e.deadline() > previous, "fired late: missed by an earlier poll");
          e.action().run();
        }
        previous = now;
      }
      for (int i = 0; i < n; i++) {
        assertEquals(1, firedAt[i], "timer " + i + " at " + deadlines[i]);
      }
    }
  }

  @Test
  void nextExpirationIsTheEarliestDeadlineOrASlotBoundaryBeforeIt() {
    TimerWheel wheel = new TimerWheel(1000);
    wheel.insert(1000 + 5000, () -> {});
    long next = wheel.nextExpiration();
    assertTrue(next <= 6000, "never later than the deadline");
    List<TimerWheel.Entry> fired = new ArrayList<>();
    wheel.poll(5999, fired);
    assertTrue(fired.isEmpty());
    assertEquals(6000, wheel.nextExpiration(), "cascaded down to level 0 by now");
    wheel.poll(6000, fired);
    assertEquals(1, fired.size());
    assertEquals(Long.MAX_VALUE, wheel.nextExpiration());
  }

  @Test
  void cancelledTimersNeverFire() {
    TimerWheel wheel = new TimerWheel();
    List<TimerWheel.Entry> entries = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      entries.add(wheel.insert(i * 37L, () -> {}));
    }
    for (int i = 0; i < 1000; i += 2) {
      assertTrue(wheel.cancel(entries.get(i)));
      assertFalse(wheel.cancel(entries.get(i)), "cancel is idempotent");
    }
    assertEquals(500, wheel.size());
    List<TimerWheel.Entry> fired = new ArrayList<>();
    wheel.poll(Long.MAX_VALUE / 2, fired);
    assertEquals(500, fired.size());
    assertTrue(fired.stream().allMatch(e -> (e.deadline() / 37) % 2 == 1));
  }

  @Test
  void timersBeyondTheTopLevelWaitInOverflow() {
    long start = (1L << 36) - 10; // ten ticks before the top level's span ends
    TimerWheel wheel = new TimerWheel(start);
    wheel.insert(start + 20, () -> {}); // crosses the span boundary
    wheel.insert(start + (1L << 37), () -> {}); // further than the whole wheel
    List<TimerWheel.Entry> fired = new ArrayList<>();
    wheel.poll(start + 19, fired);
    assertTrue(fired.isEmpty());
    wheel.poll(start + 20, fired);
    assertEquals(1, fired.size());
    wheel.poll(start + (1L << 37) - 1, fired);
    assertEquals(1, fired.size());
    wheel.poll(start + (1L << 37), fired);
    assertEquals(2, fired.size());
  }

  @Test
  void aMillionPendingTimersAreCheap() {
    TimerWheel wheel = new TimerWheel();
    Random rnd = new Random(1);
    int n = 1_000_000;
    long t0 = System.nanoTime();
    for (int i = 0; i < n; i++) {
      wheel.insert(1 + rnd.nextInt(3_600_000), () -> {}); // within an hour of 1 ms ticks
    }
    assertEquals(n, wheel.size());
    List<TimerWheel.Entry> fired = new ArrayList<>(n);
    long fireCount = 0;
    for (long now = 0; now <= 3_600_000; now += 60_000) { // a poll per simulated minute
      fired.clear();
      fireCount += wheel.poll(now, fired);
    }
    long millis = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(n, fireCount);
    assertEquals(0, wheel.size());
    // speed is the benchmarks' business (the rule: never asserted in a test); printed for a look
    System.out.println("a million timers inserted and fired in " + millis + " ms");
  }
}
