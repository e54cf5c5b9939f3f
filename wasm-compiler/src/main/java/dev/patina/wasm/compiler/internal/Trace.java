package dev.patina.wasm.compiler.internal;

import dev.patina.wasm.binary.Opcode;
import java.util.Arrays;

/**
 * What the first code generation of a function saw at each live instruction, in order: where it is,
 * how deep in control it is, the operand stack's height before it and the lowest height it reached,
 * the bytecode emitted so far and the basic blocks started so far. The split planner works from
 * this.
 */
final class Trace {
  int size;
  int[] position = new int[256];
  int[] depth = new int[256];
  int[] height = new int[256];
  int[] low = new int[256];
  int[] bytes = new int[256];
  int[] block = new int[256];
  Opcode[] op = new Opcode[256];
  boolean[] deadAfter = new boolean[256];

  /** Bytecode bytes of the whole method, and the position after the last instruction. */
  int totalBytes;

  int endPosition;

  /** The fuel charged by each basic block, in order (metered code only). */
  int[] meterCounts = new int[0];

  int add(int pos, int d, int h, int b, int blk, Opcode o) {
    if (size == position.length) {
      int n = size * 2;
      position = Arrays.copyOf(position, n);
      depth = Arrays.copyOf(depth, n);
      height = Arrays.copyOf(height, n);
      low = Arrays.copyOf(low, n);
      bytes = Arrays.copyOf(bytes, n);
      block = Arrays.copyOf(block, n);
      op = Arrays.copyOf(op, n);
      deadAfter = Arrays.copyOf(deadAfter, n);
    }
    position[size] = pos;
    depth[size] = d;
    height[size] = h;
    low[size] = h;
    bytes[size] = b;
    block[size] = blk;
    op[size] = o;
    return size++;
  }

  /** Bytecode bytes from entry {@code from} up to (not including) entry {@code to}. */
  int bytesBetween(int from, int to) {
    return (to < size ? bytes[to] : totalBytes) - bytes[from];
  }
}
