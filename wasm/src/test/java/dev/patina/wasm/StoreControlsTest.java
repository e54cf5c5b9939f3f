package dev.patina.wasm;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Fuel, interruption and limits: what embedders use to keep untrusted code in check. */
class StoreControlsTest {
  private static final String LOOPS =
      """
      (module
        (memory (export "memory") 1)
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

  private static Instance instantiate(Store store) {
    return new Linker().instantiate(store, Module.fromText(LOOPS));
  }

  @Test
  void fuelIsDeterministicAndRunningOutTraps() {
    Store store = Store.builder().fuel(1_000_000).build();
    Instance instance = instantiate(store);
    assertArrayEquals(
        new Value[] {Value.i32(1000)}, instance.function("count").call(Value.i32(1000)));
    long used = 1_000_000 - store.fuel();
    assertTrue(used > 1000 && used < 20_000, "fuel used: " + used);

    Store again = Store.builder().fuel(1_000_000).build();
    instantiate(again).function("count").call(Value.i32(1000));
    assertEquals(store.fuel(), again.fuel(), "the same work costs the same fuel");

    TrapException trap = assertThrows(TrapException.class, () -> instance.function("spin").call());
    assertEquals("all fuel consumed", trap.reason());
    assertEquals(0, store.fuel());
    store.addFuel(100_000);
    assertArrayEquals(new Value[] {Value.i32(10)}, instance.function("count").call(Value.i32(10)));
  }

  @Test
  void interruptStopsAnInfiniteLoopFromAnotherThread() throws Exception {
    Store store = Store.builder().interruptible(true).build();
    Instance instance = instantiate(store);
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
    assertArrayEquals(new Value[] {Value.i32(5)}, instance.function("count").call(Value.i32(5)));
  }

  @Test
  void callDepthLimitIsATrap() {
    Store store = Store.builder().maxCallDepth(100).build();
    Instance instance = instantiate(store);
    assertArrayEquals(new Value[] {Value.i32(40)}, instance.function("deep").call(Value.i32(40)));
    assertThrows(ExhaustionException.class, () -> instance.function("deep").call(Value.i32(80)));
  }

  @Test
  void uncontrolledStoresRejectControls() {
    Store plain = new Store();
    assertEquals(-1, plain.fuel());
    assertThrows(IllegalStateException.class, plain::interrupt);
    assertThrows(IllegalStateException.class, () -> plain.addFuel(1));
  }
}
