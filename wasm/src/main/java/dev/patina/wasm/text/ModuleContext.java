package dev.patina.wasm.text;

/**
 * The identifier context of a module being parsed: one {@link Space} per index space, bound by the
 * first pass over the module fields so that every definition is visible to the whole module.
 */
final class ModuleContext {
  final TypeTable types = new TypeTable();
  final Space funcs = new Space("function");
  final Space tables = new Space("table");
  final Space memories = new Space("memory");
  final Space globals = new Space("global");
  final Space elems = new Space("elem segment");
  final Space datas = new Space("data segment");

  /** Whether code names a data segment, which requires a data count section. */
  boolean dataIndexUsed;
}
