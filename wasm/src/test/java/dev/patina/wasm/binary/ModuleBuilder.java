package dev.patina.wasm.binary;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Test helper: builds module binaries from entries per section (already encoded), emitting the
 * sections in the required order with their counts and sizes.
 */
public final class ModuleBuilder {
  private final TreeMap<Integer, List<byte[]>> entries = new TreeMap<>();
  private final List<byte[]> bodies = new ArrayList<>();
  private int start = -1;
  private int dataCount = -1;

  private ModuleBuilder add(int section, byte[] entry) {
    entries.computeIfAbsent(section, k -> new ArrayList<>()).add(entry);
    return this;
  }

  public static ModuleBuilder module() {
    return new ModuleBuilder();
  }

  /** A function type; params and results are value type bytes. */
  public ModuleBuilder type(int[] params, int... results) {
    return add(
        1,
        WasmBytes.concat(
            WasmBytes.bytes(0x60, params.length),
            WasmBytes.bytes(params),
            WasmBytes.bytes(results.length),
            WasmBytes.bytes(results)));
  }

  public ModuleBuilder importEntry(int... encoded) {
    return add(2, WasmBytes.bytes(encoded));
  }

  /** A function of type {@code type}, with a body of local declarations and code. */
  public ModuleBuilder func(int type, int... localsAndCode) {
    add(3, WasmBytes.uleb(type));
    bodies.add(WasmBytes.body(localsAndCode));
    return this;
  }

  public ModuleBuilder table(int... encoded) {
    return add(4, WasmBytes.bytes(encoded));
  }

  public ModuleBuilder memory(int... encoded) {
    return add(5, WasmBytes.bytes(encoded));
  }

  public ModuleBuilder global(int... encoded) {
    return add(6, WasmBytes.bytes(encoded));
  }

  /** An export named by one ASCII letter. */
  public ModuleBuilder export(char name, int kind, int index) {
    return add(7, WasmBytes.bytes(1, name, kind, index));
  }

  public ModuleBuilder start(int function) {
    start = function;
    return this;
  }

  public ModuleBuilder elem(int... encoded) {
    return add(9, WasmBytes.bytes(encoded));
  }

  public ModuleBuilder data(int... encoded) {
    if (dataCount < 0) {
      dataCount = 0;
    }
    dataCount++;
    return add(11, WasmBytes.bytes(encoded));
  }

  public byte[] build() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int id : new int[] {1, 2, 3, 4, 5, 6, 7}) {
      vec(out, id, entries.get(id));
    }
    if (start >= 0) {
      out.writeBytes(WasmBytes.section(8, WasmBytes.uleb(start)));
    }
    vec(out, 9, entries.get(9));
    if (dataCount >= 0) {
      out.writeBytes(WasmBytes.section(12, WasmBytes.uleb(dataCount)));
    }
    if (!bodies.isEmpty()) {
      out.writeBytes(WasmBytes.codeSection(bodies.toArray(byte[][]::new)));
    }
    vec(out, 11, entries.get(11));
    return WasmBytes.module(out.toByteArray());
  }

  private static void vec(ByteArrayOutputStream out, int id, List<byte[]> list) {
    if (list == null) {
      return;
    }
    ByteArrayOutputStream contents = new ByteArrayOutputStream();
    contents.writeBytes(WasmBytes.uleb(list.size()));
    list.forEach(contents::writeBytes);
    out.writeBytes(WasmBytes.section(id, contents.toByteArray()));
  }
}
