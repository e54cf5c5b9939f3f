package dev.patina.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each benchmark program, with a small argument, returns the same checksum on Patina and on
 * Chicory. Nothing here measures speed: that is the benchmarks' job.
 */
class DifferentialTest {
  @ParameterizedTest
  @EnumSource(Program.class)
  void patinaAndChicoryAgree(Program program) {
    byte[] wasm = program.wasm();
    int patina = Engine.Kind.PATINA.instantiate(wasm).run(program.testN());
    int chicory = Engine.Kind.CHICORY.instantiate(wasm).run(program.testN());
    assertEquals(chicory, patina, program.id());
    // The sort program returns 0 when its output is not sorted.
    assertNotEquals(0, patina, program.id());
  }

  @ParameterizedTest
  @EnumSource(Engine.Kind.class)
  void knownAnswers(Engine.Kind kind) {
    assertEquals(6765, kind.instantiate(Program.FIB.wasm()).run(20));
    assertEquals(1229, kind.instantiate(Program.SIEVE.wasm()).run(10_000));
  }

  @ParameterizedTest
  @EnumSource(Engine.Kind.class)
  void repeatedCallsGiveTheSameChecksum(Engine.Kind kind) {
    for (Program program : Program.values()) {
      Engine engine = kind.instantiate(program.wasm());
      assertEquals(engine.run(program.testN()), engine.run(program.testN()), program.id());
    }
  }
}
