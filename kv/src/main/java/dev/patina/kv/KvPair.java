package dev.patina.kv;

import java.util.Arrays;

/** A key and its value (an empty value for key-only scans). */
public record KvPair(byte[] key, byte[] value) implements KvResult {
  @Override
  public boolean equals(Object o) {
    return o instanceof KvPair p && Arrays.equals(key, p.key) && Arrays.equals(value, p.value);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(key) * 31 + Arrays.hashCode(value);
  }

  @Override
  public String toString() {
    return "KvPair[" + Hex.key(key) + "=" + Hex.key(value) + "]";
  }
}
