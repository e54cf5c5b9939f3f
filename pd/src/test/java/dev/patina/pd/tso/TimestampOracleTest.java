package dev.patina.pd.tso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.pd.PdException;
import dev.patina.pd.storage.Keys;
import dev.patina.pd.storage.MemoryBackend;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class TimestampOracleTest {
  private final MemoryBackend backend = new MemoryBackend();
  private final AtomicLong clock = new AtomicLong(1_700_000_000_000L);

  private TimestampOracle oracle() {
    return new TimestampOracle(backend, clock::get, 3000);
  }

  @Test
  void packsPhysicalMillisAndEighteenLogicalBits() {
    Timestamp t = new Timestamp(1_700_000_000_123L, 5);
    assertEquals(1_700_000_000_123L << 18 | 5, t.toLong());
    assertEquals(t, Timestamp.fromLong(t.toLong()));
    assertThrows(IllegalArgumentException.class, () -> new Timestamp(1, 1 << 18));
  }

  @Test
  void aBatchReturnsItsLastTimestamp() {
    TimestampOracle tso = oracle();
    Timestamp a = tso.next(10);
    assertEquals(clock.get(), a.physical());
    assertEquals(10, a.logical());
    Timestamp b = tso.next(1);
    assertEquals(11, b.logical(), "the next batch starts right after the last one");
    Timestamp c = tso.next(5);
    assertEquals(16, c.logical());
  }

  @Test
  void newMillisecondResetsLogical() {
    TimestampOracle tso = oracle();
    tso.next(7);
    clock.addAndGet(1);
    Timestamp t = tso.next(1);
    assertEquals(clock.get(), t.physical());
    assertEquals(1, t.logical());
  }

  @Test
  void logicalOverflowMovesAheadOfTheClock() {
    TimestampOracle tso = oracle();
    long ms = clock.get();
    Timestamp a = tso.next((int) Timestamp.MAX_LOGICAL - 1);
    assertEquals(ms, a.physical());
    Timestamp b = tso.next(2);
    assertEquals(ms + 1, b.physical());
    assertEquals(2, b.logical());
    assertTrue(b.compareTo(a) > 0);
  }

  @Test
  void clockGoingBackNeverGoesBackInTimestamps() {
    TimestampOracle tso = oracle();
    Timestamp a = tso.next(1);
    clock.addAndGet(-10_000);
    Timestamp b = tso.next(1);
    assertTrue(b.toLong() > a.toLong());
  }

  @Test
  void refusesCountsOutsideOneMillisecond() {
    TimestampOracle tso = oracle();
    assertThrows(PdException.class, () -> tso.next(0));
    assertThrows(PdException.class, () -> tso.next(-1));
    assertThrows(PdException.class, () -> tso.next((int) Timestamp.MAX_LOGICAL));
  }

  @Test
  void restartStartsAboveTheSavedWindowEvenIfTheClockWentBack() {
    TimestampOracle first = oracle();
    Timestamp last = null;
    for (int i = 0; i < 100; i++) {
      clock.addAndGet(20);
      last = first.next(3);
    }
    long saved = Keys.readU64(backend.get(Keys.TIMESTAMP), "timestamp");
    assertTrue(saved > last.physical(), "every handed-out physical time is below the window");
    clock.addAndGet(-60_000); // restarted on a machine whose clock is a minute behind
    TimestampOracle second = oracle();
    Timestamp after = second.next(1);
    assertTrue(after.toLong() > last.toLong());
    assertTrue(after.physical() > saved - 1);
  }

  @Test
  void windowIsExtendedBeforeAnyTimestampReachesIt() {
    TimestampOracle tso = oracle();
    for (int i = 0; i < 50; i++) {
      clock.addAndGet(1000);
      Timestamp t = tso.next(1);
      assertTrue(t.physical() < tso.savedBound());
      assertEquals(
          tso.savedBound(), Keys.readU64(backend.get(Keys.TIMESTAMP), "timestamp"), "durable");
    }
  }

  @Test
  void refreshExtendsTheWindowAheadOfTime() {
    TimestampOracle tso = oracle();
    long before = tso.savedBound();
    clock.addAndGet(2000);
    tso.refresh();
    assertTrue(tso.savedBound() >= clock.get() + 3000 - 1, "extended to now + interval");
    assertTrue(tso.savedBound() > before);
    long again = tso.savedBound();
    tso.refresh();
    assertEquals(again, tso.savedBound(), "no write while the window is still wide");
  }

  @Property(tries = 200)
  void strictlyIncreasingAcrossClockJumpsAndRestarts(
      @ForAll @Size(min = 1, max = 60)
          java.util.List<@IntRange(min = 1, max = 200_000) Integer> counts,
      @ForAll @Size(min = 60, max = 60)
          java.util.List<@IntRange(min = -5000, max = 5000) Integer> jumps) {
    MemoryBackend b = new MemoryBackend();
    AtomicLong c = new AtomicLong(1_700_000_000_000L);
    TimestampOracle tso = new TimestampOracle(b, c::get, 3000);
    long previousLast = 0;
    for (int i = 0; i < counts.size(); i++) {
      c.addAndGet(jumps.get(i));
      if (jumps.get(i) % 7 == 0) {
        tso = new TimestampOracle(b, c::get, 3000); // a restart on the same data
      }
      int n = counts.get(i);
      Timestamp last = tso.next(n);
      long first = last.toLong() - n + 1;
      assertTrue(first > previousLast, "batch " + i + " overlaps the previous one");
      assertEquals(last.physical(), Timestamp.fromLong(first).physical(), "one millisecond");
      previousLast = last.toLong();
    }
  }
}
