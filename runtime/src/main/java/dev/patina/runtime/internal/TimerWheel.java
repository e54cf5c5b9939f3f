package dev.patina.runtime.internal;

import java.util.List;

/**
 * A hierarchical timing wheel, after Tokio's {@code runtime::time::wheel}: six levels of 64 slots.
 * A level-0 slot spans one tick (the driver uses a millisecond), a level-1 slot 64 ticks, and so on
 * up to 64^6 ticks (about 795 days at 1 ms). A timer sits in the level whose slot span matches how
 * far away it is; as time approaches, its slot is emptied and its timers drop to lower levels.
 * Insert and cancel are O(1) (intrusive doubly linked lists, one 64-bit occupancy mask per level),
 * finding the next expiry is O(levels), and each timer costs one small object, so a million pending
 * timers are cheap.
 *
 * <p>Not thread-safe: {@link TimerDriver} guards it with a lock. Times are plain tick counts so the
 * wheel can be tested without a clock.
 */
public final class TimerWheel {
  static final int LEVELS = 6;
  static final int BITS = 6;
  static final int SLOTS = 1 << BITS;

  /** Timers beyond the top level's current span wait in one overflow list (rare: > 795 days). */
  private static final int OVERFLOW = LEVELS;

  private static final long TOP_SPAN = 1L << (BITS * LEVELS);

  /** One pending timer; also the handle used to cancel it. */
  public static final class Entry {
    final long deadline;
    final Runnable action;
    Entry prev;
    Entry next;
    int level = -1; // -1: not in the wheel (fired, cancelled or not yet inserted)
    int slot;

    Entry(long deadline, Runnable action) {
      this.deadline = deadline;
      this.action = action;
    }

    public long deadline() {
      return deadline;
    }

    public Runnable action() {
      return action;
    }
  }

  private final Entry[][] heads = new Entry[LEVELS + 1][SLOTS];
  private final long[] occupied = new long[LEVELS];
  private long elapsed;
  private int size;

  public TimerWheel() {}

  /** A wheel whose clock starts at {@code start} ticks. */
  public TimerWheel(long start) {
    this.elapsed = start;
  }

  /** The wheel's current time: the last {@code now} given to {@link #poll}. */
  public long elapsed() {
    return elapsed;
  }

  public int size() {
    return size;
  }

  /** Schedules {@code action} at tick {@code deadline}; a past deadline fires on the next poll. */
  public Entry insert(long deadline, Runnable action) {
    Entry e = new Entry(deadline, action);
    place(e);
    size++;
    return e;
  }

  /** Removes a pending timer; false if it already fired or was cancelled. */
  public boolean cancel(Entry e) {
    if (e.level < 0) {
      return false;
    }
    unlink(e);
    size--;
    return true;
  }

  /** The earliest tick at which {@link #poll} has work, or {@code Long.MAX_VALUE} if none. */
  public long nextExpiration() {
    long best = Long.MAX_VALUE;
    for (int level = 0; level < LEVELS; level++) {
      long d = slotDeadline(level);
      if (d < best) {
        best = d;
      }
    }
    if (heads[OVERFLOW][0] != null) {
      best = Math.min(best, (elapsed | (TOP_SPAN - 1)) + 1);
    }
    return best;
  }

  /**
   * Advances the wheel to tick {@code now} and appends every timer whose deadline is at or before
   * it to {@code fired}, removed from the wheel.
   *
   * @return how many timers fired
   */
  public int poll(long now, List<Entry> fired) {
    int count = 0;
    while (true) {
      int bestLevel = -1;
      long best = Long.MAX_VALUE;
      for (int level = 0; level < LEVELS; level++) {
        long d = slotDeadline(level);
        if (d < best) {
          best = d;
          bestLevel = level;
        }
      }
      long overflowAt =
          heads[OVERFLOW][0] != null ? (elapsed | (TOP_SPAN - 1)) + 1 : Long.MAX_VALUE;
      if (overflowAt <= now && overflowAt < best) {
        elapsed = Math.max(elapsed, overflowAt);
        Entry list = takeList(OVERFLOW, 0);
        count += redistribute(list, now, fired);
        continue;
      }
      if (bestLevel < 0 || best > now) {
        break;
      }
      elapsed = Math.max(elapsed, best);
      int slot = (int) ((best >>> (BITS * bestLevel)) & (SLOTS - 1));
      Entry list = takeList(bestLevel, slot);
      count += redistribute(list, now, fired);
    }
    elapsed = Math.max(elapsed, now);
    return count;
  }

  private int redistribute(Entry list, long now, List<Entry> fired) {
    int count = 0;
    for (Entry e = list; e != null; ) {
      Entry next = e.next;
      e.prev = e.next = null;
      e.level = -1;
      if (e.deadline <= now) {
        size--;
        fired.add(e);
        count++;
      } else {
        place(e); // cascades to a lower level, now that it is closer
      }
      e = next;
    }
    return count;
  }

  /** Deadline of the first occupied slot of a level at or after the current time, or MAX. */
  private long slotDeadline(int level) {
    long occ = occupied[level];
    if (occ == 0) {
      return Long.MAX_VALUE;
    }
    int shift = BITS * level;
    int nowSlot = (int) ((elapsed >>> shift) & (SLOTS - 1));
    int slot = (Long.numberOfTrailingZeros(Long.rotateRight(occ, nowSlot)) + nowSlot) & (SLOTS - 1);
    long levelSpan = 1L << (shift + BITS);
    long levelStart = elapsed & ~(levelSpan - 1);
    long deadline = levelStart + ((long) slot << shift);
    if (slot < nowSlot) {
      // Cannot happen while timers are placed relative to `elapsed` (they never sit behind it);
      // kept so that a broken invariant delays a timer by one span instead of losing it.
      deadline += levelSpan;
    }
    return deadline;
  }

  private void place(Entry e) {
    long when = Math.max(e.deadline, elapsed);
    long masked = (elapsed ^ when) | (SLOTS - 1);
    int level = (63 - Long.numberOfLeadingZeros(masked)) / BITS;
    int slot;
    if (level >= LEVELS) {
      level = OVERFLOW;
      slot = 0;
    } else {
      slot = (int) ((when >>> (BITS * level)) & (SLOTS - 1));
      occupied[level] |= 1L << slot;
    }
    e.level = level;
    e.slot = slot;
    Entry head = heads[level][slot];
    e.next = head;
    e.prev = null;
    if (head != null) {
      head.prev = e;
    }
    heads[level][slot] = e;
  }

  private void unlink(Entry e) {
    if (e.prev != null) {
      e.prev.next = e.next;
    } else {
      heads[e.level][e.slot] = e.next;
      if (e.next == null && e.level < LEVELS) {
        occupied[e.level] &= ~(1L << e.slot);
      }
    }
    if (e.next != null) {
      e.next.prev = e.prev;
    }
    e.prev = e.next = null;
    e.level = -1;
  }

  private Entry takeList(int level, int slot) {
    Entry list = heads[level][slot];
    heads[level][slot] = null;
    if (level < LEVELS) {
      occupied[level] &= ~(1L << slot);
    }
    return list;
  }
}
