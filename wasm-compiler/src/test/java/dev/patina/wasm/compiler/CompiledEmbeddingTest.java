package dev.patina.wasm.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.wasm.ExhaustionException;
import dev.patina.wasm.FuncType;
import dev.patina.wasm.Function;
import dev.patina.wasm.Instance;
import dev.patina.wasm.Linker;
import dev.patina.wasm.Module;
import dev.patina.wasm.Store;
import dev.patina.wasm.TrapException;
import dev.patina.wasm.ValType;
import dev.patina.wasm.Value;
import dev.patina.wasm.WasmFrame;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What embedders see of compiled code: the same traps, limits and controls as interpreted. */
class CompiledEmbeddingTest {
  private static final FuncType I32_TO_I32 =
      new FuncType(List.of(ValType.I32), List.of(ValType.I32));

  private static Module compiled(String wat) {
    return Module.fromText(wat, WasmCompiler.backend());
  }

  private static Instance instantiate(String wat) {
    return new Linker().instantiate(new Store(), compiled(wat));
  }

  @Test
  void trapsCarryTheInterpretersBacktrace() {
    String wat =
        """
        (module $m
          (func $inner (param i32) (result i32) (i32.div_u (i32.const 1) (local.get 0)))
          (func $outer (export "outer") (param i32) (result i32) (call $inner (local.get 0))))""";
    TrapException compiled =
        assertThrows(
            TrapException.class, () -> instantiate(wat).function("outer").call(Value.i32(0)));
    TrapException interpreted =
        assertThrows(
            TrapException.class,
            () ->
                new Linker()
                    .instantiate(new Store(), Module.fromText(wat))
                    .function("outer")
                    .call(Value.i32(0)));
    assertEquals("integer divide by zero", compiled.reason());
    assertEquals(interpreted.backtrace(), compiled.backtrace());
    assertEquals(
        List.of("inner", "outer"),
        compiled.backtrace().stream().map(WasmFrame::functionName).toList());
  }

  @Test
  void deepRecursionIsExhaustionAndTheThreadRecovers() {
    Function down =
        instantiate(
                """
                (module
                  (func $down (export "down") (param i32) (result i32)
                    (if (result i32) (i32.eqz (local.get 0))
                      (then (i32.const 0))
                      (else (i32.add (i32.const 1)
                        (call $down (i32.sub (local.get 0) (i32.const 1))))))))""")
            .function("down");
    ExhaustionException e =
        assertThrows(ExhaustionException.class, () -> down.call(Value.i32(Integer.MAX_VALUE)));
    assertEquals("call stack exhausted", e.reason());
    assertArrayEquals(new Value[] {Value.i32(10_000)}, down.call(Value.i32(10_000)));
  }

  @Test
  void hostFunctionsMayFailOrCallBackIntoCompiledCode() {
    Function[] callback = new Function[1];
    Linker linker =
        new Linker()
            .function("env", "again", I32_TO_I32, (caller, args) -> callback[0].call(args[0]))
            .function(
                "env",
                "fail",
                new FuncType(List.of(), List.of()),
                (caller, args) -> {
                  throw new IllegalStateException("boom");
                });
    Module module =
        compiled(
            """
            (module (import "env" "again" (func $again (param i32) (result i32)))
              (import "env" "fail" (func $fail))
              (func (export "crash") (call $fail))
              (func $f (export "f") (param i32) (result i32)
                (if (result i32) (i32.eqz (local.get 0))
                  (then (i32.const 100))
                  (else (i32.add (i32.const 1) (call $again (i32.sub (local.get 0) (i32.const 1))))))))""");
    Instance instance = linker.instantiate(new Store(), module);
    callback[0] = instance.function("f");
    assertArrayEquals(new Value[] {Value.i32(105)}, callback[0].call(Value.i32(5)));
    TrapException trap = assertThrows(TrapException.class, () -> instance.function("crash").call());
    assertInstanceOf(IllegalStateException.class, trap.getCause());
  }

  private static final String LOOPS =
      """
      (module
        (func (export "spin") (loop $l (br $l)))
        (func $count (export "count") (param $n i32) (result i32) (local $i i32)
          (block $done
            (loop $l
              (br_if $done (i32.ge_u (local.get $i) (local.get $n)))
              (local.set $i (i32.add (local.get $i) (i32.const 1)))
              (br $l)))
          (local.get $i))
        (func (export "deep") (param i32) (result i32)
          (if (result i32) (i32.eqz (local.get 0)) (then (i32.const 0))
            (else (call $deep_helper (local.get 0)))))
        (func $deep_helper (param i32) (result i32)
          (i32.add (i32.const 1) (call 2 (i32.sub (local.get 0) (i32.const 1))))))
      """;

  @Test
  void fuelIsChargedExactlyAsTheInterpreterCharges() {
    Store compiledStore = Store.builder().fuel(1_000_000).build();
    Store interpretedStore = Store.builder().fuel(1_000_000).build();
    new Linker()
        .instantiate(compiledStore, compiled(LOOPS))
        .function("count")
        .call(Value.i32(1000));
    new Linker()
        .instantiate(interpretedStore, Module.fromText(LOOPS))
        .function("count")
        .call(Value.i32(1000));
    assertEquals(interpretedStore.fuel(), compiledStore.fuel());
    Instance instance = new Linker().instantiate(compiledStore, compiled(LOOPS));
    TrapException trap = assertThrows(TrapException.class, () -> instance.function("spin").call());
    assertEquals("all fuel consumed", trap.reason());
    assertEquals(0, compiledStore.fuel());
  }

  @Test
  void interruptStopsACompiledInfiniteLoop() throws Exception {
    Store store = Store.builder().interruptible(true).build();
    Instance instance = new Linker().instantiate(store, compiled(LOOPS));
    CompletableFuture<Throwable> running =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                instance.function("spin").call();
                return null;
              } catch (Throwable t) {
                return t;
              }
            });
    Thread.sleep(200);
    store.interrupt();
    Throwable result = running.get(10, TimeUnit.SECONDS);
    assertTrue(result instanceof TrapException t && t.reason().equals("interrupted"), "" + result);
  }

  @Test
  void theCallDepthLimitIsTheInterpreters() {
    for (boolean compiled : new boolean[] {false, true}) {
      Store store = Store.builder().maxCallDepth(100).build();
      Module module = compiled ? compiled(LOOPS) : Module.fromText(LOOPS);
      Function deep = new Linker().instantiate(store, module).function("deep");
      assertArrayEquals(new Value[] {Value.i32(49)}, deep.call(Value.i32(49)), "" + compiled);
      assertThrows(ExhaustionException.class, () -> deep.call(Value.i32(50)), "" + compiled);
    }
  }

  @Test
  void theCallDepthLimitIsTheInterpretersThroughHostCallbacksAndTables() {
    // Every third level goes out to the host and back in, the others through call_indirect: the
    // depth a compiled function carries must match the interpreter's count at every crossing.
    String wat =
        """
        (module
          (import "env" "again" (func $again (param i32) (result i32)))
          (type $t (func (param i32) (result i32)))
          (table 1 funcref)
          (elem (i32.const 0) $down)
          (func $down (export "down") (param i32) (result i32)
            (if (result i32) (i32.eqz (local.get 0))
              (then (i32.const 0))
              (else
                (if (result i32) (i32.eqz (i32.rem_u (local.get 0) (i32.const 3)))
                  (then (i32.add (i32.const 1) (call $again (i32.sub (local.get 0) (i32.const 1)))))
                  (else (i32.add (i32.const 1)
                    (call_indirect (type $t) (i32.sub (local.get 0) (i32.const 1)) (i32.const 0)))))))))""";
    int[] deepest = new int[2];
    for (int mode = 0; mode < 2; mode++) {
      Function[] down = new Function[1];
      Linker linker =
          new Linker().function("env", "again", I32_TO_I32, (caller, args) -> down[0].call(args));
      Store store = Store.builder().maxCallDepth(60).build();
      Module module = mode == 1 ? compiled(wat) : Module.fromText(wat);
      down[0] = linker.instantiate(store, module).function("down");
      int n = 0;
      while (true) {
        int arg = n;
        try {
          assertArrayEquals(new Value[] {Value.i32(arg)}, down[0].call(Value.i32(arg)));
        } catch (ExhaustionException e) {
          assertEquals("call stack exhausted", e.reason());
          break;
        }
        n++;
      }
      deepest[mode] = n;
    }
    assertTrue(deepest[0] > 10, "interpreted depth " + deepest[0]);
    assertEquals(deepest[0], deepest[1], "first exhausted depth, interpreted vs compiled");
  }

  @Test
  void tablesMixInterpretedAndCompiledFunctions() {
    String provider =
        """
        (module
          (table (export "table") 2 funcref)
          (func $double (param i32) (result i32) (i32.mul (local.get 0) (i32.const 2)))
          (elem (i32.const 0) $double)
          (func (export "call") (param i32 i32) (result i32)
            (call_indirect (param i32) (result i32) (local.get 1) (local.get 0))))""";
    String user =
        """
        (module
          (import "p" "table" (table 2 funcref))
          (import "p" "call" (func $call (param i32 i32) (result i32)))
          (func $inc (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
          (elem (i32.const 1) $inc)
          (func (export "both") (param i32) (result i32)
            (i32.add
              (call_indirect (param i32) (result i32) (local.get 0) (i32.const 0))
              (call $call (i32.const 1) (local.get 0)))))""";
    for (boolean compiledProvider : new boolean[] {false, true}) {
      Linker linker = new Linker();
      Store store = new Store();
      Instance p =
          linker.instantiate(
              store, compiledProvider ? compiled(provider) : Module.fromText(provider));
      linker.instance("p", p);
      Instance u =
          linker.instantiate(store, compiledProvider ? Module.fromText(user) : compiled(user));
      // double(10) + inc(10)
      assertArrayEquals(new Value[] {Value.i32(31)}, u.function("both").call(Value.i32(10)));
    }
  }
}
