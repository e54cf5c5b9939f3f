package dev.patina.wasm.structure;

import dev.patina.wasm.ExternKind;

/** An export: its name, and the kind and index of what it exports. */
public record Export(String name, ExternKind kind, int index) {}
