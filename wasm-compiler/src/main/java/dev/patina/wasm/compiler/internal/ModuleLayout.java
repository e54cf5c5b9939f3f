package dev.patina.wasm.compiler.internal;

import dev.patina.wasm.ExternKind;
import dev.patina.wasm.FuncType;
import dev.patina.wasm.GlobalType;
import dev.patina.wasm.TableType;
import dev.patina.wasm.structure.Global;
import dev.patina.wasm.structure.Import;
import dev.patina.wasm.structure.ImportDesc;
import dev.patina.wasm.structure.WasmModule;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What code generation needs to know about a module: the types of its index spaces, and where each
 * generated method lives. Functions are grouped into classes of a bounded size so that no class
 * exceeds the JVM's class-file limits; imports and indirect calls go through one dispatch class.
 */
final class ModuleLayout {
  static final String PACKAGE = "dev/patina/wasm/gen/";
  static final String DISPATCH = PACKAGE + "Dispatch";

  /**
   * The owner that calls of generated methods name until the methods are packed into classes; the
   * packing then writes the real class into every such call.
   */
  static final String PENDING_OWNER = PACKAGE + "Pending";

  final WasmModule module;
  final List<FuncType> types;
  final FuncType[] functionTypes;
  final int importedFunctions;
  final GlobalType[] globals;
  final TableType[] tables;
  final boolean metered;

  /** For each type index, the first type index with the same (structural) type. */
  final int[] canonicalType;

  ModuleLayout(WasmModule module, boolean metered) {
    this.module = module;
    this.metered = metered;
    this.types = module.types();
    List<FuncType> functions = new ArrayList<>();
    List<GlobalType> globalTypes = new ArrayList<>();
    List<TableType> tableTypes = new ArrayList<>();
    for (Import i : module.imports()) {
      switch (i.desc()) {
        case ImportDesc.Func f -> functions.add(types.get(f.typeIndex()));
        case ImportDesc.Global g -> globalTypes.add(g.type());
        case ImportDesc.Table t -> tableTypes.add(t.type());
        case ImportDesc.Memory m -> {}
      }
    }
    this.importedFunctions = functions.size();
    for (int typeIndex : module.functions()) {
      functions.add(types.get(typeIndex));
    }
    for (Global g : module.globals()) {
      globalTypes.add(g.type());
    }
    tableTypes.addAll(module.tables());
    this.functionTypes = functions.toArray(FuncType[]::new);
    this.globals = globalTypes.toArray(GlobalType[]::new);
    this.tables = tableTypes.toArray(TableType[]::new);
    this.canonicalType = new int[types.size()];
    Map<FuncType, Integer> first = new HashMap<>();
    for (int i = 0; i < types.size(); i++) {
      canonicalType[i] = first.computeIfAbsent(types.get(i), t -> first.size());
    }
    // computeIfAbsent numbered distinct types; map back to the first type index of each.
    int[] firstIndex = new int[first.size()];
    for (int i = types.size() - 1; i >= 0; i--) {
      firstIndex[canonicalType[i]] = i;
    }
    for (int i = 0; i < types.size(); i++) {
      canonicalType[i] = firstIndex[canonicalType[i]];
    }
  }

  boolean hasMemory() {
    return !module.memories().isEmpty() || module.importCount(ExternKind.MEMORY) > 0;
  }

  int definedFunctions() {
    return functionTypes.length - importedFunctions;
  }

  boolean isImported(int function) {
    return function < importedFunctions;
  }

  /** The class of each generated method, by method name, once packed. */
  java.util.Map<String, String> owners = java.util.Map.of();

  /** The class that holds the method of defined function {@code function} (index space). */
  String owner(int function) {
    String owner = owners.get(functionMethod(function));
    return owner != null ? owner : PENDING_OWNER;
  }

  static String functionMethod(int function) {
    return "f" + function;
  }

  static String importMethod(int function) {
    return "import" + function;
  }

  static String indirectMethod(int canonicalType) {
    return "indirect" + canonicalType;
  }

  /**
   * The descriptor of the indirect-call dispatcher of a type: arguments, index, table, context
   * (with the calls allowed).
   */
  static String indirectDescriptor(FuncType type) {
    StringBuilder d = new StringBuilder("(");
    if (JvmTypes.fitsParameters(type)) {
      for (var t : type.params()) {
        d.append(JvmTypes.descriptor(t));
      }
    }
    d.append("II").append(JvmTypes.INSTANCE_D).append(JvmTypes.STACK_D).append("I)");
    d.append(JvmTypes.returnDescriptor(type));
    return d.toString();
  }
}
