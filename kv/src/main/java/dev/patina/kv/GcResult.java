package dev.patina.kv;

/** What an MVCC GC pass over a range did. */
public record GcResult(long keysScanned, long versionsDeleted) {}
