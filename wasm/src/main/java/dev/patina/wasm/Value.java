package dev.patina.wasm;

/**
 * A WebAssembly value as the embedding API passes it. Floats keep their exact bit pattern (NaN
 * payloads included); references are a {@link Function} or any host object, {@code null} being the
 * null reference.
 */
public sealed interface Value {
  ValType type();

  record I32(int value) implements Value {
    @Override
    public ValType type() {
      return ValType.I32;
    }

    @Override
    public String toString() {
      return "i32:" + value;
    }
  }

  record I64(long value) implements Value {
    @Override
    public ValType type() {
      return ValType.I64;
    }

    @Override
    public String toString() {
      return "i64:" + value;
    }
  }

  record F32(int bits) implements Value {
    public float value() {
      return Float.intBitsToFloat(bits);
    }

    @Override
    public ValType type() {
      return ValType.F32;
    }

    @Override
    public String toString() {
      return "f32:" + value();
    }
  }

  record F64(long bits) implements Value {
    public double value() {
      return Double.longBitsToDouble(bits);
    }

    @Override
    public ValType type() {
      return ValType.F64;
    }

    @Override
    public String toString() {
      return "f64:" + value();
    }
  }

  /** A vector: {@code low} holds bytes 0..7 (lane 0 lowest), {@code high} bytes 8..15. */
  record V128(long low, long high) implements Value {
    @Override
    public ValType type() {
      return ValType.V128;
    }

    @Override
    public String toString() {
      return String.format("v128:0x%016x%016x", high, low);
    }
  }

  /** A function reference; {@code function} is null for {@code ref.null func}. */
  record FuncRef(Function function) implements Value {
    @Override
    public ValType type() {
      return ValType.FUNCREF;
    }

    @Override
    public String toString() {
      return function == null ? "ref.null func" : "ref.func";
    }
  }

  /**
   * An external reference to any host object; {@code value} is null for {@code ref.null extern}.
   */
  record ExternRef(Object value) implements Value {
    @Override
    public ValType type() {
      return ValType.EXTERNREF;
    }

    @Override
    public String toString() {
      return value == null ? "ref.null extern" : "ref.extern " + value;
    }
  }

  static Value i32(int value) {
    return new I32(value);
  }

  static Value i64(long value) {
    return new I64(value);
  }

  static Value f32(float value) {
    return new F32(Float.floatToRawIntBits(value));
  }

  static Value f64(double value) {
    return new F64(Double.doubleToRawLongBits(value));
  }

  /** The zero value of a type: 0 for numbers and vectors, null for references. */
  static Value zero(ValType type) {
    return switch (type) {
      case I32 -> new I32(0);
      case I64 -> new I64(0);
      case F32 -> new F32(0);
      case F64 -> new F64(0);
      case V128 -> new V128(0, 0);
      case FUNCREF -> new FuncRef(null);
      case EXTERNREF -> new ExternRef(null);
    };
  }
}
