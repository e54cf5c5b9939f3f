package dev.patina.wasm.wast;

/** The interpretations of a {@code v128} as lanes. */
public enum LaneShape {
  I8X16(16),
  I16X8(8),
  I32X4(4),
  I64X2(2),
  F32X4(4),
  F64X2(2);

  private final int lanes;

  LaneShape(int lanes) {
    this.lanes = lanes;
  }

  public int lanes() {
    return lanes;
  }

  /** The width of one lane in bits. */
  public int laneBits() {
    return 128 / lanes;
  }

  /** The shape written {@code name} in the text format ({@code "f32x4"}), or null. */
  public static LaneShape named(String name) {
    return switch (name) {
      case "i8x16" -> I8X16;
      case "i16x8" -> I16X8;
      case "i32x4" -> I32X4;
      case "i64x2" -> I64X2;
      case "f32x4" -> F32X4;
      case "f64x2" -> F64X2;
      default -> null;
    };
  }
}
