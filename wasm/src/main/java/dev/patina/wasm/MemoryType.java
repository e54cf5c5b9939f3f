package dev.patina.wasm;

/** A memory type: its size limits in 64 KiB pages. */
public record MemoryType(Limits limits) implements ExternType {
  public static final int PAGE_SIZE = 65536;
}
