package dev.patina.wasm.structure;

import dev.patina.wasm.GlobalType;

/** A global defined by the module: its type and initializer. */
public record Global(GlobalType type, ConstExpr init) {}
