package dev.patina.wasm.structure;

/**
 * A custom section, kept as it was: its name, its payload, and the offset of the payload in the
 * module binary.
 */
public record CustomSection(String name, byte[] payload, int offset) {}
