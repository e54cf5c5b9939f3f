package dev.patina.wasm;

import dev.patina.wasm.internal.runtime.ConstEvaluator;
import dev.patina.wasm.internal.runtime.FunctionInstance;
import dev.patina.wasm.internal.runtime.GlobalInstance;
import dev.patina.wasm.internal.runtime.MemoryInstance;
import dev.patina.wasm.internal.runtime.ModuleCode;
import dev.patina.wasm.internal.runtime.ModuleInstance;
import dev.patina.wasm.internal.runtime.RawValue;
import dev.patina.wasm.internal.runtime.TableInstance;
import dev.patina.wasm.internal.runtime.TypeRegistry;
import dev.patina.wasm.structure.DataSegment;
import dev.patina.wasm.structure.ElementSegment;
import dev.patina.wasm.structure.Export;
import dev.patina.wasm.structure.Import;
import dev.patina.wasm.structure.ImportDesc;
import dev.patina.wasm.structure.SegmentMode;
import dev.patina.wasm.structure.WasmModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The specification's instantiation algorithm. */
final class Instantiation {
  private static final MemoryInstance NO_MEMORY =
      new MemoryInstance(new MemoryType(new Limits(0, 0)), 0);

  private Instantiation() {}

  static Instance instantiate(Store store, Module module, Linker linker) {
    WasmModule m = module.structure();
    ModuleInstance inst = new ModuleInstance(m.names(), store.state());
    List<FunctionInstance> functions = new ArrayList<>();
    List<TableInstance> tables = new ArrayList<>();
    List<MemoryInstance> memories = new ArrayList<>();
    List<GlobalInstance> globals = new ArrayList<>();
    resolveImports(m, linker, functions, tables, memories, globals);

    inst.typeIds = new int[m.types().size()];
    for (int i = 0; i < inst.typeIds.length; i++) {
      inst.typeIds[i] = TypeRegistry.idOf(m.types().get(i));
    }
    ModuleCode code = module.code(store.state().metered);
    int imported = functions.size();
    for (int i = 0; i < m.functions().length; i++) {
      functions.add(code.function(inst, imported + i, i, m.types().get(m.functions()[i])));
    }
    inst.functions = functions.toArray(FunctionInstance[]::new);
    for (TableType t : m.tables()) {
      tables.add(newTable(t, store));
    }
    inst.tables = tables.toArray(TableInstance[]::new);
    for (MemoryType t : m.memories()) {
      memories.add(newMemory(t, store));
    }
    inst.memories = memories.toArray(MemoryInstance[]::new);
    inst.memory = memories.isEmpty() ? NO_MEMORY : memories.get(0);

    // Globals may refer to imported globals and functions: initialize them in order.
    inst.globals = new GlobalInstance[globals.size() + m.globals().size()];
    for (int i = 0; i < globals.size(); i++) {
      inst.globals[i] = globals.get(i);
    }
    for (int i = 0; i < m.globals().size(); i++) {
      var g = m.globals().get(i);
      GlobalInstance global = new GlobalInstance(g.type());
      RawValue v = ConstEvaluator.evaluate(g.init(), inst);
      global.value = v.low();
      global.high = v.high();
      global.ref = v.ref();
      inst.globals[globals.size() + i] = global;
    }

    inst.elements = new Object[m.elements().size()][];
    for (int i = 0; i < inst.elements.length; i++) {
      ElementSegment e = m.elements().get(i);
      Object[] refs = new Object[e.init().size()];
      for (int j = 0; j < refs.length; j++) {
        refs[j] = ConstEvaluator.evaluate(e.init().get(j), inst).ref();
      }
      inst.elements[i] = e.mode() == SegmentMode.DECLARATIVE ? new Object[0] : refs;
    }
    inst.data = new byte[m.data().size()][];
    for (int i = 0; i < inst.data.length; i++) {
      inst.data[i] = m.data().get(i).bytes();
    }

    Map<String, Extern> exports = new LinkedHashMap<>();
    for (Export e : m.exports()) {
      exports.put(
          e.name(),
          switch (e.kind()) {
            case FUNC -> new Function(inst.functions[e.index()]);
            case TABLE -> new Table(inst.tables[e.index()]);
            case MEMORY -> new Memory(inst.memories[e.index()]);
            case GLOBAL -> new Global(inst.globals[e.index()]);
          });
    }
    Instance instance = new Instance(module, inst, exports);

    initializeSegments(m, inst);
    if (m.start() >= 0) {
      new Function(inst.functions[m.start()]).call();
    }
    return instance;
  }

  private static TableInstance newTable(TableType type, Store store) {
    try {
      return new TableInstance(type, null, store.state().maxTableElements);
    } catch (IllegalStateException | OutOfMemoryError e) {
      throw new TrapException(
          "table of " + type.limits().min() + " elements exceeds the store's limit");
    }
  }

  private static MemoryInstance newMemory(MemoryType type, Store store) {
    try {
      return new MemoryInstance(type, store.state().maxMemoryPages);
    } catch (IllegalStateException | OutOfMemoryError e) {
      throw new TrapException(
          "memory of " + type.limits().min() + " pages exceeds the store's limit");
    }
  }

  /** Active element segments, then active data segments, in order; a failing one traps. */
  private static void initializeSegments(WasmModule m, ModuleInstance inst) {
    for (int i = 0; i < m.elements().size(); i++) {
      ElementSegment e = m.elements().get(i);
      if (e.mode() != SegmentMode.ACTIVE) {
        continue;
      }
      long offset = ConstEvaluator.evaluate(e.offset(), inst).low() & 0xFFFFFFFFL;
      Object[] src = inst.elements[i];
      Object[] table = inst.tables[e.tableIndex()].elements;
      if (offset + src.length > table.length) {
        throw new TrapException("out of bounds table access");
      }
      System.arraycopy(src, 0, table, (int) offset, src.length);
      inst.elements[i] = new Object[0];
    }
    for (int i = 0; i < m.data().size(); i++) {
      DataSegment d = m.data().get(i);
      if (d.mode() != SegmentMode.ACTIVE) {
        continue;
      }
      long offset = ConstEvaluator.evaluate(d.offset(), inst).low() & 0xFFFFFFFFL;
      byte[] memory = inst.memories[d.memoryIndex()].bytes;
      if (offset + d.bytes().length > memory.length) {
        throw new TrapException("out of bounds memory access");
      }
      System.arraycopy(d.bytes(), 0, memory, (int) offset, d.bytes().length);
      inst.data[i] = new byte[0];
    }
  }

  private static void resolveImports(
      WasmModule m,
      Linker linker,
      List<FunctionInstance> functions,
      List<TableInstance> tables,
      List<MemoryInstance> memories,
      List<GlobalInstance> globals) {
    for (Import i : m.imports()) {
      Extern value = linker.get(i.module(), i.name());
      String what = "import \"" + i.module() + "\" \"" + i.name() + "\"";
      if (value == null) {
        throw new UnlinkableException("unknown import: " + what + " is not defined");
      }
      switch (i.desc()) {
        case ImportDesc.Func f -> {
          FuncType expected = m.types().get(f.typeIndex());
          if (!(value instanceof Function fn) || !fn.type().equals(expected)) {
            throw incompatible(what, expected, value);
          }
          functions.add(fn.instance());
        }
        case ImportDesc.Table t -> {
          if (!(value instanceof Table table)
              || table.instance().type().elementType() != t.type().elementType()
              || !limitsMatch(table.type().limits(), t.type().limits())) {
            throw incompatible(what, t.type(), value);
          }
          tables.add(table.instance());
        }
        case ImportDesc.Memory mem -> {
          if (!(value instanceof Memory memory)
              || !limitsMatch(memory.type().limits(), mem.type().limits())) {
            throw incompatible(what, mem.type(), value);
          }
          memories.add(memory.instance());
        }
        case ImportDesc.Global g -> {
          if (!(value instanceof Global global) || !global.type().equals(g.type())) {
            throw incompatible(what, g.type(), value);
          }
          globals.add(global.instance());
        }
      }
    }
  }

  /** Import subtyping of limits: the actual size covers the minimum, the maximum is tighter. */
  private static boolean limitsMatch(Limits actual, Limits expected) {
    if (actual.min() < expected.min()) {
      return false;
    }
    if (!expected.hasMax()) {
      return true;
    }
    return actual.hasMax() && actual.max() <= expected.max();
  }

  private static UnlinkableException incompatible(String what, ExternType expected, Extern actual) {
    return new UnlinkableException(
        "incompatible import type: " + what + " expects " + expected + ", got " + actual.type());
  }
}
