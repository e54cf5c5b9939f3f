package dev.patina.wasm.validate;

import dev.patina.wasm.ExternKind;
import dev.patina.wasm.FuncType;
import dev.patina.wasm.InvalidException;
import dev.patina.wasm.Limits;
import dev.patina.wasm.MalformedException;
import dev.patina.wasm.MemoryType;
import dev.patina.wasm.TableType;
import dev.patina.wasm.ValType;
import dev.patina.wasm.structure.ConstExpr;
import dev.patina.wasm.structure.DataSegment;
import dev.patina.wasm.structure.ElementSegment;
import dev.patina.wasm.structure.Export;
import dev.patina.wasm.structure.Global;
import dev.patina.wasm.structure.Import;
import dev.patina.wasm.structure.ImportDesc;
import dev.patina.wasm.structure.SegmentMode;
import dev.patina.wasm.structure.WasmModule;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Validates a decoded module against the WebAssembly 2.0 specification. Checks run in the reference
 * interpreter's order (imports and function types, globals, tables, memories, element and data
 * segments, function bodies, start, exports, memory count), so the first error reported is the one
 * the spec suite expects.
 */
public final class ModuleValidator {
  /** The largest memory, in 64 KiB pages: 4 GiB. */
  private static final long MAX_PAGES = 65536;

  private static final long MAX_TABLE_SIZE = 0xFFFF_FFFFL;

  private ModuleValidator() {}

  /** Throws {@link InvalidException} (and nothing else) if {@code m} is not valid. */
  public static void validate(WasmModule m) {
    if (m.functions().length != m.codes().size()) {
      throw new InvalidException("function and code section have inconsistent lengths");
    }
    try {
      check(m);
    } catch (MalformedException e) {
      // Bodies were checked by the decoder; a module assembled otherwise may still hold bad bytes.
      throw new InvalidException("malformed expression: " + e.getMessage());
    }
  }

  private static void check(WasmModule m) {
    for (Import im : m.imports()) {
      switch (im.desc()) {
        case ImportDesc.Table t -> checkTable(t.type(), "import " + im.name());
        case ImportDesc.Memory mem -> checkMemory(mem.type(), "import " + im.name());
        default -> {}
      }
    }
    ModuleContext context = new ModuleContext(m);
    ConstExprValidator constants = new ConstExprValidator(context);

    List<Global> globals = m.globals();
    for (int i = 0; i < globals.size(); i++) {
      Global g = globals.get(i);
      constants.validate(g.init(), g.type().valType(), "global " + (context.importedGlobals + i));
    }
    for (TableType t : m.tables()) {
      checkTable(t, "table");
    }
    for (MemoryType mem : m.memories()) {
      checkMemory(mem, "memory");
    }
    List<ElementSegment> elements = m.elements();
    for (int i = 0; i < elements.size(); i++) {
      checkElement(context, constants, elements.get(i), "element segment " + i);
    }
    List<DataSegment> data = m.data();
    for (int i = 0; i < data.size(); i++) {
      checkData(context, constants, data.get(i), "data segment " + i);
    }

    FunctionValidator bodies = new FunctionValidator(context);
    int imported = m.importCount(ExternKind.FUNC);
    for (int i = 0; i < m.codes().size(); i++) {
      bodies.validate(imported + i, m.codes().get(i));
    }

    if (m.start() >= 0 || m.start() < -1) {
      checkStart(context, m.start());
    }
    checkExports(context, m.exports());
    if (context.memoryCount > 1) {
      throw new InvalidException("multiple memories are not allowed (yet)");
    }
  }

  private static void checkLimits(Limits limits, long range, String tooLarge, String where) {
    if (limits.min() > range || (limits.hasMax() && limits.max() > range)) {
      throw new InvalidException(tooLarge, where);
    }
    if (limits.hasMax() && limits.min() > limits.max()) {
      throw new InvalidException("size minimum must not be greater than maximum", where);
    }
  }

  private static void checkTable(TableType t, String where) {
    checkLimits(t.limits(), MAX_TABLE_SIZE, "table size must be at most 2^32-1", where);
  }

  private static void checkMemory(MemoryType t, String where) {
    checkLimits(t.limits(), MAX_PAGES, "memory size must be at most 65536 pages (4GiB)", where);
  }

  private static void checkElement(
      ModuleContext context, ConstExprValidator constants, ElementSegment e, String where) {
    for (ConstExpr init : e.init()) {
      constants.validate(init, e.type(), where);
    }
    if (e.mode() == SegmentMode.ACTIVE) {
      if (!ModuleContext.inRange(e.tableIndex(), context.tables.size())) {
        throw ModuleContext.unknown("table", e.tableIndex(), where);
      }
      ValType tableType = context.tables.get(e.tableIndex()).elementType();
      if (tableType != e.type()) {
        throw new InvalidException(
            "type mismatch: element segment's type "
                + e.type()
                + " does not match table's element type "
                + tableType,
            where);
      }
      constants.validate(e.offset(), ValType.I32, where);
    }
  }

  private static void checkData(
      ModuleContext context, ConstExprValidator constants, DataSegment d, String where) {
    if (d.mode() == SegmentMode.ACTIVE) {
      if (!ModuleContext.inRange(d.memoryIndex(), context.memoryCount)) {
        throw ModuleContext.unknown("memory", d.memoryIndex(), where);
      }
      constants.validate(d.offset(), ValType.I32, where);
    }
  }

  private static void checkStart(ModuleContext context, int start) {
    if (!ModuleContext.inRange(start, context.functionTypes.length)) {
      throw ModuleContext.unknown("function", start, "start");
    }
    FuncType type = context.functionType(start);
    if (!type.params().isEmpty() || !type.results().isEmpty()) {
      throw new InvalidException("start function must not have parameters or results", "start");
    }
  }

  private static void checkExports(ModuleContext context, List<Export> exports) {
    Set<String> names = new HashSet<>();
    for (Export e : exports) {
      String where = "export \"" + e.name() + "\"";
      int count =
          switch (e.kind()) {
            case FUNC -> context.functionTypes.length;
            case TABLE -> context.tables.size();
            case MEMORY -> context.memoryCount;
            case GLOBAL -> context.globals.size();
          };
      if (!ModuleContext.inRange(e.index(), count)) {
        String what = e.kind() == ExternKind.FUNC ? "function" : e.kind().text();
        throw ModuleContext.unknown(what, e.index(), where);
      }
      if (!names.add(e.name())) {
        throw new InvalidException("duplicate export name", where);
      }
    }
  }
}
