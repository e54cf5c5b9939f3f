package dev.patina.cli.wasm;

import dev.patina.cli.ErrorReporter;
import dev.patina.cli.UserError;
import dev.patina.wasm.FuncType;
import dev.patina.wasm.ValType;
import dev.patina.wasm.Value;
import java.math.BigInteger;
import java.util.List;

/** Converts command-line arguments to Wasm values of a function's parameter types. */
final class ArgumentParser {
  private ArgumentParser() {}

  static Value[] parse(FuncType type, List<String> args) {
    List<ValType> params = type.params();
    if (args.size() != params.size()) {
      throw new UserError(
          "the function takes "
              + params.size()
              + " argument"
              + (params.size() == 1 ? "" : "s")
              + " "
              + type
              + ", got "
              + args.size(),
          ErrorReporter.USAGE_STATUS);
    }
    Value[] values = new Value[args.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = parse(params.get(i), args.get(i), i + 1);
    }
    return values;
  }

  static Value parse(ValType type, String text, int position) {
    try {
      return switch (type) {
        case I32 -> Value.i32((int) integer(text, 32));
        case I64 -> Value.i64(integer(text, 64));
        case F32 -> Value.f32((float) floating(text));
        case F64 -> Value.f64(floating(text));
        default -> throw new NumberFormatException("values of type " + type + " cannot be given");
      };
    } catch (NumberFormatException e) {
      throw new UserError(
          "argument "
              + position
              + " \""
              + text
              + "\" is not a valid "
              + type
              + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          ErrorReporter.USAGE_STATUS);
    }
  }

  /** A signed or unsigned integer of {@code bits} bits, decimal or 0x-hex, as its bit pattern. */
  private static long integer(String text, int bits) {
    String t = text.replace("_", "");
    boolean negative = t.startsWith("-");
    String digits = negative || t.startsWith("+") ? t.substring(1) : t;
    BigInteger v =
        digits.startsWith("0x") || digits.startsWith("0X")
            ? new BigInteger(digits.substring(2), 16)
            : new BigInteger(digits);
    if (negative) {
      v = v.negate();
    }
    BigInteger min = BigInteger.ONE.shiftLeft(bits - 1).negate();
    BigInteger max = BigInteger.ONE.shiftLeft(bits).subtract(BigInteger.ONE);
    if (v.compareTo(min) < 0 || v.compareTo(max) > 0) {
      throw new NumberFormatException("out of range");
    }
    return v.longValue();
  }

  private static double floating(String text) {
    return switch (text.toLowerCase()) {
      case "nan", "+nan" -> Double.NaN;
      case "-nan" -> -Double.NaN;
      case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
      case "-inf", "-infinity" -> Double.NEGATIVE_INFINITY;
      default -> Double.parseDouble(text);
    };
  }
}
