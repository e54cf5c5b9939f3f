package dev.patina.wasm.internal.interp;

import static dev.patina.wasm.internal.interp.Interpreter.I16;
import static dev.patina.wasm.internal.interp.Interpreter.I32;
import static dev.patina.wasm.internal.interp.Interpreter.I64;
import static dev.patina.wasm.internal.interp.Interpreter.address;

/**
 * The vector instructions that touch memory: whole-vector loads and stores, extending loads,
 * splats, zero-extending loads, and single-lane loads and stores. A v128 value occupies two slots:
 * bytes 0..7 in the first, 8..15 in the second (little-endian lanes).
 */
final class SimdMemory {
  private SimdMemory() {}

  static int execute(int op, long[] s, int fp, int[] code, int pc, byte[] mem) {
    switch (op) {
      case Op.V128_STORE -> {
        int ea = address(s[fp + code[pc + 1]], code[pc + 3], 16, mem);
        int v = fp + code[pc + 2];
        I64.set(mem, ea, s[v]);
        I64.set(mem, ea + 8, s[v + 1]);
        return pc + 4;
      }
      case Op.V128_STORE8_LANE,
          Op.V128_STORE16_LANE,
          Op.V128_STORE32_LANE,
          Op.V128_STORE64_LANE -> {
        int width = laneWidth(op);
        int ea = address(s[fp + code[pc + 1]], code[pc + 3], width, mem);
        long lane = lane(s, fp + code[pc + 2], width, code[pc + 4]);
        store(mem, ea, width, lane);
        return pc + 5;
      }
      case Op.V128_LOAD8_LANE, Op.V128_LOAD16_LANE, Op.V128_LOAD32_LANE, Op.V128_LOAD64_LANE -> {
        int width = laneWidth(op);
        int ea = address(s[fp + code[pc + 2]], code[pc + 4], width, mem);
        long value = load(mem, ea, width);
        int dst = fp + code[pc + 1];
        int src = fp + code[pc + 3];
        s[dst] = s[src];
        s[dst + 1] = s[src + 1];
        setLane(s, dst, width, code[pc + 5], value);
        return pc + 6;
      }
      default -> {
        int dst = fp + code[pc + 1];
        int size = loadSize(op);
        int ea = address(s[fp + code[pc + 2]], code[pc + 3], size, mem);
        load(op, mem, ea, s, dst);
        return pc + 4;
      }
    }
  }

  private static int laneWidth(int op) {
    return switch (op) {
      case Op.V128_LOAD8_LANE, Op.V128_STORE8_LANE -> 1;
      case Op.V128_LOAD16_LANE, Op.V128_STORE16_LANE -> 2;
      case Op.V128_LOAD32_LANE, Op.V128_STORE32_LANE -> 4;
      default -> 8;
    };
  }

  private static int loadSize(int op) {
    return switch (op) {
      case Op.V128_LOAD -> 16;
      case Op.V128_LOAD8_SPLAT -> 1;
      case Op.V128_LOAD16_SPLAT -> 2;
      case Op.V128_LOAD32_SPLAT, Op.V128_LOAD32_ZERO -> 4;
      case Op.V128_LOAD64_SPLAT,
          Op.V128_LOAD64_ZERO,
          Op.V128_LOAD8X8_S,
          Op.V128_LOAD8X8_U,
          Op.V128_LOAD16X4_S,
          Op.V128_LOAD16X4_U,
          Op.V128_LOAD32X2_S,
          Op.V128_LOAD32X2_U ->
          8;
      default -> throw new IllegalStateException("not an interpreter instruction: " + op);
    };
  }

  private static void load(int op, byte[] mem, int ea, long[] s, int dst) {
    switch (op) {
      case Op.V128_LOAD -> {
        s[dst] = (long) I64.get(mem, ea);
        s[dst + 1] = (long) I64.get(mem, ea + 8);
      }
      case Op.V128_LOAD8_SPLAT -> splat(s, dst, (mem[ea] & 0xFFL) * 0x0101010101010101L);
      case Op.V128_LOAD16_SPLAT ->
          splat(s, dst, ((short) I16.get(mem, ea) & 0xFFFFL) * 0x0001000100010001L);
      case Op.V128_LOAD32_SPLAT -> {
        long v = (int) I32.get(mem, ea) & 0xFFFFFFFFL;
        splat(s, dst, v | v << 32);
      }
      case Op.V128_LOAD64_SPLAT -> splat(s, dst, (long) I64.get(mem, ea));
      case Op.V128_LOAD32_ZERO -> {
        s[dst] = (int) I32.get(mem, ea) & 0xFFFFFFFFL;
        s[dst + 1] = 0;
      }
      case Op.V128_LOAD64_ZERO -> {
        s[dst] = (long) I64.get(mem, ea);
        s[dst + 1] = 0;
      }
      case Op.V128_LOAD8X8_S, Op.V128_LOAD8X8_U -> {
        boolean signed = op == Op.V128_LOAD8X8_S;
        s[dst] = widen(mem, ea, 1, signed);
        s[dst + 1] = widen(mem, ea + 4, 1, signed);
      }
      case Op.V128_LOAD16X4_S, Op.V128_LOAD16X4_U -> {
        boolean signed = op == Op.V128_LOAD16X4_S;
        s[dst] = widen(mem, ea, 2, signed);
        s[dst + 1] = widen(mem, ea + 4, 2, signed);
      }
      default -> {
        boolean signed = op == Op.V128_LOAD32X2_S;
        int lo = (int) I32.get(mem, ea);
        int hi = (int) I32.get(mem, ea + 4);
        s[dst] = signed ? lo : lo & 0xFFFFFFFFL;
        s[dst + 1] = signed ? hi : hi & 0xFFFFFFFFL;
      }
    }
  }

  /** Widens the 4 bytes at {@code ea} (four 8-bit or two 16-bit lanes) into 64 bits of lanes. */
  private static long widen(byte[] mem, int ea, int width, boolean signed) {
    long out = 0;
    int lanes = 4 / width;
    int outBits = width * 16;
    long outMask = outBits == 64 ? -1L : (1L << outBits) - 1;
    for (int i = 0; i < lanes; i++) {
      long v = load(mem, ea + i * width, width);
      if (signed) {
        v = (v << (64 - width * 8)) >> (64 - width * 8);
      }
      out |= (v & outMask) << (i * outBits);
    }
    return out;
  }

  private static void splat(long[] s, int dst, long pattern) {
    s[dst] = pattern;
    s[dst + 1] = pattern;
  }

  private static long load(byte[] mem, int ea, int width) {
    return switch (width) {
      case 1 -> mem[ea] & 0xFFL;
      case 2 -> (short) I16.get(mem, ea) & 0xFFFFL;
      case 4 -> (int) I32.get(mem, ea) & 0xFFFFFFFFL;
      default -> (long) I64.get(mem, ea);
    };
  }

  private static void store(byte[] mem, int ea, int width, long value) {
    switch (width) {
      case 1 -> mem[ea] = (byte) value;
      case 2 -> I16.set(mem, ea, (short) value);
      case 4 -> I32.set(mem, ea, (int) value);
      default -> I64.set(mem, ea, value);
    }
  }

  private static long lane(long[] s, int v, int width, int lane) {
    int byteIndex = lane * width;
    long word = s[v + (byteIndex >>> 3)];
    long bits = word >>> ((byteIndex & 7) * 8);
    return width == 8 ? bits : bits & ((1L << (width * 8)) - 1);
  }

  private static void setLane(long[] s, int v, int width, int lane, long value) {
    int byteIndex = lane * width;
    int slot = v + (byteIndex >>> 3);
    if (width == 8) {
      s[slot] = value;
      return;
    }
    int shift = (byteIndex & 7) * 8;
    long mask = ((1L << (width * 8)) - 1) << shift;
    s[slot] = (s[slot] & ~mask) | ((value << shift) & mask);
  }
}
