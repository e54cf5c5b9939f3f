package dev.patina.wasm.validate;

import dev.patina.wasm.ExternKind;
import dev.patina.wasm.FuncType;
import dev.patina.wasm.GlobalType;
import dev.patina.wasm.InvalidException;
import dev.patina.wasm.TableType;
import dev.patina.wasm.ValType;
import dev.patina.wasm.binary.CodeReader;
import dev.patina.wasm.binary.Opcode;
import dev.patina.wasm.structure.ConstExpr;
import dev.patina.wasm.structure.DataSegment;
import dev.patina.wasm.structure.ElementSegment;
import dev.patina.wasm.structure.Export;
import dev.patina.wasm.structure.Global;
import dev.patina.wasm.structure.Import;
import dev.patina.wasm.structure.ImportDesc;
import dev.patina.wasm.structure.WasmModule;
import java.util.ArrayList;
import java.util.List;

/**
 * The validation context C of the specification: the module's index spaces (imports first), with
 * function types pre-encoded as {@link StackType} arrays, and the set of functions that may be
 * referenced by {@code ref.func} in function bodies.
 */
final class ModuleContext {
  final WasmModule module;
  final byte[][] typeParams;
  final byte[][] typeResults;

  /** The type index of every function, imported ones first. */
  final int[] functionTypes;

  final List<TableType> tables = new ArrayList<>();
  final int memoryCount;
  final List<GlobalType> globals = new ArrayList<>();

  /** How many globals are imported: the only ones constant expressions may read in 2.0. */
  final int importedGlobals;

  final ValType[] elementTypes;
  final int dataCount;

  /**
   * Functions named outside function bodies (exports, globals, segments): {@code ref.func}'s
   * C.refs.
   */
  final boolean[] declaredReferences;

  ModuleContext(WasmModule m) {
    this.module = m;
    int typeCount = m.types().size();
    typeParams = new byte[typeCount][];
    typeResults = new byte[typeCount][];
    for (int i = 0; i < typeCount; i++) {
      typeParams[i] = StackType.params(m.types().get(i));
      typeResults[i] = StackType.results(m.types().get(i));
    }

    int importedFunctions = m.importCount(ExternKind.FUNC);
    functionTypes = new int[importedFunctions + m.functions().length];
    int f = 0;
    int memories = 0;
    for (Import im : m.imports()) {
      switch (im.desc()) {
        case ImportDesc.Func func -> functionTypes[f++] = checkType(func.typeIndex(), "import");
        case ImportDesc.Table table -> tables.add(table.type());
        case ImportDesc.Memory memory -> memories++;
        case ImportDesc.Global global -> globals.add(global.type());
      }
    }
    importedGlobals = globals.size();
    for (int i = 0; i < m.functions().length; i++) {
      functionTypes[f++] = checkType(m.functions()[i], "function " + (importedFunctions + i));
    }
    tables.addAll(m.tables());
    memoryCount = memories + m.memories().size();
    for (Global g : m.globals()) {
      globals.add(g.type());
    }
    elementTypes = new ValType[m.elements().size()];
    for (int i = 0; i < elementTypes.length; i++) {
      elementTypes[i] = m.elements().get(i).type();
    }
    dataCount = m.data().size();
    declaredReferences = declaredReferences(m, functionTypes.length);
  }

  private int checkType(int index, String where) {
    if (Integer.compareUnsigned(index, typeParams.length) >= 0) {
      throw unknown("type", index, where);
    }
    return index;
  }

  FuncType functionType(int function) {
    return module.types().get(functionTypes[function]);
  }

  static InvalidException unknown(String what, int index, String where) {
    return new InvalidException("unknown " + what + " " + Integer.toUnsignedString(index), where);
  }

  /** Whether {@code index} (an unsigned u32) is below {@code count}. */
  static boolean inRange(int index, int count) {
    return Integer.compareUnsigned(index, count) < 0;
  }

  private static boolean[] declaredReferences(WasmModule m, int functionCount) {
    boolean[] declared = new boolean[functionCount];
    for (Global g : m.globals()) {
      markReferences(g.init(), declared);
    }
    for (ElementSegment e : m.elements()) {
      if (e.offset() != null) {
        markReferences(e.offset(), declared);
      }
      for (ConstExpr init : e.init()) {
        markReferences(init, declared);
      }
    }
    for (DataSegment d : m.data()) {
      if (d.offset() != null) {
        markReferences(d.offset(), declared);
      }
    }
    for (Export e : m.exports()) {
      if (e.kind() == ExternKind.FUNC && inRange(e.index(), functionCount)) {
        declared[e.index()] = true;
      }
    }
    return declared;
  }

  private static void markReferences(ConstExpr expr, boolean[] declared) {
    byte[] code = expr.code();
    CodeReader r = new CodeReader(code, 0, code.length);
    while (!r.atEnd()) {
      Opcode op = r.opcode();
      if (op == Opcode.REF_FUNC) {
        int f = r.u32();
        if (inRange(f, declared.length)) {
          declared[f] = true;
        }
      } else {
        r.skipImmediates(op);
      }
    }
  }
}
