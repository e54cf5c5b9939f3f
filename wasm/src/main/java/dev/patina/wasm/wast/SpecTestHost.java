package dev.patina.wasm.wast;

import dev.patina.wasm.FuncType;
import dev.patina.wasm.Global;
import dev.patina.wasm.GlobalType;
import dev.patina.wasm.Limits;
import dev.patina.wasm.Linker;
import dev.patina.wasm.Memory;
import dev.patina.wasm.MemoryType;
import dev.patina.wasm.Table;
import dev.patina.wasm.TableType;
import dev.patina.wasm.ValType;
import dev.patina.wasm.Value;
import java.util.List;

/**
 * The {@code spectest} host module the specification's scripts import, as the reference interpreter
 * defines it: print functions that do nothing, four constant globals, a table of 10 (at most 20)
 * funcrefs and a memory of 1 (at most 2) pages.
 */
final class SpecTestHost {
  private SpecTestHost() {}

  static void define(Linker linker) {
    print(linker, "print");
    print(linker, "print_i32", ValType.I32);
    print(linker, "print_i64", ValType.I64);
    print(linker, "print_f32", ValType.F32);
    print(linker, "print_f64", ValType.F64);
    print(linker, "print_i32_f32", ValType.I32, ValType.F32);
    print(linker, "print_f64_f64", ValType.F64, ValType.F64);
    global(linker, "global_i32", Value.i32(666));
    global(linker, "global_i64", Value.i64(666));
    global(linker, "global_f32", Value.f32(666.6f));
    global(linker, "global_f64", Value.f64(666.6));
    linker.define(
        "spectest",
        "table",
        new Table(new TableType(ValType.FUNCREF, new Limits(10, 20)), new Value.FuncRef(null)));
    linker.define("spectest", "memory", new Memory(new MemoryType(new Limits(1, 2))));
  }

  private static void print(Linker linker, String name, ValType... params) {
    linker.function(
        "spectest", name, new FuncType(List.of(params), List.of()), (caller, args) -> new Value[0]);
  }

  private static void global(Linker linker, String name, Value value) {
    linker.define("spectest", name, new Global(new GlobalType(value.type(), false), value));
  }
}
