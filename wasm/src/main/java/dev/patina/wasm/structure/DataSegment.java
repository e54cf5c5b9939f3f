package dev.patina.wasm.structure;

/**
 * A data segment. Active segments name a memory and an offset expression (else {@code memoryIndex}
 * is 0 and {@code offset} is null).
 */
public record DataSegment(SegmentMode mode, int memoryIndex, ConstExpr offset, byte[] bytes) {}
