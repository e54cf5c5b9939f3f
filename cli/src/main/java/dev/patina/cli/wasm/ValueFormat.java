package dev.patina.cli.wasm;

import dev.patina.wasm.Value;

/** Prints Wasm values the way wasmtime's --invoke does: plain numbers, one per line. */
final class ValueFormat {
  private ValueFormat() {}

  static String format(Value value) {
    return switch (value) {
      case Value.I32 v -> Integer.toString(v.value());
      case Value.I64 v -> Long.toString(v.value());
      case Value.F32 v -> number(v.value());
      case Value.F64 v -> number(v.value());
      case Value.V128 v -> String.format("0x%016x%016x", v.high(), v.low());
      case Value.FuncRef v -> v.function() == null ? "ref.null func" : "ref.func";
      case Value.ExternRef v -> v.value() == null ? "ref.null extern" : "ref.extern";
    };
  }

  private static String number(float f) {
    return Float.isFinite(f) ? trim(Float.toString(f)) : special(f);
  }

  private static String number(double d) {
    return Double.isFinite(d) ? trim(Double.toString(d)) : special(d);
  }

  /** Whole numbers print without Java's ".0", as Rust prints them. */
  private static String trim(String s) {
    return s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
  }

  private static String special(double d) {
    return Double.isNaN(d) ? "NaN" : d > 0 ? "inf" : "-inf";
  }
}
