package dev.patina.wasm.internal.interp;

import java.util.Arrays;

/**
 * The growing output of the compiler: code words, and for each word the module byte offset of the
 * Wasm instruction it implements.
 */
final class CodeBuffer {
  private int[] code = new int[256];
  private int[] offsets = new int[256];
  private int size;
  private int currentOffset;

  /** Sets the module offset recorded for the words emitted next. */
  void at(int offset) {
    currentOffset = offset;
  }

  int size() {
    return size;
  }

  void emit(int word) {
    if (size == code.length) {
      code = Arrays.copyOf(code, size * 2);
      offsets = Arrays.copyOf(offsets, size * 2);
    }
    offsets[size] = currentOffset;
    code[size++] = word;
  }

  void emit(int a, int b) {
    emit(a);
    emit(b);
  }

  void emit(int a, int b, int c) {
    emit(a);
    emit(b);
    emit(c);
  }

  void emit(int a, int b, int c, int d) {
    emit(a);
    emit(b);
    emit(c);
    emit(d);
  }

  /** Drops the words from {@code newSize} on (an instruction the compiler fuses into another). */
  void truncate(int newSize) {
    size = newSize;
  }

  int get(int position) {
    return code[position];
  }

  void set(int position, int word) {
    code[position] = word;
  }

  int[] code() {
    return Arrays.copyOf(code, size);
  }

  int[] offsets() {
    return Arrays.copyOf(offsets, size);
  }
}
