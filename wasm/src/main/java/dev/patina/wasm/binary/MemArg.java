package dev.patina.wasm.binary;

/**
 * The memory operand of a load or store: alignment exponent, memory index (0 unless the
 * multi-memory flag is set), and static offset.
 */
public record MemArg(int align, int memoryIndex, long offset) {}
