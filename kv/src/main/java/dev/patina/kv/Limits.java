package dev.patina.kv;

import dev.patina.kv.engine.Batch;

/**
 * TiKV's request limits: a key is at most {@code maxKeySize} bytes (checked on raw keys and on
 * transactional user keys), a write at most {@code maxWriteBytes}.
 */
public record Limits(int maxKeySize, long maxWriteBytes) {

  /** TiKV's {@code KeyTooLarge}: "max key size exceeded, size: N, limit: M". */
  public void checkKey(byte[] key) {
    if (key == null) {
      throw new InvalidRequestException("missing key");
    }
    if (key.length > maxKeySize) {
      throw new InvalidRequestException(
          "max key size exceeded, size: " + key.length + ", limit: " + maxKeySize);
    }
  }

  public void checkWrite(Batch batch) {
    if (batch.size() > maxWriteBytes) {
      throw new EntryTooLargeException(batch.size(), maxWriteBytes);
    }
  }
}
