package dev.patina.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddingApiTest {
  private static final FuncType I32_TO_I32 =
      new FuncType(List.of(ValType.I32), List.of(ValType.I32));

  private static Instance instantiate(String wat) {
    return new Linker().instantiate(new Store(), Module.fromText(wat));
  }

  @Test
  void hostFunctionsReceiveArgumentsAndReturnResults() {
    List<Integer> logged = new ArrayList<>();
    Linker linker =
        new Linker()
            .function(
                "env",
                "log",
                new FuncType(List.of(ValType.I32), List.of()),
                (caller, args) -> {
                  logged.add(((Value.I32) args[0]).value());
                  return new Value[0];
                })
            .function(
                "env",
                "square",
                I32_TO_I32,
                (caller, args) -> {
                  int v = ((Value.I32) args[0]).value();
                  return new Value[] {Value.i32(v * v)};
                });
    Module module =
        Module.fromText(
            """
            (module
              (import "env" "log" (func $log (param i32)))
              (import "env" "square" (func $square (param i32) (result i32)))
              (func (export "f") (param i32) (result i32)
                (call $log (local.get 0))
                (i32.add (call $square (local.get 0)) (i32.const 1))))""");
    Instance instance = linker.instantiate(new Store(), module);
    assertArrayEquals(new Value[] {Value.i32(50)}, instance.function("f").call(Value.i32(7)));
    assertEquals(List.of(7), logged);
  }

  @Test
  void trapsCarryAWasmBacktraceWithNames() {
    Instance instance =
        instantiate(
            """
            (module $m
              (func $inner (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
              (func $outer (export "outer") (param i32) (result i32) (call $inner (local.get 0))))""");
    TrapException trap =
        assertThrows(TrapException.class, () -> instance.function("outer").call(Value.i32(0)));
    assertEquals("integer divide by zero", trap.reason());
    List<String> names = trap.backtrace().stream().map(WasmFrame::functionName).toList();
    assertEquals(List.of("inner", "outer"), names);
    assertTrue(trap.getMessage().contains("m!inner"), trap.getMessage());
  }

  @Test
  void deepRecursionIsAnExhaustionTrapAndTheThreadRecovers() {
    Instance instance =
        instantiate(
            """
            (module
              (func $down (export "down") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0))
                  (then (i32.const 0))
                  (else (i32.add (i32.const 1) (call $down (i32.sub (local.get 0) (i32.const 1))))))))""");
    Function down = instance.function("down");
    ExhaustionException e =
        assertThrows(ExhaustionException.class, () -> down.call(Value.i32(Integer.MAX_VALUE)));
    assertEquals("call stack exhausted", e.reason());
    assertArrayEquals(new Value[] {Value.i32(10_000)}, down.call(Value.i32(10_000)));
  }

  @Test
  void hostExceptionsBecomeTrapsWithTheCause() {
    Linker linker =
        new Linker()
            .function(
                "env",
                "fail",
                new FuncType(List.of(), List.of()),
                (caller, args) -> {
                  throw new IllegalStateException("boom");
                });
    Module module =
        Module.fromText(
            """
            (module (import "env" "fail" (func $fail))
              (func (export "f") (call $fail)))""");
    Instance instance = linker.instantiate(new Store(), module);
    TrapException trap = assertThrows(TrapException.class, () -> instance.function("f").call());
    assertInstanceOf(IllegalStateException.class, trap.getCause());
  }

  @Test
  void hostFunctionsMayCallBackIntoWasm() {
    Function[] callback = new Function[1];
    Linker linker =
        new Linker()
            .function("env", "again", I32_TO_I32, (caller, args) -> callback[0].call(args[0]));
    Module module =
        Module.fromText(
            """
            (module (import "env" "again" (func $again (param i32) (result i32)))
              (func $f (export "f") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0))
                  (then (i32.const 100))
                  (else (i32.add (i32.const 1) (call $again (i32.sub (local.get 0) (i32.const 1))))))))""");
    Instance instance = linker.instantiate(new Store(), module);
    callback[0] = instance.function("f");
    assertArrayEquals(new Value[] {Value.i32(105)}, callback[0].call(Value.i32(5)));
  }

  @Test
  void callersSeeTheCallingInstancesMemory() {
    byte[][] seen = new byte[1][];
    Linker linker =
        new Linker()
            .function(
                "env",
                "print",
                new FuncType(List.of(ValType.I32, ValType.I32), List.of()),
                (caller, args) -> {
                  int ptr = ((Value.I32) args[0]).value();
                  int len = ((Value.I32) args[1]).value();
                  seen[0] = caller.memory().read(ptr, len);
                  return new Value[0];
                });
    Module module =
        Module.fromText(
            """
            (module (import "env" "print" (func $print (param i32 i32)))
              (memory (export "memory") 1)
              (data (i32.const 16) "hello")
              (func (export "f") (call $print (i32.const 16) (i32.const 5))))""");
    Instance instance = linker.instantiate(new Store(), module);
    instance.function("f").call();
    assertEquals("hello", new String(seen[0], java.nio.charset.StandardCharsets.US_ASCII));
  }

  @Test
  void memoriesGlobalsAndTablesAreReachableFromJava() {
    Instance instance =
        instantiate(
            """
            (module
              (memory (export "mem") 1 3)
              (global (export "counter") (mut i64) (i64.const 5))
              (global (export "fixed") i32 (i32.const 1))
              (table (export "table") 2 funcref)
              (func (export "load") (param i32) (result i32) (i32.load (local.get 0)))
              (func (export "bump") (global.set 0 (i64.add (global.get 0) (i64.const 1)))))""");
    Memory memory = instance.memory("mem");
    memory.writeInt(100, 0x12345678);
    assertArrayEquals(
        new Value[] {Value.i32(0x12345678)}, instance.function("load").call(Value.i32(100)));
    assertEquals(1, memory.grow(2));
    assertEquals(-1, memory.grow(1));
    assertEquals(3 * MemoryType.PAGE_SIZE, memory.byteSize());

    Global counter = instance.global("counter");
    instance.function("bump").call();
    assertEquals(Value.i64(6), counter.get());
    counter.set(Value.i64(41));
    instance.function("bump").call();
    assertEquals(Value.i64(42), counter.get());
    assertThrows(IllegalStateException.class, () -> instance.global("fixed").set(Value.i32(2)));

    Table table = instance.table("table");
    assertEquals(2, table.size());
    table.set(0, new Value.FuncRef(instance.function("bump")));
    assertEquals(new Value.FuncRef(instance.function("bump")), table.get(0));
  }

  @Test
  void importsAreCheckedByKindAndType() {
    Module module =
        Module.fromText("(module (import \"env\" \"f\" (func (param i32) (result i32))))");
    UnlinkableException missing =
        assertThrows(
            UnlinkableException.class, () -> new Linker().instantiate(new Store(), module));
    assertTrue(missing.getMessage().contains("unknown import"), missing.getMessage());
    Linker wrongType =
        new Linker()
            .function("env", "f", new FuncType(List.of(), List.of()), (c, a) -> new Value[0]);
    UnlinkableException incompatible =
        assertThrows(UnlinkableException.class, () -> wrongType.instantiate(new Store(), module));
    assertTrue(incompatible.getMessage().contains("incompatible import type"));
  }

  @Test
  void argumentsMustMatchTheFunctionType() {
    Function f = instantiate("(module (func (export \"f\") (param i32)))").function("f");
    assertThrows(IllegalArgumentException.class, () -> f.call());
    assertThrows(IllegalArgumentException.class, () -> f.call(Value.i64(1)));
  }

  @Test
  void storesLimitMemoryGrowth() {
    Module module = Module.fromText("(module (memory (export \"m\") 1))");
    Instance instance = new Linker().instantiate(Store.builder().maxMemoryPages(2).build(), module);
    assertEquals(1, instance.memory("m").grow(1));
    assertEquals(-1, instance.memory("m").grow(1));
  }

  @Test
  void modulesAreReadFromBinaryOrTextFiles(@TempDir Path dir) throws Exception {
    String wat = "(module (func (export \"answer\") (result i32) (i32.const 42)))";
    Path text = Files.writeString(dir.resolve("a.wat"), wat);
    Path binary = Files.write(dir.resolve("a.wasm"), dev.patina.wasm.text.Wat.toBinary(wat));
    for (Path p : List.of(text, binary)) {
      Instance instance = new Linker().instantiate(new Store(), Module.read(p));
      assertArrayEquals(new Value[] {Value.i32(42)}, instance.function("answer").call());
    }
  }

  @Test
  void badModulesGetTheSpecificationsCategories() {
    assertThrows(MalformedException.class, () -> Module.fromBinary(new byte[] {0, 'a', 's'}));
    assertThrows(MalformedException.class, () -> Module.fromText("(module (func (i32.bogus)))"));
    assertThrows(
        InvalidException.class,
        () -> Module.fromText("(module (func (result i32) (i64.const 0)))"));
  }
}
