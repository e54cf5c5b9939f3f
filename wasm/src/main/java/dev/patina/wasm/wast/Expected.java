package dev.patina.wasm.wast;

import dev.patina.wasm.ValType;
import java.util.List;

/** One expected result of {@code assert_return}: a value or a pattern values must match. */
public sealed interface Expected {
  /**
   * Exactly this value (floats and vectors compared bit for bit; a vector of any shape whose lanes
   * are all exact literals becomes one exact {@link WastValue.V128}).
   */
  record Exact(WastValue value) implements Expected {}

  /** {@code (f32.const nan:canonical)} or {@code (f32.const nan:arithmetic)}. */
  record F32Nan(NanKind kind) implements Expected {}

  /** {@code (f64.const nan:canonical)} or {@code (f64.const nan:arithmetic)}. */
  record F64Nan(NanKind kind) implements Expected {}

  /**
   * A float vector with at least one NaN-pattern lane: each lane is {@link Exact} ({@link
   * WastValue.F32} or {@link WastValue.F64}) or {@link F32Nan}/{@link F64Nan}, lane 0 first.
   */
  record V128Lanes(LaneShape shape, List<Expected> lanes) implements Expected {
    public V128Lanes {
      lanes = List.copyOf(lanes);
    }
  }

  /**
   * A null reference: {@code (ref.null func)} or {@code (ref.null extern)}; a null {@code type}
   * ({@code (ref.null)} in 3.0 scripts) matches any null reference.
   */
  record RefNull(ValType type) implements Expected {}

  /** {@code (ref.extern n)}: the host reference numbered {@code n}. */
  record RefExtern(long id) implements Expected {}

  /** {@code (ref.func)}: any non-null function reference. */
  record RefFuncAny() implements Expected {}

  /** {@code (ref.extern)}: any non-null external reference. */
  record RefExternAny() implements Expected {}

  /** {@code (either r1 r2 ...)}: any one of the alternatives. */
  record Either(List<Expected> alternatives) implements Expected {
    public Either {
      alternatives = List.copyOf(alternatives);
    }
  }

  /**
   * A result form of a later WebAssembly version ({@code (ref.i31)}, {@code (ref.struct)}, {@code
   * (ref.array)}, {@code (ref.eq)}, {@code (ref.any)}, {@code (ref.host 1)}, ...), kept as its
   * source text; a runner counts the assertion as failed.
   */
  record Unsupported(String text) implements Expected {}
}
