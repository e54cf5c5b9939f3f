package dev.patina.kv;

/**
 * One entry of a transactional batch get or scan: a pair, or a key whose read failed (locked),
 * which TiKV reports in place inside the result list ({@code kvrpcpb.KvPair.error}).
 */
public sealed interface KvResult permits KvPair, KeyFailure {
  byte[] key();
}
