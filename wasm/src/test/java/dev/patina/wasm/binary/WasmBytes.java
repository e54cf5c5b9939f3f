package dev.patina.wasm.binary;

import java.io.ByteArrayOutputStream;

/** Test helper: assembles module binaries from sections, with LEB128 sizes filled in. */
public final class WasmBytes {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private WasmBytes() {}

  /** A module: the header, then the given raw bytes (usually sections). */
  public static byte[] module(byte[]... sections) {
    WasmBytes w = new WasmBytes();
    w.raw(0x00, 0x61, 0x73, 0x6D, 0x01, 0x00, 0x00, 0x00);
    for (byte[] s : sections) {
      w.out.writeBytes(s);
    }
    return w.out.toByteArray();
  }

  /** A section: its id, its size and its contents. */
  public static byte[] section(int id, byte[] contents) {
    WasmBytes w = new WasmBytes();
    w.raw(id);
    w.u32(contents.length);
    w.out.writeBytes(contents);
    return w.out.toByteArray();
  }

  /** A section whose contents are a vector of {@code count} pre-encoded entries. */
  public static byte[] vecSection(int id, int count, int... entryBytes) {
    WasmBytes w = new WasmBytes();
    w.u32(count);
    w.raw(entryBytes);
    return section(id, w.out.toByteArray());
  }

  /** A code section entry: size, then the body (locals declarations and instructions). */
  public static byte[] body(int... localsAndCode) {
    WasmBytes w = new WasmBytes();
    w.u32(localsAndCode.length);
    w.raw(localsAndCode);
    return w.out.toByteArray();
  }

  /** A code section holding the given function bodies (each from {@link #body}). */
  public static byte[] codeSection(byte[]... bodies) {
    WasmBytes w = new WasmBytes();
    w.u32(bodies.length);
    for (byte[] b : bodies) {
      w.out.writeBytes(b);
    }
    return section(10, w.out.toByteArray());
  }

  /**
   * Type section with one type {@code [] -> []}, function section with {@code n} functions of it.
   */
  public static byte[][] voidFunctions(int n) {
    int[] funcs = new int[n];
    return new byte[][] {vecSection(1, 1, 0x60, 0, 0), vecSection(3, n, funcs)};
  }

  public static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      o.writeBytes(p);
    }
    return o.toByteArray();
  }

  public static byte[] bytes(int... values) {
    byte[] b = new byte[values.length];
    for (int i = 0; i < values.length; i++) {
      b[i] = (byte) values[i];
    }
    return b;
  }

  /** The unsigned LEB128 encoding of {@code value}. */
  public static byte[] uleb(long value) {
    WasmBytes w = new WasmBytes();
    w.uleb128(value);
    return w.out.toByteArray();
  }

  /** The signed LEB128 encoding of {@code value}. */
  public static byte[] sleb(long value) {
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    while (true) {
      int b = (int) (value & 0x7F);
      value >>= 7;
      boolean done = (value == 0 && (b & 0x40) == 0) || (value == -1 && (b & 0x40) != 0);
      o.write(done ? b : b | 0x80);
      if (done) {
        return o.toByteArray();
      }
    }
  }

  private void u32(int v) {
    uleb128(v & 0xFFFFFFFFL);
  }

  private void uleb128(long v) {
    do {
      int b = (int) (v & 0x7F);
      v >>>= 7;
      out.write(v != 0 ? b | 0x80 : b);
    } while (v != 0);
  }

  private void raw(int... values) {
    for (int v : values) {
      out.write(v);
    }
  }
}
