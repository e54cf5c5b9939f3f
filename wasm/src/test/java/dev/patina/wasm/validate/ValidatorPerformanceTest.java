package dev.patina.wasm.validate;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.wasm.binary.ModuleBuilder;
import dev.patina.wasm.binary.ModuleDecoder;
import dev.patina.wasm.structure.WasmModule;
import org.junit.jupiter.api.Test;

/** A module of 10,000 functions must decode and validate quickly (milliseconds when warm). */
class ValidatorPerformanceTest {
  private static final int FUNCTIONS = 10_000;

  @Test
  void tenThousandFunctions() {
    ModuleBuilder b = ModuleBuilder.module().type(new int[] {0x7F}, 0x7F).memory(0, 1);
    for (int i = 0; i < FUNCTIONS; i++) {
      b.func(
          0, 1, 2, 0x7E, // two i64 locals
          0x02, 0x7F, // block (result i32)
          0x20, 0, 0x45, 0x04, 0x40, 0x41, 7, 0x0C, 1, 0x0B, // if eqz: br 1 with 7
          0x03, 0x40, // loop
          0x20, 1, 0x42, 1, 0x7C, 0x21, 1, // local1 += 1
          0x20, 1, 0x42, 10, 0x53, 0x0D, 0, // br_if 0 while < 10
          0x0B, 0x41, 0, 0x28, 2, 0, 0x20, 0, 0x6A, // load + param
          0x0B, 0x0B);
    }
    byte[] binary = b.build();
    long best = Long.MAX_VALUE;
    for (int round = 0; round < 5; round++) {
      long t0 = System.nanoTime();
      WasmModule m = ModuleDecoder.decode(binary);
      ModuleValidator.validate(m);
      best = Math.min(best, System.nanoTime() - t0);
    }
    long millis = best / 1_000_000;
    // Generous bound for a shared, loaded CI machine; typically a few milliseconds.
    assertTrue(millis < 1000, "decode+validate took " + millis + " ms");
    System.out.println("10,000 functions: decode+validate in " + millis + " ms");
  }
}
