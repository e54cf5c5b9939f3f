package dev.patina.runtime.net.internal;

import java.util.concurrent.atomic.LongAdder;

/**
 * Process-wide socket counters behind {@code NetMetrics}; bumped on every transfer, read rarely.
 */
public final class NetCounters {
  public static final LongAdder OPEN_SOCKETS = new LongAdder();
  public static final LongAdder BYTES_READ = new LongAdder();
  public static final LongAdder BYTES_WRITTEN = new LongAdder();
  public static final LongAdder DATAGRAMS_RECEIVED = new LongAdder();
  public static final LongAdder DATAGRAMS_SENT = new LongAdder();

  private NetCounters() {}
}
