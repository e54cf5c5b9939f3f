package dev.patina.wasm.structure;

/**
 * How an element or data segment is used: copied at instantiation (active), by {@code
 * table.init}/{@code memory.init} (passive), or only declaring references (declarative, elements
 * only).
 */
public enum SegmentMode {
  ACTIVE,
  PASSIVE,
  DECLARATIVE
}
