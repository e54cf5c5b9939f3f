package dev.patina.wasm.internal.interp;

import dev.patina.wasm.binary.Opcode;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every non-memory SIMD instruction against the lane-array reference model ({@link SimdModel}), on
 * inputs rich in edge values ({@link SpecialValues}), with random frame layouts and aliasing
 * ({@link SimdHarness}). A deterministic sweep runs every instruction; jqwik properties per lane
 * family add fresh random cases on every run.
 */
class SimdModelTest {
  private static final int CASES_PER_INSTRUCTION = 400;

  @TestFactory
  Stream<DynamicTest> everyInstructionMatchesTheModel() {
    return SimdHarness.instructions().stream()
        .map(
            op ->
                DynamicTest.dynamicTest(
                    op.text(),
                    () -> {
                      Random r = new Random(op.ordinal());
                      for (int i = 0; i < CASES_PER_INSTRUCTION; i++) {
                        SimdHarness.check(op, SimdHarness.normalize(op, SpecialValues.input(r)), r);
                      }
                    }));
  }

  @Property(tries = 1500)
  void i8x16(@ForAll("i8x16Ops") Opcode op, @ForAll("inputs") SimdInput in, @ForAll long layout) {
    SimdHarness.check(op, SimdHarness.normalize(op, in), new Random(layout));
  }

  @Property(tries = 1500)
  void i16x8(@ForAll("i16x8Ops") Opcode op, @ForAll("inputs") SimdInput in, @ForAll long layout) {
    SimdHarness.check(op, SimdHarness.normalize(op, in), new Random(layout));
  }

  @Property(tries = 1500)
  void i32x4(@ForAll("i32x4Ops") Opcode op, @ForAll("inputs") SimdInput in, @ForAll long layout) {
    SimdHarness.check(op, SimdHarness.normalize(op, in), new Random(layout));
  }

  @Property(tries = 1000)
  void i64x2(@ForAll("i64x2Ops") Opcode op, @ForAll("inputs") SimdInput in, @ForAll long layout) {
    SimdHarness.check(op, SimdHarness.normalize(op, in), new Random(layout));
  }

  @Property(tries = 1500)
  void f32x4(@ForAll("f32x4Ops") Opcode op, @ForAll("inputs") SimdInput in, @ForAll long layout) {
    SimdHarness.check(op, SimdHarness.normalize(op, in), new Random(layout));
  }

  @Property(tries = 1500)
  void f64x2(@ForAll("f64x2Ops") Opcode op, @ForAll("inputs") SimdInput in, @ForAll long layout) {
    SimdHarness.check(op, SimdHarness.normalize(op, in), new Random(layout));
  }

  @Property(tries = 1000)
  void v128(@ForAll("v128Ops") Opcode op, @ForAll("inputs") SimdInput in, @ForAll long layout) {
    SimdHarness.check(op, SimdHarness.normalize(op, in), new Random(layout));
  }

  @Provide
  Arbitrary<SimdInput> inputs() {
    return SpecialValues.inputs();
  }

  @Provide
  Arbitrary<Opcode> i8x16Ops() {
    return family("i8x16.");
  }

  @Provide
  Arbitrary<Opcode> i16x8Ops() {
    return family("i16x8.");
  }

  @Provide
  Arbitrary<Opcode> i32x4Ops() {
    return family("i32x4.");
  }

  @Provide
  Arbitrary<Opcode> i64x2Ops() {
    return family("i64x2.");
  }

  @Provide
  Arbitrary<Opcode> f32x4Ops() {
    return family("f32x4.");
  }

  @Provide
  Arbitrary<Opcode> f64x2Ops() {
    return family("f64x2.");
  }

  @Provide
  Arbitrary<Opcode> v128Ops() {
    return family("v128.");
  }

  /** The instructions whose name starts with the given shape, e.g. "i8x16.". */
  private static Arbitrary<Opcode> family(String prefix) {
    List<Opcode> ops =
        SimdHarness.instructions().stream().filter(o -> o.text().startsWith(prefix)).toList();
    return Arbitraries.of(ops);
  }
}
