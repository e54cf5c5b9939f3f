package dev.patina.wasm.text;

import dev.patina.wasm.text.Tokens.Kind;

/**
 * The immediate of {@code v128.const}: a shape ({@code i8x16} ... {@code f64x2}) and exactly as
 * many lane literals as the shape has lanes, encoded as 16 little-endian bytes.
 */
public final class V128Literal {
  private V128Literal() {}

  /** The number of lanes of a shape keyword, or 0 if the word is not a shape. */
  public static int laneCount(String shape) {
    return switch (shape) {
      case "i8x16" -> 16;
      case "i16x8" -> 8;
      case "i32x4", "f32x4" -> 4;
      case "i64x2", "f64x2" -> 2;
      default -> 0;
    };
  }

  /** Parses {@code shape lane*} at the cursor into 16 bytes. */
  public static byte[] parse(Cursor c) {
    if (!c.is(Kind.KEYWORD) || laneCount(c.text()) == 0) {
      throw c.unexpected();
    }
    String shape = c.text();
    int lanes = laneCount(shape);
    c.advance();
    int n = 0;
    while (CodeParser.isNumber(c.kind(n))) {
      n++;
    }
    if (n != lanes) {
      throw c.error("wrong number of lane literals");
    }
    byte[] out = new byte[16];
    int width = 16 / lanes;
    for (int i = 0; i < lanes; i++) {
      long bits =
          switch (shape) {
            case "f32x4" -> c.f32Literal() & 0xFFFFFFFFL;
            case "f64x2" -> c.f64Literal();
            default -> c.intLiteral(width * 8);
          };
      for (int b = 0; b < width; b++) {
        out[i * width + b] = (byte) (bits >>> (8 * b));
      }
    }
    return out;
  }
}
