package dev.patina.bench.ycsb;

import java.util.List;

/**
 * The operations YCSB runs, on one system through its official client. Implementations are
 * thread-safe: all client threads share one instance (one client, as applications do).
 */
public sealed interface Store extends AutoCloseable permits TikvRawStore, EtcdStore {
  /** The value of {@code key}, or null. */
  byte[] read(byte[] key) throws Exception;

  /** Writes one record (YCSB's update and insert: a whole 1-record write). */
  void write(byte[] key, byte[] value) throws Exception;

  /** Reads up to {@code count} records from {@code start} on; returns how many came back. */
  int scan(byte[] start, int count) throws Exception;

  /** Writes records in one request, for loading. */
  void writeBatch(List<byte[]> keys, List<byte[]> values) throws Exception;

  String name();

  @Override
  void close() throws Exception;
}
