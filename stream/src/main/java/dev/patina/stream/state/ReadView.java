package dev.patina.stream.state;

/**
 * A consistent read of a {@link StateStore}: the latest committed state ({@link
 * StateStore#latest()}, which moves as epochs commit) or a snapshot pinned at one epoch ({@link
 * StateStore#snapshot()}, which must be closed).
 */
public interface ReadView extends AutoCloseable {
  /** The value of {@code key}, or null. */
  byte[] get(byte[] key);

  /**
   * The entries with {@code from <= key < to} in ascending unsigned byte order; {@code to} null
   * scans to the end.
   */
  CloseableIterator<KeyValue> scan(byte[] from, byte[] to);

  /** The committed epoch this view reads (for {@link StateStore#latest()}: at the call). */
  long epoch();

  /** Releases a snapshot; a no-op for the latest view. */
  @Override
  void close();
}
