package dev.patina.wasm.structure;

import dev.patina.wasm.FuncType;
import dev.patina.wasm.MemoryType;
import dev.patina.wasm.TableType;
import java.util.List;

/**
 * A decoded module, before validation. {@code functions} holds the type index of each function the
 * module defines (imports excluded), parallel to {@code codes}. {@code start} and {@code dataCount}
 * are -1 when absent. {@code binary} is the encoding it was decoded from, which {@link Code} and
 * error offsets refer to.
 */
public record WasmModule(
    List<FuncType> types,
    List<Import> imports,
    int[] functions,
    List<TableType> tables,
    List<MemoryType> memories,
    List<Global> globals,
    List<Export> exports,
    int start,
    List<ElementSegment> elements,
    int dataCount,
    List<Code> codes,
    List<DataSegment> data,
    List<CustomSection> customSections,
    NameSection names,
    byte[] binary) {

  /** The number of imports of the given kind. */
  public int importCount(dev.patina.wasm.ExternKind kind) {
    int n = 0;
    for (Import i : imports) {
      if (i.desc().kind() == kind) {
        n++;
      }
    }
    return n;
  }
}
