package dev.patina.kv.engine;

/**
 * TiKV's column families. {@code default}, {@code lock} and {@code write} hold data under the
 * {@code 'z'} data-key prefix; {@code raft} holds local (region meta) keys, which start with {@code
 * 0x01}, as TiKV's {@code CF_RAFT} does.
 */
public enum Cf {
  DEFAULT("default"),
  LOCK("lock"),
  WRITE("write"),
  RAFT("raft");

  private final String cfName;

  Cf(String cfName) {
    this.cfName = cfName;
  }

  /** TiKV's name of the column family. */
  public String cfName() {
    return cfName;
  }

  /** Whether keys of this family carry the data prefix. */
  public boolean isData() {
    return this != RAFT;
  }
}
