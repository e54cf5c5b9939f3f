package dev.patina.wasm.text;

import dev.patina.wasm.FuncType;
import dev.patina.wasm.ValType;
import java.util.List;
import java.util.Map;

/**
 * The contents of a binary module's sections while the module parser fills them, and their assembly
 * into the final byte array in the order the binary format prescribes. Empty sections are left out;
 * the data count section is written only when code refers to data segments (as the reference
 * encoder does); the {@code name} section comes last.
 */
final class Sections {
  final BinaryWriter imports = new BinaryWriter();
  final BinaryWriter functions = new BinaryWriter();
  final BinaryWriter tables = new BinaryWriter();
  final BinaryWriter memories = new BinaryWriter();
  final BinaryWriter globals = new BinaryWriter();
  final BinaryWriter exports = new BinaryWriter();
  final BinaryWriter elements = new BinaryWriter();
  final BinaryWriter code = new BinaryWriter(256);
  final BinaryWriter data = new BinaryWriter();
  int importCount;
  int functionCount;
  int tableCount;
  int memoryCount;
  int globalCount;
  int exportCount;
  int elementCount;
  int dataCount;
  Integer start;

  byte[] assemble(ModuleContext m, String moduleId, Map<Integer, List<String>> localNames) {
    BinaryWriter out = new BinaryWriter(code.size() + data.size() + 256);
    out.u8(0x00).u8(0x61).u8(0x73).u8(0x6D).u8(0x01).u8(0x00).u8(0x00).u8(0x00);
    List<FuncType> types = m.types.all();
    if (!types.isEmpty()) {
      BinaryWriter w = new BinaryWriter();
      for (FuncType type : types) {
        w.u8(0x60);
        valTypes(w, type.params());
        valTypes(w, type.results());
      }
      section(out, 1, types.size(), w);
    }
    section(out, 2, importCount, imports);
    section(out, 3, functionCount, functions);
    section(out, 4, tableCount, tables);
    section(out, 5, memoryCount, memories);
    section(out, 6, globalCount, globals);
    section(out, 7, exportCount, exports);
    if (start != null) {
      BinaryWriter w = new BinaryWriter(5);
      w.u32(start);
      out.u8(8).sized(w);
    }
    section(out, 9, elementCount, elements);
    if (m.dataIndexUsed) {
      BinaryWriter w = new BinaryWriter(5);
      w.u32(dataCount);
      out.u8(12).sized(w);
    }
    section(out, 10, functionCount, code);
    section(out, 11, dataCount, data);
    BinaryWriter names = NameSectionWriter.write(moduleId, m.funcs, localNames);
    if (names != null) {
      out.u8(0).sized(names);
    }
    return out.toByteArray();
  }

  private static void valTypes(BinaryWriter w, List<ValType> types) {
    w.u32(types.size());
    for (ValType t : types) {
      w.valType(t);
    }
  }

  /** A section holding a vector of {@code count} entries, unless it is empty. */
  private static void section(BinaryWriter out, int id, int count, BinaryWriter entries) {
    if (count == 0) {
      return;
    }
    BinaryWriter w = new BinaryWriter(entries.size() + 5);
    w.u32(count).bytes(entries);
    out.u8(id).sized(w);
  }
}
