package dev.patina.wasm;

/** A table type: the reference type of its elements and its size limits. */
public record TableType(ValType elementType, Limits limits) implements ExternType {}
