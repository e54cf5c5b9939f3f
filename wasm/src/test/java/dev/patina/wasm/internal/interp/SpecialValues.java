package dev.patina.wasm.internal.interp;

import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/**
 * Operand values that exercise the edges of every lane shape: NaNs of every kind (canonical,
 * arithmetic with payload, signaling, both signs), infinities, signed zeros, subnormals, rounding
 * ties, the limits of every float-to-int conversion, and integer lane boundaries. Generators mix
 * them with uniformly random bits, per 32-bit word, so one v128 holds several kinds at once.
 */
final class SpecialValues {
  private SpecialValues() {}

  static final int[] F32 = {
    0x0000_0000,
    0x8000_0000, // +-0
    0x3F80_0000,
    0xBF80_0000,
    0x3F00_0000,
    0xBF00_0000, // +-1, +-0.5
    0x3FC0_0000,
    0x4020_0000,
    0xC020_0000,
    0x4060_0000, // 1.5, 2.5, -2.5, 3.5
    0x3F7F_FFFF,
    0xBF7F_FFFF, // just below +-1
    0x4B00_0000,
    0x4B00_0001,
    0xCB00_0001,
    0x4B80_0000, // 2^23, 2^23+1, -(2^23+1), 2^24
    0x4AFF_FFFF,
    0x3EFF_FFFF,
    0xBEFF_FFFF,
    0x3F00_0001, // 2^23-0.5, 0.49999997, its negation, 0.50000006
    0x7F7F_FFFF,
    0xFF7F_FFFF,
    0x0080_0000,
    0x8080_0000, // max, -max, min normal
    0x0000_0001,
    0x8000_0001,
    0x007F_FFFF, // subnormals
    0x7F80_0000,
    0xFF80_0000, // +-inf
    0x7FC0_0000,
    0xFFC0_0000, // canonical NaNs
    0x7FE0_0000,
    0xFFC0_0001,
    0x7FFF_FFFF, // arithmetic NaNs with payloads
    0x7FA0_0000,
    0x7F80_0001,
    0xFF80_0001,
    0xFFA0_0000, // signaling NaNs
    0x4F00_0000,
    0xCF00_0000,
    0x4EFF_FFFF,
    0xCF00_0001, // +-2^31, below 2^31, below -2^31
    0x4F80_0000,
    0x4F7F_FFFF, // 2^32, below 2^32
    0x5F00_0000,
    0xDF00_0000,
    0x5EFF_FFFF,
    0x5F80_0000,
    0x5F7F_FFFF, // 2^63, 2^64 neighbours
  };

  static final long[] F64 = {
    0x0000_0000_0000_0000L,
    0x8000_0000_0000_0000L,
    0x3FF0_0000_0000_0000L,
    0xBFF0_0000_0000_0000L, // +-1
    0x3FE0_0000_0000_0000L,
    0xBFE0_0000_0000_0000L, // +-0.5
    0x4004_0000_0000_0000L,
    0xC004_0000_0000_0000L, // +-2.5
    0x3FEF_FFFF_FFFF_FFFFL,
    0xBFEF_FFFF_FFFF_FFFFL, // just below +-1
    0x4330_0000_0000_0000L,
    0x4330_0000_0000_0001L,
    0x432F_FFFF_FFFF_FFFFL, // 2^52 and around
    0x3FDF_FFFF_FFFF_FFFFL, // 0.49999999999999994
    0x7FEF_FFFF_FFFF_FFFFL,
    0xFFEF_FFFF_FFFF_FFFFL,
    0x0010_0000_0000_0000L, // max, -max, min normal
    0x0000_0000_0000_0001L,
    0x8000_0000_0000_0001L, // subnormals
    0x7FF0_0000_0000_0000L,
    0xFFF0_0000_0000_0000L, // +-inf
    0x7FF8_0000_0000_0000L,
    0xFFF8_0000_0000_0000L, // canonical NaNs
    0x7FFC_0000_0000_0001L,
    0xFFF8_0000_0000_0001L, // arithmetic NaNs
    0x7FF0_0000_0000_0001L,
    0x7FF4_0000_0000_0000L,
    0xFFF4_0000_0000_0000L, // signaling NaNs
    0x41DF_FFFF_FFE0_0000L,
    0x41DF_FFFF_FFFF_FFFFL,
    0x41E0_0000_0000_0000L, // 2^31-1, ~2^31, 2^31
    0xC1E0_0000_0000_0000L,
    0xC1E0_0000_0010_0000L,
    0xC1E0_0000_0020_0000L, // -2^31, -.5, -1
    0x41EF_FFFF_FFE0_0000L,
    0x41EF_FFFF_FFFF_FFFFL,
    0x41F0_0000_0000_0000L, // 2^32-1, ~2^32
    0x43E0_0000_0000_0000L,
    0xC3E0_0000_0000_0000L,
    0x43DF_FFFF_FFFF_FFFFL, // +-2^63, below
    0x43F0_0000_0000_0000L,
    0x43EF_FFFF_FFFF_FFFFL, // 2^64, below
    0x47EF_FFFF_E000_0000L,
    0x47EF_FFFF_F000_0000L, // f32 max, the f32 overflow tie
    0x36A0_0000_0000_0000L,
    0x3690_0000_0000_0000L, // f32 min subnormal, half of it (tie)
    0x3FF0_0000_1000_0000L,
    0x3FF0_0000_3000_0000L, // f32 rounding ties to even
  };

  static final int[] I32 = {
    0,
    1,
    -1,
    2,
    Integer.MAX_VALUE,
    Integer.MIN_VALUE,
    Integer.MIN_VALUE + 1,
    0x7FFF,
    0x8000,
    -0x8000,
    -0x8001,
    0xFFFF,
    0x10000,
    0x7F,
    0x80,
    -0x80,
    -0x81,
    0xFF,
    0x100,
  };

  static final short[] I16 = {
    0, 1, -1, 0x7F, 0x80, -0x80, -0x81, 0xFF, 0x100, 0x4000, 0x7FFF, -0x8000, -0x7FFF, 0x7FFE
  };

  static final byte[] I8 = {0, 1, -1, 0x7F, -0x80, -0x7F, 0x7E, 0x40, 0x10, 0x0F};

  /** A 32-bit word: random, a special f32, an i32 boundary, or boundary bytes / halves. */
  static int word32(Random r) {
    return switch (r.nextInt(6)) {
      case 0, 1 -> r.nextInt();
      case 2 -> F32[r.nextInt(F32.length)];
      case 3 -> I32[r.nextInt(I32.length)];
      case 4 -> (I16[r.nextInt(I16.length)] & 0xFFFF) | I16[r.nextInt(I16.length)] << 16;
      default -> {
        int w = 0;
        for (int i = 0; i < 4; i++) {
          w |= (I8[r.nextInt(I8.length)] & 0xFF) << (8 * i);
        }
        yield w;
      }
    };
  }

  static long word64(Random r) {
    return switch (r.nextInt(4)) {
      case 0 -> r.nextLong();
      case 1 -> F64[r.nextInt(F64.length)];
      default -> (word32(r) & 0xFFFF_FFFFL) | (long) word32(r) << 32;
    };
  }

  static long[] v128(Random r) {
    return new long[] {word64(r), word64(r)};
  }

  static SimdInput input(Random r) {
    int[] imm = new int[16];
    for (int i = 0; i < 16; i++) {
      imm[i] = r.nextBoolean() ? r.nextInt(32) : word32(r);
    }
    // The scalar slot: a special low word under random high bits, or a special 64-bit value.
    long scalar = r.nextBoolean() ? (word32(r) & 0xFFFF_FFFFL) | r.nextLong() << 32 : word64(r);
    long[] b = v128(r);
    long[] a =
        switch (r.nextInt(8)) {
          case 0 -> b.clone(); // equal lanes
          case 1 -> new long[] {0, r.nextBoolean() ? 0 : word64(r)}; // zero lanes
          default -> v128(r);
        };
    return new SimdInput(a, b, v128(r), scalar, r.nextInt(16), imm);
  }

  /** The same distribution for jqwik (which then reports and replays failures by its seed). */
  static Arbitrary<SimdInput> inputs() {
    return Arbitraries.randomValue(SpecialValues::input);
  }
}
