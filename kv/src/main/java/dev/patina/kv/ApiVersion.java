package dev.patina.kv;

/**
 * TiKV's storage API versions ({@code storage.api-version}, {@code storage.enable-ttl}).
 *
 * <ul>
 *   <li>{@link #V1}: raw keys and values are stored as given; transactional keys are
 *       memcomparable-encoded. Raw and transactional data must not share key ranges (PD sees raw
 *       keys plain and transactional keys encoded). TTL is not allowed.
 *   <li>{@link #V1TTL}: raw only; every raw value carries an 8-byte expiry. Transactions are
 *       refused.
 *   <li>{@link #V2}: keyspaces. Raw keys start with {@code 'r'}, transactional keys with {@code
 *       'x'}, then a 3-byte keyspace id. Raw data is versioned (memcomparable key + timestamp) with
 *       a flags byte (TTL, logical delete); both modes share one key space.
 * </ul>
 */
public enum ApiVersion {
  V1,
  V1TTL,
  V2;

  public boolean isTtlEnabled() {
    return this != V1;
  }

  public boolean allowsTxn() {
    return this != V1TTL;
  }
}
