/**
 * State tables: keyed tables of rows over a sorted key-value {@link
 * dev.patina.stream.state.StateStore} (RisingWave's {@code storage} and {@code state_table}).
 *
 * <p>A {@link dev.patina.stream.state.StateTable} keeps the rows of one table (a user table, a
 * materialized view, an operator's state) under a 4-byte table id, keyed by the memcomparable
 * encoding of its primary key ({@link dev.patina.stream.state.Memcomparable}, so that a byte-wise
 * range scan returns rows in key order) with the whole row as the value ({@link
 * dev.patina.stream.state.RowCodec}). Writes are staged in the table and committed with others in
 * one atomic {@link dev.patina.stream.state.WriteBatch} per epoch; reads see the staged writes over
 * a {@link dev.patina.stream.state.ReadView} of the store, either the latest committed state or a
 * snapshot fixed at one epoch.
 *
 * <p>{@link dev.patina.stream.state.RocksStateStore} keeps everything in a local RocksDB; {@link
 * dev.patina.stream.state.MemoryStateStore} is the same contract in memory. A store backed by
 * Patina's {@code kv} (TiKV) fits the same interface.
 */
package dev.patina.stream.state;
