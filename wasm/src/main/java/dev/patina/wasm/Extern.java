package dev.patina.wasm;

/** Something an instance exports or a linker provides as an import. */
public sealed interface Extern permits Function, Memory, Table, Global {
  ExternType type();
}
