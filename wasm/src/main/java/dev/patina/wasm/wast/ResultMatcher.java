package dev.patina.wasm.wast;

import dev.patina.wasm.Value;
import java.util.List;

/** Whether values returned by the engine match a script's expected results. */
final class ResultMatcher {
  private ResultMatcher() {}

  /** Null if all match, else why not. */
  static String mismatch(List<Expected> expected, Value[] actual) {
    if (expected.size() != actual.length) {
      return "expected " + expected.size() + " results, got " + actual.length;
    }
    for (int i = 0; i < actual.length; i++) {
      if (!matches(expected.get(i), actual[i])) {
        return "result " + i + ": expected " + describe(expected.get(i)) + ", got " + actual[i];
      }
    }
    return null;
  }

  static boolean matches(Expected expected, Value actual) {
    return switch (expected) {
      case Expected.Exact e -> exact(e.value(), actual);
      case Expected.F32Nan n -> actual instanceof Value.F32 f && isNan32(f.bits(), n.kind());
      case Expected.F64Nan n -> actual instanceof Value.F64 f && isNan64(f.bits(), n.kind());
      case Expected.V128Lanes v -> actual instanceof Value.V128 x && lanes(v, x);
      case Expected.RefNull r -> (r.type() == null || actual.type() == r.type()) && isNull(actual);
      case Expected.RefExtern r ->
          actual instanceof Value.ExternRef x && Long.valueOf(r.id()).equals(x.value());
      case Expected.RefFuncAny r -> actual instanceof Value.FuncRef f && f.function() != null;
      case Expected.RefExternAny r -> actual instanceof Value.ExternRef x && x.value() != null;
      case Expected.Either e -> e.alternatives().stream().anyMatch(a -> matches(a, actual));
      case Expected.Unsupported u -> false;
    };
  }

  /** Whether {@code v} is a null reference; a null type in an expectation means any null. */
  private static boolean isNull(Value v) {
    return switch (v) {
      case Value.FuncRef f -> f.function() == null;
      case Value.ExternRef x -> x.value() == null;
      default -> false;
    };
  }

  private static boolean exact(WastValue expected, Value actual) {
    return switch (expected) {
      case WastValue.I32 e -> actual instanceof Value.I32 a && a.value() == e.value();
      case WastValue.I64 e -> actual instanceof Value.I64 a && a.value() == e.value();
      case WastValue.F32 e -> actual instanceof Value.F32 a && a.bits() == e.bits();
      case WastValue.F64 e -> actual instanceof Value.F64 a && a.bits() == e.bits();
      case WastValue.V128 e ->
          actual instanceof Value.V128 a && a.low() == e.lo() && a.high() == e.hi();
      case WastValue.RefNull e -> matches(new Expected.RefNull(e.type()), actual);
      case WastValue.RefExtern e -> matches(new Expected.RefExtern(e.id()), actual);
      case WastValue.Unsupported e -> false;
    };
  }

  private static boolean lanes(Expected.V128Lanes expected, Value.V128 actual) {
    int bits = expected.shape().laneBits();
    for (int i = 0; i < expected.lanes().size(); i++) {
      int bit = i * bits;
      long word = bit < 64 ? actual.low() : actual.high();
      long lane = bits == 64 ? word : (word >>> (bit % 64)) & ((1L << bits) - 1);
      Value laneValue = bits == 32 ? new Value.F32((int) lane) : new Value.F64(lane);
      if (!matches(expected.lanes().get(i), laneValue)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isNan32(int bits, NanKind kind) {
    return kind == NanKind.CANONICAL
        ? (bits & 0x7FFFFFFF) == 0x7FC00000
        : (bits & 0x7FC00000) == 0x7FC00000;
  }

  private static boolean isNan64(long bits, NanKind kind) {
    return kind == NanKind.CANONICAL
        ? (bits & 0x7FFFFFFFFFFFFFFFL) == 0x7FF8000000000000L
        : (bits & 0x7FF8000000000000L) == 0x7FF8000000000000L;
  }

  private static String describe(Expected e) {
    return switch (e) {
      case Expected.Exact x -> x.value().toString();
      case Expected.F32Nan n -> "f32 nan:" + n.kind().name().toLowerCase();
      case Expected.F64Nan n -> "f64 nan:" + n.kind().name().toLowerCase();
      default -> e.toString();
    };
  }
}
