package dev.patina.wasm;

/** A global type: a value type and whether the global is mutable. */
public record GlobalType(ValType valType, boolean mutable) implements ExternType {}
