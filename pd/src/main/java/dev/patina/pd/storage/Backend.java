package dev.patina.pd.storage;

import java.util.function.BiConsumer;

/**
 * Where PD keeps its metadata: an ordered byte-key store whose writes are durable when {@link
 * #write} returns (the role etcd plays for the real PD).
 *
 * <p>Durability policy: every write that a reply depends on is synced to disk before the reply is
 * sent, so a process killed at any instant (kill -9) loses nothing that it acknowledged. A batch is
 * atomic: after a crash it is either wholly there or not at all.
 */
public interface Backend extends AutoCloseable {

  /** The value under {@code key}, or null. */
  byte[] get(byte[] key);

  /** Visits every entry whose key starts with {@code prefix}, in unsigned key order. */
  void scan(byte[] prefix, BiConsumer<byte[], byte[]> visitor);

  /** Applies the batch atomically and durably. */
  void write(WriteBatch batch);

  /** Convenience: one durable put. */
  default void put(byte[] key, byte[] value) {
    write(new WriteBatch().put(key, value));
  }

  @Override
  void close();
}
