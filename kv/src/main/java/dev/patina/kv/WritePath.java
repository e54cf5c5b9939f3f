package dev.patina.kv;

import dev.patina.kv.engine.Batch;

/**
 * Where a command's write batch goes once the command has computed it under its latches: straight
 * into the engine (one store), or through the Raft log of the region that owns {@code range}
 * (replicated stores, TiKV's raftstore). Either way the call returns only when the batch is applied
 * to this store's engine, so the command's latches still cover the write when it becomes visible.
 */
@FunctionalInterface
public interface WritePath {
  /**
   * Applies {@code batch}, whose keys all lie in {@code range} (the region range the command was
   * given).
   *
   * @throws KvException (or a region error) when the batch cannot be applied here
   */
  void write(KeyRange range, Batch batch);
}
