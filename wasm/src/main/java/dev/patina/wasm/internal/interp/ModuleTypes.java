package dev.patina.wasm.internal.interp;

import dev.patina.wasm.ExternKind;
import dev.patina.wasm.FuncType;
import dev.patina.wasm.GlobalType;
import dev.patina.wasm.TableType;
import dev.patina.wasm.ValType;
import dev.patina.wasm.structure.Global;
import dev.patina.wasm.structure.Import;
import dev.patina.wasm.structure.ImportDesc;
import dev.patina.wasm.structure.WasmModule;
import java.util.ArrayList;
import java.util.List;

/**
 * The types of a module's index spaces (imports first), which the compiler needs to know slot sizes
 * and operand kinds.
 */
record ModuleTypes(
    List<FuncType> types,
    FuncType[] functions,
    GlobalType[] globals,
    TableType[] tables,
    ValType[] elementTypes) {

  static ModuleTypes of(WasmModule module) {
    List<FuncType> functions = new ArrayList<>();
    List<GlobalType> globals = new ArrayList<>();
    List<TableType> tables = new ArrayList<>();
    for (Import i : module.imports()) {
      switch (i.desc()) {
        case ImportDesc.Func f -> functions.add(module.types().get(f.typeIndex()));
        case ImportDesc.Global g -> globals.add(g.type());
        case ImportDesc.Table t -> tables.add(t.type());
        case ImportDesc.Memory m -> {}
      }
    }
    for (int typeIndex : module.functions()) {
      functions.add(module.types().get(typeIndex));
    }
    for (Global g : module.globals()) {
      globals.add(g.type());
    }
    tables.addAll(module.tables());
    ValType[] elementTypes = new ValType[module.elements().size()];
    for (int i = 0; i < elementTypes.length; i++) {
      elementTypes[i] = module.elements().get(i).type();
    }
    return new ModuleTypes(
        module.types(),
        functions.toArray(FuncType[]::new),
        globals.toArray(GlobalType[]::new),
        tables.toArray(TableType[]::new),
        elementTypes);
  }

  int importedFunctionCount(WasmModule module) {
    return module.importCount(ExternKind.FUNC);
  }
}
