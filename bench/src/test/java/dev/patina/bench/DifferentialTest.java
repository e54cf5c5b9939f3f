package dev.patina.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each benchmark program, with a small argument, returns the same checksum on every engine. Nothing
 * here measures speed: that is the benchmarks' job.
 */
class DifferentialTest {
  @ParameterizedTest
  @EnumSource(value = Program.class, names = "SQLITE", mode = EnumSource.Mode.EXCLUDE)
  void patinaAndChicoryAgree(Program program) {
    byte[] wasm = program.wasm();
    int patina = Engine.Kind.PATINA.instantiate(wasm).run(program.testN());
    int chicory = Engine.Kind.CHICORY.instantiate(wasm).run(program.testN());
    assertEquals(chicory, patina, program.id());
    // The sort program returns 0 when its output is not sorted.
    assertNotEquals(0, patina, program.id());
  }

  @ParameterizedTest
  @EnumSource(value = Program.class, names = "SQLITE", mode = EnumSource.Mode.EXCLUDE)
  void compilersAgreeWithTheInterpreter(Program program) {
    byte[] wasm = program.wasm();
    int interpreter = Engine.Kind.PATINA.instantiate(wasm).run(program.testN());
    assertEquals(
        interpreter,
        Engine.Kind.PATINA_COMPILED.instantiate(wasm).run(program.testN()),
        program.id());
    assertEquals(
        interpreter,
        Engine.Kind.CHICORY_COMPILER.instantiate(wasm).run(program.testN()),
        program.id());
  }

  /** SQLite, when bench/programs/sqlite/build.sh has built it (not part of the Maven build). */
  @Test
  void sqliteAgrees() {
    assumeTrue(Program.SQLITE.available(), "run bench/programs/sqlite/build.sh first");
    byte[] wasm = Program.SQLITE.wasm();
    int n = Program.SQLITE.testN();
    int interpreter = Engine.Kind.PATINA.instantiate(wasm).run(n);
    assertNotEquals(-1, interpreter, "sqlite3_open failed");
    assertNotEquals(-2, interpreter, "a statement failed");
    assertEquals(interpreter, Engine.Kind.PATINA_COMPILED.instantiate(wasm).run(n));
    assertEquals(interpreter, Engine.Kind.CHICORY_COMPILER.instantiate(wasm).run(n));
  }

  @ParameterizedTest
  @EnumSource(value = Engine.Kind.class, names = "GRAALWASM", mode = EnumSource.Mode.EXCLUDE)
  void knownAnswers(Engine.Kind kind) {
    assertEquals(6765, kind.instantiate(Program.FIB.wasm()).run(20));
    assertEquals(1229, kind.instantiate(Program.SIEVE.wasm()).run(10_000));
  }

  /** GraalWasm runs interpreted here (no JVMCI): just the API and a small answer. */
  @Test
  void graalWasmKnownAnswers() {
    assertEquals(6765, Engine.Kind.GRAALWASM.instantiate(Program.FIB.wasm()).run(20));
  }

  @ParameterizedTest
  @EnumSource(value = Engine.Kind.class, names = "GRAALWASM", mode = EnumSource.Mode.EXCLUDE)
  void repeatedCallsGiveTheSameChecksum(Engine.Kind kind) {
    for (Program program : Program.values()) {
      if (program == Program.SQLITE) {
        continue;
      }
      Engine engine = kind.instantiate(program.wasm());
      assertEquals(engine.run(program.testN()), engine.run(program.testN()), program.id());
    }
  }
}
