package dev.patina.wasm.compiler.internal;

import static dev.patina.wasm.compiler.internal.MemoryAccess.I16;
import static dev.patina.wasm.compiler.internal.MemoryAccess.I32;
import static dev.patina.wasm.compiler.internal.MemoryAccess.I64;
import static org.objectweb.asm.Opcodes.DUP;
import static org.objectweb.asm.Opcodes.INVOKESPECIAL;
import static org.objectweb.asm.Opcodes.INVOKESTATIC;
import static org.objectweb.asm.Opcodes.NEW;

import dev.patina.wasm.ValType;
import dev.patina.wasm.binary.CodeReader;
import dev.patina.wasm.binary.MemArg;
import dev.patina.wasm.binary.Opcode;
import dev.patina.wasm.internal.interp.Simd;
import java.util.Objects;
import java.util.function.IntConsumer;
import java.util.function.LongConsumer;
import org.objectweb.asm.MethodVisitor;

/**
 * SIMD for generated code. v128 values are {@link V128} objects; the lane arithmetic is the
 * interpreter's ({@link Simd}), run on a small slot array, so both modes compute the same bits. The
 * memory instructions are implemented here with the same bounds checks as scalar accesses.
 */
public final class Vectors {
  private static final String SELF = "dev/patina/wasm/compiler/internal/Vectors";

  private Vectors() {}

  // ---------------------------------------------------------------- lane operations via Simd

  public static V128 v_v(V128 a, int op, int lane) {
    long[] s = {a.lo(), a.hi(), 0, 0};
    Simd.execute(op, s, 0, new int[] {2, 0, lane}, 0);
    return new V128(s[2], s[3]);
  }

  public static V128 vv_v(V128 a, V128 b, int op, int lane) {
    long[] s = {a.lo(), a.hi(), b.lo(), b.hi(), 0, 0};
    Simd.execute(op, s, 0, new int[] {4, 0, 2, lane}, 0);
    return new V128(s[4], s[5]);
  }

  public static V128 vvv_v(V128 a, V128 b, V128 c, int op, int lane) {
    long[] s = {a.lo(), a.hi(), b.lo(), b.hi(), c.lo(), c.hi(), 0, 0};
    Simd.execute(op, s, 0, new int[] {6, 0, 2, 4, lane}, 0);
    return new V128(s[6], s[7]);
  }

  private static long scalarOf(V128 a, int op, int lane) {
    long[] s = {a.lo(), a.hi(), 0};
    Simd.execute(op, s, 0, new int[] {2, 0, lane}, 0);
    return s[2];
  }

  public static int v_i(V128 a, int op, int lane) {
    return (int) scalarOf(a, op, lane);
  }

  public static long v_j(V128 a, int op, int lane) {
    return scalarOf(a, op, lane);
  }

  public static float v_f(V128 a, int op, int lane) {
    return Float.intBitsToFloat((int) scalarOf(a, op, lane));
  }

  public static double v_d(V128 a, int op, int lane) {
    return Double.longBitsToDouble(scalarOf(a, op, lane));
  }

  private static V128 withScalar(V128 a, long x, int op, int lane) {
    long[] s = {a.lo(), a.hi(), x, 0, 0};
    Simd.execute(op, s, 0, new int[] {3, 0, 2, lane}, 0);
    return new V128(s[3], s[4]);
  }

  public static V128 vi_v(V128 a, int x, int op, int lane) {
    return withScalar(a, x, op, lane);
  }

  public static V128 vj_v(V128 a, long x, int op, int lane) {
    return withScalar(a, x, op, lane);
  }

  public static V128 vf_v(V128 a, float x, int op, int lane) {
    return withScalar(a, Float.floatToRawIntBits(x), op, lane);
  }

  public static V128 vd_v(V128 a, double x, int op, int lane) {
    return withScalar(a, Double.doubleToRawLongBits(x), op, lane);
  }

  private static V128 fromScalar(long x, int op) {
    long[] s = {x, 0, 0};
    Simd.execute(op, s, 0, new int[] {1, 0}, 0);
    return new V128(s[1], s[2]);
  }

  public static V128 i_v(int x, int op, int lane) {
    return fromScalar(x, op);
  }

  public static V128 j_v(long x, int op, int lane) {
    return fromScalar(x, op);
  }

  public static V128 f_v(float x, int op, int lane) {
    return fromScalar(Float.floatToRawIntBits(x), op);
  }

  public static V128 d_v(double x, int op, int lane) {
    return fromScalar(Double.doubleToRawLongBits(x), op);
  }

  /** {@code i8x16.shuffle}: the 16 lane indices packed into two longs, lane 0 lowest. */
  public static V128 shuffle(V128 a, V128 b, long lanesLo, long lanesHi) {
    long[] s = {a.lo(), a.hi(), b.lo(), b.hi(), 0, 0};
    int[] code = new int[19];
    code[0] = 4;
    code[1] = 0;
    code[2] = 2;
    for (int i = 0; i < 16; i++) {
      long word = i < 8 ? lanesLo : lanesHi;
      code[3 + i] = (int) (word >>> ((i & 7) * 8)) & 0xFF;
    }
    Simd.execute(0x0D, s, 0, code, 0);
    return new V128(s[4], s[5]);
  }

  // ---------------------------------------------------------------- memory

  private static int address(int a, int o, int size, byte[] m) {
    int ea = o == 0 ? a : MemoryAccess.index(a, o);
    return Objects.checkFromIndexSize(ea, size, m.length);
  }

  public static V128 load(int a, int o, byte[] m, int op) {
    Opcode opcode = Opcode.simd(op);
    return switch (opcode) {
      case V128_LOAD -> {
        int ea = address(a, o, 16, m);
        yield new V128((long) I64.get(m, ea), (long) I64.get(m, ea + 8));
      }
      case V128_LOAD8_SPLAT -> splat((m[address(a, o, 1, m)] & 0xFFL) * 0x0101010101010101L);
      case V128_LOAD16_SPLAT ->
          splat(((short) I16.get(m, address(a, o, 2, m)) & 0xFFFFL) * 0x0001000100010001L);
      case V128_LOAD32_SPLAT -> {
        long v = (int) I32.get(m, address(a, o, 4, m)) & 0xFFFFFFFFL;
        yield splat(v | v << 32);
      }
      case V128_LOAD64_SPLAT -> splat((long) I64.get(m, address(a, o, 8, m)));
      case V128_LOAD32_ZERO -> new V128((int) I32.get(m, address(a, o, 4, m)) & 0xFFFFFFFFL, 0);
      case V128_LOAD64_ZERO -> new V128((long) I64.get(m, address(a, o, 8, m)), 0);
      case V128_LOAD8X8_S, V128_LOAD8X8_U -> {
        int ea = address(a, o, 8, m);
        boolean signed = opcode == Opcode.V128_LOAD8X8_S;
        yield new V128(widen(m, ea, 1, signed), widen(m, ea + 4, 1, signed));
      }
      case V128_LOAD16X4_S, V128_LOAD16X4_U -> {
        int ea = address(a, o, 8, m);
        boolean signed = opcode == Opcode.V128_LOAD16X4_S;
        yield new V128(widen(m, ea, 2, signed), widen(m, ea + 4, 2, signed));
      }
      case V128_LOAD32X2_S, V128_LOAD32X2_U -> {
        int ea = address(a, o, 8, m);
        boolean signed = opcode == Opcode.V128_LOAD32X2_S;
        int lo = (int) I32.get(m, ea);
        int hi = (int) I32.get(m, ea + 4);
        yield new V128(signed ? lo : lo & 0xFFFFFFFFL, signed ? hi : hi & 0xFFFFFFFFL);
      }
      default -> throw new IllegalStateException(opcode.text());
    };
  }

  public static void store(int a, V128 v, int o, byte[] m) {
    int ea = address(a, o, 16, m);
    I64.set(m, ea, v.lo());
    I64.set(m, ea + 8, v.hi());
  }

  public static V128 loadLane(int a, V128 v, int o, byte[] m, int op, int lane) {
    int width = laneWidth(op);
    int ea = address(a, o, width, m);
    long value =
        switch (width) {
          case 1 -> m[ea] & 0xFFL;
          case 2 -> (short) I16.get(m, ea) & 0xFFFFL;
          case 4 -> (int) I32.get(m, ea) & 0xFFFFFFFFL;
          default -> (long) I64.get(m, ea);
        };
    long[] s = {v.lo(), v.hi()};
    int byteIndex = lane * width;
    int slot = byteIndex >>> 3;
    if (width == 8) {
      s[slot] = value;
    } else {
      int shift = (byteIndex & 7) * 8;
      long mask = ((1L << (width * 8)) - 1) << shift;
      s[slot] = (s[slot] & ~mask) | ((value << shift) & mask);
    }
    return new V128(s[0], s[1]);
  }

  public static void storeLane(int a, V128 v, int o, byte[] m, int op, int lane) {
    int width = laneWidth(op);
    int ea = address(a, o, width, m);
    int byteIndex = lane * width;
    long word = (byteIndex >>> 3) == 0 ? v.lo() : v.hi();
    long value = word >>> ((byteIndex & 7) * 8);
    switch (width) {
      case 1 -> m[ea] = (byte) value;
      case 2 -> I16.set(m, ea, (short) value);
      case 4 -> I32.set(m, ea, (int) value);
      default -> I64.set(m, ea, value);
    }
  }

  private static int laneWidth(int op) {
    return switch (Opcode.simd(op)) {
      case V128_LOAD8_LANE, V128_STORE8_LANE -> 1;
      case V128_LOAD16_LANE, V128_STORE16_LANE -> 2;
      case V128_LOAD32_LANE, V128_STORE32_LANE -> 4;
      default -> 8;
    };
  }

  private static V128 splat(long pattern) {
    return new V128(pattern, pattern);
  }

  private static long widen(byte[] m, int ea, int width, boolean signed) {
    long out = 0;
    int lanes = 4 / width;
    int outBits = width * 16;
    long outMask = outBits == 64 ? -1L : (1L << outBits) - 1;
    for (int i = 0; i < lanes; i++) {
      int at = ea + i * width;
      long v = width == 1 ? m[at] & 0xFFL : (short) I16.get(m, at) & 0xFFFFL;
      if (signed) {
        v = (v << (64 - width * 8)) >> (64 - width * 8);
      }
      out |= (v & outMask) << (i * outBits);
    }
    return out;
  }

  // ---------------------------------------------------------------- code generation

  /** Emits SIMD instructions as calls of the helpers above. */
  static final class Emitter {
    private final MethodVisitor mv;
    private final Runnable loadMemory;
    private final IntConsumer pushInt;
    private final LongConsumer pushLong;
    private final java.util.function.Consumer<Runnable> trapSite;

    Emitter(
        MethodVisitor mv,
        Runnable loadMemory,
        IntConsumer pushInt,
        LongConsumer pushLong,
        java.util.function.Consumer<Runnable> trapSite) {
      this.mv = mv;
      this.loadMemory = loadMemory;
      this.pushInt = pushInt;
      this.pushLong = pushLong;
      this.trapSite = trapSite;
    }

    void emit(Opcode op, CodeReader reader) {
      switch (op.immediate()) {
        case MEMARG -> {
          MemArg memArg = reader.memArg();
          pushInt.accept((int) memArg.offset());
          loadMemory.run();
          if (op == Opcode.V128_STORE) {
            trapSite.accept(() -> call("store", "(I" + JvmTypes.V128_D + "I[B)V"));
          } else {
            pushInt.accept(op.code());
            trapSite.accept(() -> call("load", "(II[BI)" + JvmTypes.V128_D));
          }
        }
        case MEMARG_LANE -> {
          MemArg memArg = reader.memArg();
          int lane = reader.u8();
          pushInt.accept((int) memArg.offset());
          loadMemory.run();
          pushInt.accept(op.code());
          pushInt.accept(lane);
          if (op.results().isEmpty()) {
            trapSite.accept(() -> call("storeLane", "(I" + JvmTypes.V128_D + "I[BII)V"));
          } else {
            trapSite.accept(
                () -> call("loadLane", "(I" + JvmTypes.V128_D + "I[BII)" + JvmTypes.V128_D));
          }
        }
        case V128 -> {
          long lo = reader.f64Bits();
          long hi = reader.f64Bits();
          mv.visitTypeInsn(NEW, JvmTypes.V128);
          mv.visitInsn(DUP);
          pushLong.accept(lo);
          pushLong.accept(hi);
          mv.visitMethodInsn(INVOKESPECIAL, JvmTypes.V128, "<init>", "(JJ)V", false);
        }
        case SHUFFLE -> {
          long lo = 0;
          long hi = 0;
          for (int i = 0; i < 16; i++) {
            long lane = reader.u8();
            if (i < 8) {
              lo |= lane << (i * 8);
            } else {
              hi |= lane << ((i - 8) * 8);
            }
          }
          pushLong.accept(lo);
          pushLong.accept(hi);
          call("shuffle", "(" + JvmTypes.V128_D + JvmTypes.V128_D + "JJ)" + JvmTypes.V128_D);
        }
        default -> {
          int lane = op.immediate() == Opcode.Immediate.LANE ? reader.u8() : 0;
          StringBuilder name = new StringBuilder();
          StringBuilder d = new StringBuilder("(");
          for (ValType t : op.params()) {
            name.append(shapeLetter(t));
            d.append(JvmTypes.descriptor(t));
          }
          ValType result = op.results().get(0);
          name.append('_').append(shapeLetter(result));
          d.append("II)").append(JvmTypes.descriptor(result));
          pushInt.accept(op.code());
          pushInt.accept(lane);
          call(name.toString(), d.toString());
        }
      }
    }

    private static char shapeLetter(ValType t) {
      return switch (t) {
        case I32 -> 'i';
        case I64 -> 'j';
        case F32 -> 'f';
        case F64 -> 'd';
        case V128 -> 'v';
        default -> throw new IllegalStateException(t.toString());
      };
    }

    private void call(String name, String descriptor) {
      mv.visitMethodInsn(INVOKESTATIC, SELF, name, descriptor, false);
    }
  }
}
