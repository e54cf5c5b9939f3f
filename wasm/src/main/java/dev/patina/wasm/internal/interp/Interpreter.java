package dev.patina.wasm.internal.interp;

import dev.patina.wasm.ExhaustionException;
import dev.patina.wasm.TrapException;
import dev.patina.wasm.WasmException;
import dev.patina.wasm.WasmFrame;
import dev.patina.wasm.internal.runtime.CallStack;
import dev.patina.wasm.internal.runtime.CompiledFunction;
import dev.patina.wasm.internal.runtime.FunctionInstance;
import dev.patina.wasm.internal.runtime.HostFunctionInstance;
import dev.patina.wasm.internal.runtime.ModuleInstance;
import dev.patina.wasm.internal.runtime.StoreState;
import dev.patina.wasm.internal.runtime.WasmFunction;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The interpreter loop. Frames live on a {@link CallStack}: Wasm calls push a saved frame and
 * continue in the same loop (no Java recursion), so deep Wasm recursion ends in a trap, not a JVM
 * stack overflow. The hot instructions are handled inline; the rest go to {@link RareOps} so that
 * this method stays small enough for HotSpot to compile (it refuses methods over 8000 bytes).
 */
public final class Interpreter {
  static final VarHandle I16 =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle I32 =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
  static final VarHandle I64 =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private Interpreter() {}

  /**
   * Calls {@code function} with its arguments in the stack's slots from {@code base} on; leaves the
   * results there. Traps propagate as {@link TrapException}s with a Wasm backtrace.
   */
  public static void invoke(FunctionInstance function, CallStack stack, int base) {
    switch (function) {
      case WasmFunction w -> run(w, stack, base);
      case HostFunctionInstance h -> callHost(h, stack, base);
    }
  }

  /** The effective address of an access of {@code size} bytes, or a trap if out of bounds. */
  static int address(long base, int offset, int size, byte[] mem) {
    long ea = (base & 0xFFFFFFFFL) + (offset & 0xFFFFFFFFL);
    if (ea > mem.length - size) {
      throw outOfBounds();
    }
    return (int) ea;
  }

  /** The i32 sum (wrapping) of the slots named at {@code code[at]} and {@code code[at + 1]}. */
  static long sum(long[] s, int fp, int[] code, int at) {
    return (int) s[fp + code[at]] + (int) s[fp + code[at + 1]];
  }

  /** Kept out of {@link #address} so that it stays small enough for C2 to inline. */
  private static TrapException outOfBounds() {
    return new TrapException("out of bounds memory access");
  }

  /** Charges a basic block's fuel and serves a pending interrupt. */
  static void meter(StoreState store, int instructions) {
    if ((store.fuel -= instructions) < 0) {
      store.fuel = 0;
      throw new TrapException("all fuel consumed");
    }
    if (store.interruptRequested) {
      store.interruptRequested = false;
      throw new TrapException("interrupted");
    }
  }

  /** Zeroes the declared locals and loads the constants of a new frame. */
  static void zeroLocals(long[] s, Object[] r, int fp, CompiledFunction c) {
    for (int i = fp + c.paramSlots(), end = fp + c.localSlots(); i < end; i++) {
      s[i] = 0;
    }
    long[] constants = c.constants();
    if (constants.length > 0) {
      System.arraycopy(constants, 0, s, fp + c.localSlots(), constants.length);
    }
    for (int slot : c.refLocalSlots()) {
      r[fp + slot] = null;
    }
  }

  private static void run(WasmFunction fn, CallStack stack, int base) {
    CompiledFunction entry = fn.code();
    stack.ensureSlots(base + entry.frameSlots());
    long[] s = stack.slots();
    Object[] r = stack.refs();
    zeroLocals(s, r, base, entry);
    final int entryDepth = stack.depth;
    int fp = base;
    int pc = 0;
    int[] code = entry.code();
    WasmFunction cur = fn;
    ModuleInstance inst = fn.instance();
    byte[] mem = inst.memory.bytes;
    try {
      while (true) {
        switch (code[pc]) {
          case Op.BR -> pc = code[pc + 1];
          case Op.BR_IF -> pc = (int) s[fp + code[pc + 1]] != 0 ? code[pc + 2] : pc + 3;
          case Op.BR_UNLESS -> pc = (int) s[fp + code[pc + 1]] == 0 ? code[pc + 2] : pc + 3;
          case Op.BR_TABLE -> {
            int index = (int) s[fp + code[pc + 1]];
            int n = code[pc + 2];
            pc = code[pc + 3 + (Integer.compareUnsigned(index, n) < 0 ? index : n)];
          }
          case Op.I32_ADD_IMM -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] + code[pc + 3];
            pc += 4;
          }
          case Op.I32_MUL_IMM -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] * code[pc + 3];
            pc += 4;
          }
          case Op.I32_AND_IMM -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] & code[pc + 3];
            pc += 4;
          }
          case Op.I32_OR_IMM -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] | code[pc + 3];
            pc += 4;
          }
          case Op.I32_XOR_IMM -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] ^ code[pc + 3];
            pc += 4;
          }
          case Op.I32_SHL_IMM -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] << code[pc + 3];
            pc += 4;
          }
          case Op.I32_SHR_S_IMM -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] >> code[pc + 3];
            pc += 4;
          }
          case Op.I32_SHR_U_IMM -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] >>> code[pc + 3];
            pc += 4;
          }
          case Op.BR_IF_I32_EQ ->
              pc = (int) s[fp + code[pc + 1]] == (int) s[fp + code[pc + 2]] ? code[pc + 3] : pc + 4;
          case Op.BR_IF_I32_NE ->
              pc = (int) s[fp + code[pc + 1]] != (int) s[fp + code[pc + 2]] ? code[pc + 3] : pc + 4;
          case Op.BR_IF_I32_LT_S ->
              pc = (int) s[fp + code[pc + 1]] < (int) s[fp + code[pc + 2]] ? code[pc + 3] : pc + 4;
          case Op.BR_IF_I32_GT_S ->
              pc = (int) s[fp + code[pc + 1]] > (int) s[fp + code[pc + 2]] ? code[pc + 3] : pc + 4;
          case Op.BR_IF_I32_LE_S ->
              pc = (int) s[fp + code[pc + 1]] <= (int) s[fp + code[pc + 2]] ? code[pc + 3] : pc + 4;
          case Op.BR_IF_I32_GE_S ->
              pc = (int) s[fp + code[pc + 1]] >= (int) s[fp + code[pc + 2]] ? code[pc + 3] : pc + 4;
          case Op.BR_IF_I32_LT_U ->
              pc =
                  Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]])
                          < 0
                      ? code[pc + 3]
                      : pc + 4;
          case Op.BR_IF_I32_GT_U ->
              pc =
                  Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]])
                          > 0
                      ? code[pc + 3]
                      : pc + 4;
          case Op.BR_IF_I32_LE_U ->
              pc =
                  Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]])
                          <= 0
                      ? code[pc + 3]
                      : pc + 4;
          case Op.BR_IF_I32_GE_U ->
              pc =
                  Integer.compareUnsigned((int) s[fp + code[pc + 1]], (int) s[fp + code[pc + 2]])
                          >= 0
                      ? code[pc + 3]
                      : pc + 4;
          case Op.METER -> {
            meter(inst.store, code[pc + 1]);
            pc += 2;
          }
          case Op.LOAD32_AT -> {
            int ea = address(sum(s, fp, code, pc + 2), code[pc + 4], 4, mem);
            s[fp + code[pc + 1]] = (int) I32.get(mem, ea);
            pc += 5;
          }
          case Op.LOAD64_AT -> {
            int ea = address(sum(s, fp, code, pc + 2), code[pc + 4], 8, mem);
            s[fp + code[pc + 1]] = (long) I64.get(mem, ea);
            pc += 5;
          }
          case Op.LOAD8U_AT -> {
            int ea = address(sum(s, fp, code, pc + 2), code[pc + 4], 1, mem);
            s[fp + code[pc + 1]] = mem[ea] & 0xFF;
            pc += 5;
          }
          case Op.STORE32_AT -> {
            int ea = address(sum(s, fp, code, pc + 1), code[pc + 4], 4, mem);
            I32.set(mem, ea, (int) s[fp + code[pc + 3]]);
            pc += 5;
          }
          case Op.STORE64_AT -> {
            int ea = address(sum(s, fp, code, pc + 1), code[pc + 4], 8, mem);
            I64.set(mem, ea, s[fp + code[pc + 3]]);
            pc += 5;
          }
          case Op.STORE8_AT -> {
            int ea = address(sum(s, fp, code, pc + 1), code[pc + 4], 1, mem);
            mem[ea] = (byte) s[fp + code[pc + 3]];
            pc += 5;
          }
          case Op.COPY -> {
            s[fp + code[pc + 1]] = s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.CONST -> {
            s[fp + code[pc + 1]] = ((long) code[pc + 3] << 32) | (code[pc + 2] & 0xFFFFFFFFL);
            pc += 4;
          }
          case Op.GLOBAL_GET -> {
            s[fp + code[pc + 1]] = inst.globals[code[pc + 2]].value;
            pc += 3;
          }
          case Op.GLOBAL_SET -> {
            inst.globals[code[pc + 1]].value = s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.SELECT -> {
            s[fp + code[pc + 1]] =
                (int) s[fp + code[pc + 4]] != 0 ? s[fp + code[pc + 2]] : s[fp + code[pc + 3]];
            pc += 5;
          }
          case Op.RETURN, Op.RETURN_VALUE -> {
            if (code[pc] == Op.RETURN_VALUE) {
              s[fp] = s[fp + code[pc + 1]];
            }
            if (stack.depth == entryDepth) {
              return;
            }
            int d = --stack.depth;
            pc = stack.savedPc[d];
            fp = stack.savedFp[d];
            cur = stack.savedFunction[d];
            code = cur.code().code();
            inst = cur.instance();
            mem = inst.memory.bytes;
          }
          case Op.CALL, Op.CALL_INDIRECT -> {
            FunctionInstance callee;
            int newFp;
            if (code[pc] == Op.CALL) {
              callee = inst.functions[code[pc + 1]];
              newFp = fp + code[pc + 2];
              pc += 3;
            } else {
              callee = indirectCallee(inst, code, pc, s, fp);
              newFp = fp + code[pc + 3];
              pc += 5;
            }
            if (callee instanceof WasmFunction w) {
              CompiledFunction c = w.code();
              int d = stack.depth;
              stack.ensureDepth();
              if (newFp + c.frameSlots() > s.length) {
                stack.ensureSlots(newFp + c.frameSlots());
                s = stack.slots();
                r = stack.refs();
              }
              stack.savedPc[d] = pc;
              stack.savedFp[d] = fp;
              stack.savedFunction[d] = cur;
              stack.depth = d + 1;
              fp = newFp;
              cur = w;
              code = c.code();
              pc = 0;
              zeroLocals(s, r, fp, c);
              inst = w.instance();
              mem = inst.memory.bytes;
            } else {
              callHostFrom((HostFunctionInstance) callee, stack, newFp, pc, fp, cur);
              s = stack.slots();
              r = stack.refs();
              mem = inst.memory.bytes;
            }
          }
          case Op.I32_EQZ -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] == 0 ? 1 : 0;
            pc += 3;
          }
          case Op.I32_EQ -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] == (int) s[fp + code[pc + 3]] ? 1 : 0;
            pc += 4;
          }
          case Op.I32_NE -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] != (int) s[fp + code[pc + 3]] ? 1 : 0;
            pc += 4;
          }
          case Op.I32_LT_S -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] < (int) s[fp + code[pc + 3]] ? 1 : 0;
            pc += 4;
          }
          case Op.I32_GT_S -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] > (int) s[fp + code[pc + 3]] ? 1 : 0;
            pc += 4;
          }
          case Op.I32_LE_S -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] <= (int) s[fp + code[pc + 3]] ? 1 : 0;
            pc += 4;
          }
          case Op.I32_GE_S -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] >= (int) s[fp + code[pc + 3]] ? 1 : 0;
            pc += 4;
          }
          case Op.I32_LT_U -> {
            s[fp + code[pc + 1]] =
                Integer.compareUnsigned((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]) < 0
                    ? 1
                    : 0;
            pc += 4;
          }
          case Op.I32_GT_U -> {
            s[fp + code[pc + 1]] =
                Integer.compareUnsigned((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]) > 0
                    ? 1
                    : 0;
            pc += 4;
          }
          case Op.I32_LE_U -> {
            s[fp + code[pc + 1]] =
                Integer.compareUnsigned((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]) <= 0
                    ? 1
                    : 0;
            pc += 4;
          }
          case Op.I32_GE_U -> {
            s[fp + code[pc + 1]] =
                Integer.compareUnsigned((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]) >= 0
                    ? 1
                    : 0;
            pc += 4;
          }
          case Op.I32_ADD -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] + (int) s[fp + code[pc + 3]];
            pc += 4;
          }
          case Op.I32_SUB -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] - (int) s[fp + code[pc + 3]];
            pc += 4;
          }
          case Op.I32_MUL -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] * (int) s[fp + code[pc + 3]];
            pc += 4;
          }
          case Op.I32_AND -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] & (int) s[fp + code[pc + 3]];
            pc += 4;
          }
          case Op.I32_OR -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] | (int) s[fp + code[pc + 3]];
            pc += 4;
          }
          case Op.I32_XOR -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] ^ (int) s[fp + code[pc + 3]];
            pc += 4;
          }
          case Op.I32_SHL -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] << (int) s[fp + code[pc + 3]];
            pc += 4;
          }
          case Op.I32_SHR_S -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] >> (int) s[fp + code[pc + 3]];
            pc += 4;
          }
          case Op.I32_SHR_U -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]] >>> (int) s[fp + code[pc + 3]];
            pc += 4;
          }
          case Op.I32_DIV_S -> {
            s[fp + code[pc + 1]] =
                Numerics.i32DivS((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
            pc += 4;
          }
          case Op.I32_DIV_U -> {
            s[fp + code[pc + 1]] =
                Numerics.i32DivU((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
            pc += 4;
          }
          case Op.I32_REM_S -> {
            s[fp + code[pc + 1]] =
                Numerics.i32RemS((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
            pc += 4;
          }
          case Op.I32_REM_U -> {
            s[fp + code[pc + 1]] =
                Numerics.i32RemU((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
            pc += 4;
          }
          case Op.I32_ROTL -> {
            s[fp + code[pc + 1]] =
                Integer.rotateLeft((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
            pc += 4;
          }
          case Op.I32_ROTR -> {
            s[fp + code[pc + 1]] =
                Integer.rotateRight((int) s[fp + code[pc + 2]], (int) s[fp + code[pc + 3]]);
            pc += 4;
          }
          case Op.I64_EQZ -> {
            s[fp + code[pc + 1]] = s[fp + code[pc + 2]] == 0 ? 1 : 0;
            pc += 3;
          }
          case Op.I64_EQ -> {
            s[fp + code[pc + 1]] = s[fp + code[pc + 2]] == s[fp + code[pc + 3]] ? 1 : 0;
            pc += 4;
          }
          case Op.I64_NE -> {
            s[fp + code[pc + 1]] = s[fp + code[pc + 2]] != s[fp + code[pc + 3]] ? 1 : 0;
            pc += 4;
          }
          case Op.I64_LT_S -> {
            s[fp + code[pc + 1]] = s[fp + code[pc + 2]] < s[fp + code[pc + 3]] ? 1 : 0;
            pc += 4;
          }
          case Op.I64_GT_S -> {
            s[fp + code[pc + 1]] = s[fp + code[pc + 2]] > s[fp + code[pc + 3]] ? 1 : 0;
            pc += 4;
          }
          case Op.I64_LE_S -> {
            s[fp + code[pc + 1]] = s[fp + code[pc + 2]] <= s[fp + code[pc + 3]] ? 1 : 0;
            pc += 4;
          }
          case Op.I64_GE_S -> {
            s[fp + code[pc + 1]] = s[fp + code[pc + 2]] >= s[fp + code[pc + 3]] ? 1 : 0;
            pc += 4;
          }
          case Op.I64_GE_U -> {
            s[fp + code[pc + 1]] =
                Long.compareUnsigned(s[fp + code[pc + 2]], s[fp + code[pc + 3]]) >= 0 ? 1 : 0;
            pc += 4;
          }
          case Op.I64_ADD -> {
            s[fp + code[pc + 1]] = s[fp + code[pc + 2]] + s[fp + code[pc + 3]];
            pc += 4;
          }
          case Op.I64_SUB -> {
            s[fp + code[pc + 1]] = s[fp + code[pc + 2]] - s[fp + code[pc + 3]];
            pc += 4;
          }
          case Op.I64_MUL -> {
            s[fp + code[pc + 1]] = s[fp + code[pc + 2]] * s[fp + code[pc + 3]];
            pc += 4;
          }
          case Op.I64_AND -> {
            s[fp + code[pc + 1]] = s[fp + code[pc + 2]] & s[fp + code[pc + 3]];
            pc += 4;
          }
          case Op.I64_OR -> {
            s[fp + code[pc + 1]] = s[fp + code[pc + 2]] | s[fp + code[pc + 3]];
            pc += 4;
          }
          case Op.I64_XOR -> {
            s[fp + code[pc + 1]] = s[fp + code[pc + 2]] ^ s[fp + code[pc + 3]];
            pc += 4;
          }
          case Op.I64_SHL -> {
            s[fp + code[pc + 1]] = s[fp + code[pc + 2]] << s[fp + code[pc + 3]];
            pc += 4;
          }
          case Op.I64_SHR_S -> {
            s[fp + code[pc + 1]] = s[fp + code[pc + 2]] >> s[fp + code[pc + 3]];
            pc += 4;
          }
          case Op.I64_SHR_U -> {
            s[fp + code[pc + 1]] = s[fp + code[pc + 2]] >>> s[fp + code[pc + 3]];
            pc += 4;
          }
          case Op.F64_EQ -> {
            s[fp + code[pc + 1]] =
                Double.longBitsToDouble(s[fp + code[pc + 2]])
                        == Double.longBitsToDouble(s[fp + code[pc + 3]])
                    ? 1
                    : 0;
            pc += 4;
          }
          case Op.F64_NE -> {
            s[fp + code[pc + 1]] =
                Double.longBitsToDouble(s[fp + code[pc + 2]])
                        != Double.longBitsToDouble(s[fp + code[pc + 3]])
                    ? 1
                    : 0;
            pc += 4;
          }
          case Op.F64_LT -> {
            s[fp + code[pc + 1]] =
                Double.longBitsToDouble(s[fp + code[pc + 2]])
                        < Double.longBitsToDouble(s[fp + code[pc + 3]])
                    ? 1
                    : 0;
            pc += 4;
          }
          case Op.F64_GT -> {
            s[fp + code[pc + 1]] =
                Double.longBitsToDouble(s[fp + code[pc + 2]])
                        > Double.longBitsToDouble(s[fp + code[pc + 3]])
                    ? 1
                    : 0;
            pc += 4;
          }
          case Op.F64_LE -> {
            s[fp + code[pc + 1]] =
                Double.longBitsToDouble(s[fp + code[pc + 2]])
                        <= Double.longBitsToDouble(s[fp + code[pc + 3]])
                    ? 1
                    : 0;
            pc += 4;
          }
          case Op.F64_GE -> {
            s[fp + code[pc + 1]] =
                Double.longBitsToDouble(s[fp + code[pc + 2]])
                        >= Double.longBitsToDouble(s[fp + code[pc + 3]])
                    ? 1
                    : 0;
            pc += 4;
          }
          case Op.F64_ADD -> {
            s[fp + code[pc + 1]] =
                Double.doubleToRawLongBits(
                    Double.longBitsToDouble(s[fp + code[pc + 2]])
                        + Double.longBitsToDouble(s[fp + code[pc + 3]]));
            pc += 4;
          }
          case Op.F64_SUB -> {
            s[fp + code[pc + 1]] =
                Double.doubleToRawLongBits(
                    Double.longBitsToDouble(s[fp + code[pc + 2]])
                        - Double.longBitsToDouble(s[fp + code[pc + 3]]));
            pc += 4;
          }
          case Op.F64_MUL -> {
            s[fp + code[pc + 1]] =
                Double.doubleToRawLongBits(
                    Double.longBitsToDouble(s[fp + code[pc + 2]])
                        * Double.longBitsToDouble(s[fp + code[pc + 3]]));
            pc += 4;
          }
          case Op.F64_DIV -> {
            s[fp + code[pc + 1]] =
                Double.doubleToRawLongBits(
                    Double.longBitsToDouble(s[fp + code[pc + 2]])
                        / Double.longBitsToDouble(s[fp + code[pc + 3]]));
            pc += 4;
          }
          case Op.F64_SQRT -> {
            s[fp + code[pc + 1]] =
                Double.doubleToRawLongBits(
                    Numerics.f64Sqrt(Double.longBitsToDouble(s[fp + code[pc + 2]])));
            pc += 3;
          }
          case Op.I32_WRAP_I64 -> {
            s[fp + code[pc + 1]] = (int) s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.I64_EXTEND_I32_S -> {
            s[fp + code[pc + 1]] = (long) (int) s[fp + code[pc + 2]];
            pc += 3;
          }
          case Op.I64_EXTEND_I32_U -> {
            s[fp + code[pc + 1]] = s[fp + code[pc + 2]] & 0xFFFFFFFFL;
            pc += 3;
          }
          case Op.F64_CONVERT_I32_S -> {
            s[fp + code[pc + 1]] = Double.doubleToRawLongBits((double) (int) s[fp + code[pc + 2]]);
            pc += 3;
          }
          case Op.I32_LOAD -> {
            int ea = address(s[fp + code[pc + 2]], code[pc + 3], 4, mem);
            s[fp + code[pc + 1]] = (int) I32.get(mem, ea);
            pc += 4;
          }
          case Op.I64_LOAD -> {
            int ea = address(s[fp + code[pc + 2]], code[pc + 3], 8, mem);
            s[fp + code[pc + 1]] = (long) I64.get(mem, ea);
            pc += 4;
          }
          case Op.F32_LOAD -> {
            int ea = address(s[fp + code[pc + 2]], code[pc + 3], 4, mem);
            s[fp + code[pc + 1]] = (int) I32.get(mem, ea);
            pc += 4;
          }
          case Op.F64_LOAD -> {
            int ea = address(s[fp + code[pc + 2]], code[pc + 3], 8, mem);
            s[fp + code[pc + 1]] = (long) I64.get(mem, ea);
            pc += 4;
          }
          case Op.I32_LOAD8_S -> {
            int ea = address(s[fp + code[pc + 2]], code[pc + 3], 1, mem);
            s[fp + code[pc + 1]] = mem[ea];
            pc += 4;
          }
          case Op.I32_LOAD8_U -> {
            int ea = address(s[fp + code[pc + 2]], code[pc + 3], 1, mem);
            s[fp + code[pc + 1]] = mem[ea] & 0xFF;
            pc += 4;
          }
          case Op.I32_LOAD16_S -> {
            int ea = address(s[fp + code[pc + 2]], code[pc + 3], 2, mem);
            s[fp + code[pc + 1]] = (short) I16.get(mem, ea);
            pc += 4;
          }
          case Op.I32_LOAD16_U -> {
            int ea = address(s[fp + code[pc + 2]], code[pc + 3], 2, mem);
            s[fp + code[pc + 1]] = (short) I16.get(mem, ea) & 0xFFFF;
            pc += 4;
          }
          case Op.I64_LOAD8_S -> {
            int ea = address(s[fp + code[pc + 2]], code[pc + 3], 1, mem);
            s[fp + code[pc + 1]] = mem[ea];
            pc += 4;
          }
          case Op.I64_LOAD8_U -> {
            int ea = address(s[fp + code[pc + 2]], code[pc + 3], 1, mem);
            s[fp + code[pc + 1]] = mem[ea] & 0xFFL;
            pc += 4;
          }
          case Op.I64_LOAD16_S -> {
            int ea = address(s[fp + code[pc + 2]], code[pc + 3], 2, mem);
            s[fp + code[pc + 1]] = (short) I16.get(mem, ea);
            pc += 4;
          }
          case Op.I64_LOAD16_U -> {
            int ea = address(s[fp + code[pc + 2]], code[pc + 3], 2, mem);
            s[fp + code[pc + 1]] = (short) I16.get(mem, ea) & 0xFFFFL;
            pc += 4;
          }
          case Op.I64_LOAD32_S -> {
            int ea = address(s[fp + code[pc + 2]], code[pc + 3], 4, mem);
            s[fp + code[pc + 1]] = (int) I32.get(mem, ea);
            pc += 4;
          }
          case Op.I64_LOAD32_U -> {
            int ea = address(s[fp + code[pc + 2]], code[pc + 3], 4, mem);
            s[fp + code[pc + 1]] = (int) I32.get(mem, ea) & 0xFFFFFFFFL;
            pc += 4;
          }
          case Op.I32_STORE -> {
            int ea = address(s[fp + code[pc + 1]], code[pc + 3], 4, mem);
            long v = s[fp + code[pc + 2]];
            I32.set(mem, ea, (int) v);
            pc += 4;
          }
          case Op.I64_STORE -> {
            int ea = address(s[fp + code[pc + 1]], code[pc + 3], 8, mem);
            long v = s[fp + code[pc + 2]];
            I64.set(mem, ea, v);
            pc += 4;
          }
          case Op.F32_STORE -> {
            int ea = address(s[fp + code[pc + 1]], code[pc + 3], 4, mem);
            long v = s[fp + code[pc + 2]];
            I32.set(mem, ea, (int) v);
            pc += 4;
          }
          case Op.F64_STORE -> {
            int ea = address(s[fp + code[pc + 1]], code[pc + 3], 8, mem);
            long v = s[fp + code[pc + 2]];
            I64.set(mem, ea, v);
            pc += 4;
          }
          case Op.I32_STORE8 -> {
            int ea = address(s[fp + code[pc + 1]], code[pc + 3], 1, mem);
            long v = s[fp + code[pc + 2]];
            mem[ea] = (byte) v;
            pc += 4;
          }
          case Op.I32_STORE16 -> {
            int ea = address(s[fp + code[pc + 1]], code[pc + 3], 2, mem);
            long v = s[fp + code[pc + 2]];
            I16.set(mem, ea, (short) v);
            pc += 4;
          }
          case Op.I64_STORE8 -> {
            int ea = address(s[fp + code[pc + 1]], code[pc + 3], 1, mem);
            long v = s[fp + code[pc + 2]];
            mem[ea] = (byte) v;
            pc += 4;
          }
          case Op.I64_STORE16 -> {
            int ea = address(s[fp + code[pc + 1]], code[pc + 3], 2, mem);
            long v = s[fp + code[pc + 2]];
            I16.set(mem, ea, (short) v);
            pc += 4;
          }
          case Op.I64_STORE32 -> {
            int ea = address(s[fp + code[pc + 1]], code[pc + 3], 4, mem);
            long v = s[fp + code[pc + 2]];
            I32.set(mem, ea, (int) v);
            pc += 4;
          }
          default -> {
            pc = RareOps.execute(code[pc], s, r, fp, code, pc, inst);
            mem = inst.memory.bytes;
          }
        }
      }
    } catch (TrapException e) {
      throw unwind(e, stack, entryDepth, cur, pc);
    } catch (StackOverflowError e) {
      throw unwind(new ExhaustionException("call stack exhausted"), stack, entryDepth, cur, pc);
    }
  }

  private static FunctionInstance indirectCallee(
      ModuleInstance inst, int[] code, int pc, long[] s, int fp) {
    int expected = inst.typeIds[code[pc + 1]];
    Object[] table = inst.tables[code[pc + 2]].elements;
    int index = (int) s[fp + code[pc + 4]];
    if (index < 0 || index >= table.length) {
      throw new TrapException("undefined element");
    }
    Object element = table[index];
    if (element == null) {
      throw new TrapException("uninitialized element");
    }
    FunctionInstance callee = (FunctionInstance) element;
    if (callee.typeId() != expected) {
      throw new TrapException("indirect call type mismatch");
    }
    return callee;
  }

  /** Calls a host function from Wasm code, saving the caller's frame for backtraces. */
  private static void callHostFrom(
      HostFunctionInstance host, CallStack stack, int base, int pc, int fp, WasmFunction cur) {
    stack.ensureDepth();
    int d = stack.depth;
    stack.savedPc[d] = pc;
    stack.savedFp[d] = fp;
    stack.savedFunction[d] = cur;
    stack.depth = d + 1;
    ModuleInstance oldCaller = stack.caller;
    stack.caller = cur.instance();
    try {
      callHost(host, stack, base);
    } finally {
      stack.depth = d;
      stack.caller = oldCaller;
    }
  }

  private static void callHost(HostFunctionInstance host, CallStack stack, int base) {
    int oldTop = stack.top;
    stack.top = base + Math.max(host.paramSlots(), host.resultSlots());
    stack.ensureSlots(stack.top);
    try {
      host.code().invoke(stack, base);
    } catch (WasmException e) {
      throw e;
    } catch (StackOverflowError e) {
      throw new ExhaustionException("call stack exhausted");
    } catch (RuntimeException e) {
      throw new TrapException("host function " + host.name() + " failed: " + e, e);
    } finally {
      stack.top = oldTop;
    }
  }

  /** Adds this run's frames to the trap's Wasm backtrace (innermost first) and pops them. */
  private static TrapException unwind(
      TrapException trap, CallStack stack, int entryDepth, WasmFunction cur, int pc) {
    // A trap from a nested run (Wasm -> host -> Wasm) already holds the inner frames.
    List<WasmFrame> frames = new ArrayList<>(trap.backtrace());
    frames.add(frame(cur, pc));
    for (int d = stack.depth - 1; d >= entryDepth; d--) {
      frames.add(frame(stack.savedFunction[d], stack.savedPc[d] - 1));
    }
    trap.withBacktrace(frames);
    stack.depth = entryDepth;
    return trap;
  }

  private static WasmFrame frame(WasmFunction f, int pc) {
    int[] offsets = f.code().offsets();
    int offset = pc >= 0 && pc < offsets.length ? offsets[pc] : -1;
    return new WasmFrame(f.instance().moduleName(), f.index(), f.name(), offset);
  }
}
