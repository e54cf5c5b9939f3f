package dev.patina.runtime.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * Process-wide counters behind {@code RuntimeMetrics}. LongAdders, because they are bumped on every
 * spawn and every message from many threads at once and read rarely.
 */
public final class Counters {
  public static final LongAdder LIVE_TASKS = new LongAdder();
  public static final LongAdder SPAWNED_TASKS = new LongAdder();
  public static final LongAdder QUEUED_MESSAGES = new LongAdder();
  public static final LongAdder OPEN_CHANNELS = new LongAdder();

  private Counters() {}
}
