package dev.patina.wasm.internal.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Representative assertions from the spec test suite's SIMD scripts (WebAssembly/spec, test/core/
 * simd, Apache-2.0), kept here in their own syntax so that they run without the suite: each group
 * names the file it comes from. {@link SpecSuiteTest} runs the complete files when present.
 */
class SimdSpecCasesTest {
  private static void run(String wast, int expectedAssertions) {
    SpecScript script = new SpecScript();
    script.run(Sexpr.parseAll(wast));
    assertTrue(script.failures.isEmpty(), () -> String.join("\n", script.failures));
    assertEquals(0, script.skipped, "skipped assertions");
    assertEquals(expectedAssertions, script.passed);
  }

  @Test
  void q15mulrSaturates() { // simd_i16x8_q15mulr_sat_s.wast
    run(
        """
        (module
          (func (export "i16x8.q15mulr_sat_s") (param v128 v128) (result v128)
            (i16x8.q15mulr_sat_s (local.get 0) (local.get 1))))
        (assert_return (invoke "i16x8.q15mulr_sat_s"
                         (v128.const i16x8 16383 16383 16383 16383 16383 16383 16383 16383)
                         (v128.const i16x8 16384 16384 16384 16384 16384 16384 16384 16384))
                       (v128.const i16x8 8192 8192 8192 8192 8192 8192 8192 8192))
        (assert_return (invoke "i16x8.q15mulr_sat_s"
                         (v128.const i16x8 -32768 -32768 -32768 -32768 -32768 -32768 -32768 -32768)
                         (v128.const i16x8 -32768 -32768 -32768 -32768 -32768 -32768 -32768 -32768))
                       (v128.const i16x8 32767 32767 32767 32767 32767 32767 32767 32767))
        (assert_return (invoke "i16x8.q15mulr_sat_s"
                         (v128.const i16x8 -32768 -32768 -32768 -32768 -32768 -32768 -32768 -32768)
                         (v128.const i16x8 -1 -1 -1 -1 -1 -1 -1 -1))
                       (v128.const i16x8 1 1 1 1 1 1 1 1))
        """,
        3);
  }

  @Test
  void roundingTiesToEvenAndNaNs() { // simd_f32x4_rounding.wast, simd_f64x2_rounding.wast
    run(
        """
        (module
          (func (export "f32x4.nearest") (param v128) (result v128) (f32x4.nearest (local.get 0)))
          (func (export "f32x4.ceil") (param v128) (result v128) (f32x4.ceil (local.get 0)))
          (func (export "f64x2.trunc") (param v128) (result v128) (f64x2.trunc (local.get 0))))
        (assert_return (invoke "f32x4.nearest" (v128.const f32x4 0x1p-1 -0x1p-1 0x1.8p+0 0x1.4p+1))
                       (v128.const f32x4 0x0p+0 -0x0p+0 0x1p+1 0x1p+1))
        (assert_return (invoke "f32x4.nearest" (v128.const f32x4 nan -nan nan:0x200000 -nan:0x200000))
                       (v128.const f32x4 nan:canonical nan:canonical nan:arithmetic nan:arithmetic))
        (assert_return (invoke "f32x4.ceil" (v128.const f32x4 -0x1p-1 0x1p-149 -0x1.fffffep+127 inf))
                       (v128.const f32x4 -0x0p+0 0x1p+0 -0x1.fffffep+127 inf))
        (assert_return (invoke "f64x2.trunc" (v128.const f64x2 -0x1.921fb54442d18p+2 nan:0x4000000000000))
                       (v128.const f64x2 -0x1.8p+2 nan:arithmetic))
        """,
        4);
  }

  @Test
  void arithmeticNaNRules() { // simd_f32x4_arith.wast, simd_f64x2.wast, simd_f32x4_pmin_pmax.wast
    run(
        """
        (module
          (func (export "f32x4.add") (param v128 v128) (result v128) (f32x4.add (local.get 0) (local.get 1)))
          (func (export "f32x4.div") (param v128 v128) (result v128) (f32x4.div (local.get 0) (local.get 1)))
          (func (export "f32x4.min") (param v128 v128) (result v128) (f32x4.min (local.get 0) (local.get 1)))
          (func (export "f64x2.max") (param v128 v128) (result v128) (f64x2.max (local.get 0) (local.get 1)))
          (func (export "f32x4.pmin") (param v128 v128) (result v128) (f32x4.pmin (local.get 0) (local.get 1)))
          (func (export "f32x4.sqrt") (param v128) (result v128) (f32x4.sqrt (local.get 0))))
        (assert_return (invoke "f32x4.add" (v128.const f32x4 nan -nan nan:0x200000 inf)
                                           (v128.const f32x4 0x1p+0 0x0p+0 0x1p+0 -inf))
                       (v128.const f32x4 nan:canonical nan:canonical nan:arithmetic nan:canonical))
        (assert_return (invoke "f32x4.div" (v128.const f32x4 0x0p+0 -0x1p+0 0x1p+0 0x1p-149)
                                           (v128.const f32x4 0x0p+0 0x0p+0 -0x0p+0 0x1p+1))
                       (v128.const f32x4 nan:canonical -inf -inf 0x0p+0))
        (assert_return (invoke "f32x4.min" (v128.const f32x4 0x0p+0 -0x0p+0 nan 0x1p+0)
                                           (v128.const f32x4 -0x0p+0 0x0p+0 0x1p+0 nan:0x200000))
                       (v128.const f32x4 -0x0p+0 -0x0p+0 nan:canonical nan:arithmetic))
        (assert_return (invoke "f64x2.max" (v128.const f64x2 -0x0p+0 -0x0p+0)
                                           (v128.const f64x2 0x0p+0 -0x0p+0))
                       (v128.const f64x2 0x0p+0 -0x0p+0))
        (assert_return (invoke "f32x4.pmin" (v128.const f32x4 nan:0x200000 0x1p+0 -0x0p+0 0x0p+0)
                                            (v128.const f32x4 0x1p+0 nan 0x0p+0 -0x0p+0))
                       (v128.const f32x4 nan:0x200000 0x1p+0 -0x0p+0 0x0p+0))
        (assert_return (invoke "f32x4.sqrt" (v128.const f32x4 -0x1p+0 -0x0p+0 0x1p+2 nan:0x200000))
                       (v128.const f32x4 nan:canonical -0x0p+0 0x1p+1 nan:arithmetic))
        """,
        6);
  }

  @Test
  void conversions() { // simd_conversions.wast, simd_i32x4_trunc_sat_f64x2.wast
    run(
        """
        (module
          (func (export "f32x4.demote_f64x2_zero") (param v128) (result v128) (f32x4.demote_f64x2_zero (local.get 0)))
          (func (export "f64x2.promote_low_f32x4") (param v128) (result v128) (f64x2.promote_low_f32x4 (local.get 0)))
          (func (export "f32x4.convert_i32x4_u") (param v128) (result v128) (f32x4.convert_i32x4_u (local.get 0)))
          (func (export "f64x2.convert_low_i32x4_u") (param v128) (result v128) (f64x2.convert_low_i32x4_u (local.get 0)))
          (func (export "i32x4.trunc_sat_f64x2_s_zero") (param v128) (result v128) (i32x4.trunc_sat_f64x2_s_zero (local.get 0)))
          (func (export "i32x4.trunc_sat_f32x4_u") (param v128) (result v128) (i32x4.trunc_sat_f32x4_u (local.get 0)))
          (func (export "i8x16.narrow_i16x8_s") (param v128 v128) (result v128) (i8x16.narrow_i16x8_s (local.get 0) (local.get 1)))
          (func (export "i16x8.narrow_i32x4_u") (param v128 v128) (result v128) (i16x8.narrow_i32x4_u (local.get 0) (local.get 1))))
        (assert_return (invoke "f32x4.demote_f64x2_zero" (v128.const f64x2 0x1.fffffefffffffp+127 nan:0x4000000000000))
                       (v128.const f32x4 0x1.fffffep+127 nan:arithmetic 0 0))
        (assert_return (invoke "f32x4.demote_f64x2_zero" (v128.const f64x2 0x1.ffffffp+127 -nan))
                       (v128.const f32x4 inf nan:canonical 0 0))
        (assert_return (invoke "f64x2.promote_low_f32x4" (v128.const f32x4 0x1p-149 nan:0x200000 0 0))
                       (v128.const f64x2 0x1p-149 nan:arithmetic))
        (assert_return (invoke "f32x4.convert_i32x4_u" (v128.const i32x4 -1 0x7fffffff 0x80000080 0x80000081))
                       (v128.const f32x4 4294967296.0 2147483648.0 2147483648.0 2147483904.0))
        (assert_return (invoke "f64x2.convert_low_i32x4_u" (v128.const i32x4 -1 0x80000000 7 7))
                       (v128.const f64x2 4294967295.0 2147483648.0))
        (assert_return (invoke "i32x4.trunc_sat_f64x2_s_zero" (v128.const f64x2 -2147483648.9 nan))
                       (v128.const i32x4 -2147483648 0 0 0))
        (assert_return (invoke "i32x4.trunc_sat_f32x4_u" (v128.const f32x4 -0x1p+0 4294967296.0 0x1.fffffep+31 -nan))
                       (v128.const i32x4 0 0xffffffff 0xffffff00 0))
        (assert_return (invoke "i8x16.narrow_i16x8_s" (v128.const i16x8 128 -129 127 -128 0x7fff 0x8000 1 -1)
                                                      (v128.const i16x8 0 0 0 0 0 0 0 300))
                       (v128.const i8x16 127 -128 127 -128 127 -128 1 -1 0 0 0 0 0 0 0 127))
        (assert_return (invoke "i16x8.narrow_i32x4_u" (v128.const i32x4 65536 -1 65535 32768)
                                                      (v128.const i32x4 0 1 0x80000000 0x7fffffff))
                       (v128.const i16x8 65535 0 65535 32768 0 1 0 65535))
        """,
        9);
  }

  @Test
  void lanes() { // simd_lane.wast
    run(
        """
        (module
          (func (export "i8x16_extract_lane_s-last") (param v128) (result i32) (i8x16.extract_lane_s 15 (local.get 0)))
          (func (export "i16x8_extract_lane_u-last") (param v128) (result i32) (i16x8.extract_lane_u 7 (local.get 0)))
          (func (export "f32x4_replace_lane-first") (param v128 f32) (result v128) (f32x4.replace_lane 0 (local.get 0) (local.get 1)))
          (func (export "i64x2_replace_lane-last") (param v128 i64) (result v128) (i64x2.replace_lane 1 (local.get 0) (local.get 1)))
          (func (export "f64x2_extract_lane-last") (param v128) (result f64) (f64x2.extract_lane 1 (local.get 0)))
          (func (export "v8x16_swizzle") (param v128 v128) (result v128) (i8x16.swizzle (local.get 0) (local.get 1)))
          (func (export "v8x16_shuffle-1") (param v128 v128) (result v128)
            (i8x16.shuffle 31 30 29 28 27 26 25 24 23 22 21 20 19 18 17 16 (local.get 0) (local.get 1))))
        (assert_return (invoke "i8x16_extract_lane_s-last" (v128.const i8x16 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0x80)) (i32.const -128))
        (assert_return (invoke "i16x8_extract_lane_u-last" (v128.const i16x8 0 0 0 0 0 0 0 -32768)) (i32.const 32768))
        (assert_return (invoke "f32x4_replace_lane-first" (v128.const f32x4 0 0 0 0) (f32.const nan:0x200000))
                       (v128.const f32x4 nan:0x200000 0 0 0))
        (assert_return (invoke "i64x2_replace_lane-last" (v128.const i64x2 1 1) (i64.const -9223372036854775808))
                       (v128.const i64x2 1 0x8000000000000000))
        (assert_return (invoke "f64x2_extract_lane-last" (v128.const f64x2 0 -nan:0x4000000000000)) (f64.const -nan:0x4000000000000))
        (assert_return (invoke "v8x16_swizzle"
                         (v128.const i8x16 0x64 0x65 0x66 0x67 0x68 0x69 0x6a 0x6b 0x6c 0x6d 0x6e 0x6f 0x70 0x71 0x72 0x73)
                         (v128.const i8x16 -1 1 -2 2 -3 3 -4 4 -5 5 -6 6 -7 7 -8 8))
                       (v128.const i8x16 0x00 0x65 0x00 0x66 0x00 0x67 0x00 0x68 0x00 0x69 0x00 0x6a 0x00 0x6b 0x00 0x6c))
        (assert_return (invoke "v8x16_swizzle"
                         (v128.const i8x16 0x64 0x65 0x66 0x67 0x68 0x69 0x6a 0x6b 0x6c 0x6d 0x6e 0x6f 0x70 0x71 0x72 0x73)
                         (v128.const i8x16 9 16 10 17 11 18 12 19 13 20 14 21 15 22 16 23))
                       (v128.const i8x16 0x6d 0x00 0x6e 0x00 0x6f 0x00 0x70 0x00 0x71 0x00 0x72 0x00 0x73 0x00 0x00 0x00))
        (assert_return (invoke "v8x16_shuffle-1"
                         (v128.const i8x16 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15)
                         (v128.const i8x16 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30 31))
                       (v128.const i8x16 31 30 29 28 27 26 25 24 23 22 21 20 19 18 17 16))
        """,
        8);
  }

  @Test
  void integerLanes() { // simd_i8x16_arith2.wast, simd_bit_shift.wast, simd_boolean.wast,
    // simd_i32x4_dot_i16x8.wast ...
    run(
        """
        (module
          (func (export "i8x16.popcnt") (param v128) (result v128) (i8x16.popcnt (local.get 0)))
          (func (export "i8x16.avgr_u") (param v128 v128) (result v128) (i8x16.avgr_u (local.get 0) (local.get 1)))
          (func (export "i8x16.abs") (param v128) (result v128) (i8x16.abs (local.get 0)))
          (func (export "i8x16.shr_s") (param v128 i32) (result v128) (i8x16.shr_s (local.get 0) (local.get 1)))
          (func (export "i64x2.shl") (param v128 i32) (result v128) (i64x2.shl (local.get 0) (local.get 1)))
          (func (export "i16x8.bitmask") (param v128) (result i32) (i16x8.bitmask (local.get 0)))
          (func (export "i32x4.all_true") (param v128) (result i32) (i32x4.all_true (local.get 0)))
          (func (export "i32x4.dot_i16x8_s") (param v128 v128) (result v128) (i32x4.dot_i16x8_s (local.get 0) (local.get 1)))
          (func (export "i16x8.extadd_pairwise_i8x16_u") (param v128) (result v128) (i16x8.extadd_pairwise_i8x16_u (local.get 0)))
          (func (export "i64x2.extmul_high_i32x4_s") (param v128 v128) (result v128) (i64x2.extmul_high_i32x4_s (local.get 0) (local.get 1)))
          (func (export "i8x16.sub_sat_s") (param v128 v128) (result v128) (i8x16.sub_sat_s (local.get 0) (local.get 1)))
          (func (export "i16x8.add_sat_u") (param v128 v128) (result v128) (i16x8.add_sat_u (local.get 0) (local.get 1))))
        (assert_return (invoke "i8x16.popcnt" (v128.const i8x16 0 1 3 7 15 31 63 127 255 0x55 0xaa 0x80 0x81 0xf0 0x0f 0x18))
                       (v128.const i8x16 0 1 2 3 4 5 6 7 8 4 4 1 2 4 4 2))
        (assert_return (invoke "i8x16.avgr_u" (v128.const i8x16 0 255 255 1 2 3 4 5 6 7 8 9 10 11 12 13)
                                              (v128.const i8x16 0 255 0 2 2 2 2 2 2 2 2 2 2 2 2 2))
                       (v128.const i8x16 0 255 128 2 2 3 3 4 4 5 5 6 6 7 7 8))
        (assert_return (invoke "i8x16.abs" (v128.const i8x16 -128 -127 -1 0 1 127 -128 -127 -1 0 1 127 -128 -127 -1 0))
                       (v128.const i8x16 -128 127 1 0 1 127 -128 127 1 0 1 127 -128 127 1 0))
        (assert_return (invoke "i8x16.shr_s" (v128.const i8x16 -128 -1 0 1 2 3 4 5 6 7 8 9 10 11 12 0x7f) (i32.const 9))
                       (v128.const i8x16 -64 -1 0 0 1 1 2 2 3 3 4 4 5 5 6 0x3f))
        (assert_return (invoke "i64x2.shl" (v128.const i64x2 1 0x8000000000000001) (i32.const 65))
                       (v128.const i64x2 2 2))
        (assert_return (invoke "i16x8.bitmask" (v128.const i16x8 -1 0 1 -32768 0x7fff -2 0 -1)) (i32.const 0xa9))
        (assert_return (invoke "i32x4.all_true" (v128.const i32x4 1 1 0x10000 -1)) (i32.const 1))
        (assert_return (invoke "i32x4.all_true" (v128.const i32x4 1 1 1 0)) (i32.const 0))
        (assert_return (invoke "i32x4.dot_i16x8_s" (v128.const i16x8 -32768 -32768 1 2 32767 32767 -1 0)
                                                   (v128.const i16x8 -32768 -32768 3 4 32767 32767 1 0))
                       (v128.const i32x4 -2147483648 11 2147352578 -1))
        (assert_return (invoke "i16x8.extadd_pairwise_i8x16_u" (v128.const i8x16 255 255 1 2 128 128 0 255 1 1 1 1 1 1 1 1))
                       (v128.const i16x8 510 3 256 255 2 2 2 2))
        (assert_return (invoke "i64x2.extmul_high_i32x4_s" (v128.const i32x4 0 0 -2147483648 -1)
                                                          (v128.const i32x4 0 0 -2147483648 0x7fffffff))
                       (v128.const i64x2 0x4000000000000000 -2147483647))
        (assert_return (invoke "i8x16.sub_sat_s" (v128.const i8x16 -128 127 0 -1 1 2 3 4 5 6 7 8 9 10 11 12)
                                                 (v128.const i8x16 1 -1 -128 127 0 0 0 0 0 0 0 0 0 0 0 0))
                       (v128.const i8x16 -128 127 127 -128 1 2 3 4 5 6 7 8 9 10 11 12))
        (assert_return (invoke "i16x8.add_sat_u" (v128.const i16x8 65535 32768 1 0 0 0 0 0)
                                                 (v128.const i16x8 1 32768 65534 0 0 0 0 0))
                       (v128.const i16x8 65535 65535 65535 0 0 0 0 0))
        """,
        13);
  }
}
