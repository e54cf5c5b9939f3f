package dev.patina.wasm.compiler.internal;

import dev.patina.wasm.TrapException;
import dev.patina.wasm.internal.runtime.MemoryInstance;
import dev.patina.wasm.internal.runtime.ModuleInstance;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Linear memory access for generated code. Each load or store is one small static method that C2
 * inlines. The bounds check is the array's own range check ({@code 0 <= i <= length - size}), an
 * intrinsic that C2 can hoist out of loops or fold: with no static offset the Wasm address is the
 * index (an address of 2 GiB or more is negative as an int, so it fails the same check); with an
 * offset, a first range check keeps {@code address + offset} from wrapping. A failing check throws
 * {@link IndexOutOfBoundsException}, which the generated handler turns into the trap "out of bounds
 * memory access".
 */
public final class MemoryAccess {
  static final VarHandle I16 =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle I32 =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle I64 =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private static final byte[] NO_DATA = new byte[0];

  private MemoryAccess() {}

  /** The index of {@code address + offset} once it is known not to wrap (offset > 0). */
  static int index(int address, int offset) {
    return Objects.checkIndex(address, Integer.MAX_VALUE - offset) + offset;
  }

  // ---------------------------------------------------------------- loads

  public static int i32(int a, byte[] m) {
    return (int) I32.get(m, a);
  }

  public static int i32(int a, int o, byte[] m) {
    return (int) I32.get(m, index(a, o));
  }

  public static long i64(int a, byte[] m) {
    return (long) I64.get(m, a);
  }

  public static long i64(int a, int o, byte[] m) {
    return (long) I64.get(m, index(a, o));
  }

  public static float f32(int a, byte[] m) {
    return Float.intBitsToFloat((int) I32.get(m, a));
  }

  public static float f32(int a, int o, byte[] m) {
    return Float.intBitsToFloat((int) I32.get(m, index(a, o)));
  }

  public static double f64(int a, byte[] m) {
    return Double.longBitsToDouble((long) I64.get(m, a));
  }

  public static double f64(int a, int o, byte[] m) {
    return Double.longBitsToDouble((long) I64.get(m, index(a, o)));
  }

  public static int s8(int a, byte[] m) {
    return m[a];
  }

  public static int s8(int a, int o, byte[] m) {
    return m[index(a, o)];
  }

  public static int u8(int a, byte[] m) {
    return m[a] & 0xFF;
  }

  public static int u8(int a, int o, byte[] m) {
    return m[index(a, o)] & 0xFF;
  }

  public static int s16(int a, byte[] m) {
    return (short) I16.get(m, a);
  }

  public static int s16(int a, int o, byte[] m) {
    return (short) I16.get(m, index(a, o));
  }

  public static int u16(int a, byte[] m) {
    return (short) I16.get(m, a) & 0xFFFF;
  }

  public static int u16(int a, int o, byte[] m) {
    return (short) I16.get(m, index(a, o)) & 0xFFFF;
  }

  public static long u32(int a, byte[] m) {
    return (int) I32.get(m, a) & 0xFFFFFFFFL;
  }

  public static long u32(int a, int o, byte[] m) {
    return (int) I32.get(m, index(a, o)) & 0xFFFFFFFFL;
  }

  // ---------------------------------------------------------------- stores

  public static void storeI32(int a, int v, byte[] m) {
    I32.set(m, a, v);
  }

  public static void storeI32(int a, int v, int o, byte[] m) {
    I32.set(m, index(a, o), v);
  }

  public static void storeI64(int a, long v, byte[] m) {
    I64.set(m, a, v);
  }

  public static void storeI64(int a, long v, int o, byte[] m) {
    I64.set(m, index(a, o), v);
  }

  public static void storeF32(int a, float v, byte[] m) {
    I32.set(m, a, Float.floatToRawIntBits(v));
  }

  public static void storeF32(int a, float v, int o, byte[] m) {
    I32.set(m, index(a, o), Float.floatToRawIntBits(v));
  }

  public static void storeF64(int a, double v, byte[] m) {
    I64.set(m, a, Double.doubleToRawLongBits(v));
  }

  public static void storeF64(int a, double v, int o, byte[] m) {
    I64.set(m, index(a, o), Double.doubleToRawLongBits(v));
  }

  public static void store8(int a, int v, byte[] m) {
    m[a] = (byte) v;
  }

  public static void store8(int a, int v, int o, byte[] m) {
    m[index(a, o)] = (byte) v;
  }

  public static void store16(int a, int v, byte[] m) {
    I16.set(m, a, (short) v);
  }

  public static void store16(int a, int v, int o, byte[] m) {
    I16.set(m, index(a, o), (short) v);
  }

  public static void store8(int a, long v, byte[] m) {
    m[a] = (byte) v;
  }

  public static void store8(int a, long v, int o, byte[] m) {
    m[index(a, o)] = (byte) v;
  }

  public static void store16(int a, long v, byte[] m) {
    I16.set(m, a, (short) v);
  }

  public static void store16(int a, long v, int o, byte[] m) {
    I16.set(m, index(a, o), (short) v);
  }

  public static void store32(int a, long v, byte[] m) {
    I32.set(m, a, (int) v);
  }

  public static void store32(int a, long v, int o, byte[] m) {
    I32.set(m, index(a, o), (int) v);
  }

  // ---------------------------------------------------------------- whole-memory instructions

  public static int size(MemoryInstance memory) {
    return memory.pages();
  }

  public static int grow(int delta, MemoryInstance memory) {
    return memory.grow(delta);
  }

  public static void fill(int dst, int value, int count, MemoryInstance memory) {
    long to = dst & 0xFFFFFFFFL;
    long n = count & 0xFFFFFFFFL;
    byte[] bytes = memory.bytes;
    if (to + n > bytes.length) {
      throw new TrapException("out of bounds memory access");
    }
    Arrays.fill(bytes, (int) to, (int) (to + n), (byte) value);
  }

  public static void copy(int dst, int src, int count, MemoryInstance memory) {
    long to = dst & 0xFFFFFFFFL;
    long from = src & 0xFFFFFFFFL;
    long n = count & 0xFFFFFFFFL;
    byte[] bytes = memory.bytes;
    if (to + n > bytes.length || from + n > bytes.length) {
      throw new TrapException("out of bounds memory access");
    }
    System.arraycopy(bytes, (int) from, bytes, (int) to, (int) n);
  }

  public static void init(
      int dst, int src, int count, int segment, MemoryInstance memory, ModuleInstance instance) {
    byte[] data = instance.data[segment];
    long to = dst & 0xFFFFFFFFL;
    long from = src & 0xFFFFFFFFL;
    long n = count & 0xFFFFFFFFL;
    byte[] bytes = memory.bytes;
    if (from + n > data.length || to + n > bytes.length) {
      throw new TrapException("out of bounds memory access");
    }
    System.arraycopy(data, (int) from, bytes, (int) to, (int) n);
  }

  public static void dataDrop(int segment, ModuleInstance instance) {
    instance.data[segment] = NO_DATA;
  }
}
