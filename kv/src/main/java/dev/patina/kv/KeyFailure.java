package dev.patina.kv;

/** A key of a batch get or scan that could not be read (for example, it is locked). */
public record KeyFailure(byte[] key, KeyError error) implements KvResult {
  @Override
  public String toString() {
    return "KeyFailure[" + Hex.key(key) + ": " + error.message() + "]";
  }
}
