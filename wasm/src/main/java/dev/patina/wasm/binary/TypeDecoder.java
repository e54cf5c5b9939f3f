package dev.patina.wasm.binary;

import dev.patina.wasm.FuncType;
import dev.patina.wasm.GlobalType;
import dev.patina.wasm.Limits;
import dev.patina.wasm.MemoryType;
import dev.patina.wasm.TableType;
import dev.patina.wasm.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes the type encodings of the binary format: function, table, memory and global types and
 * their limits. Only the encoding is checked; whether limits make sense is left to validation.
 */
final class TypeDecoder {
  private TypeDecoder() {}

  static FuncType funcType(CodeReader r) {
    int start = r.position();
    int form = r.u8();
    if ((form & 0x80) != 0) {
      // The form is a signed 7-bit LEB128 in the specification: a second byte is too long.
      throw BinaryReader.error("integer representation too long", start + 1);
    }
    if (form != 0x60) {
      throw BinaryReader.error("malformed function type", start);
    }
    List<ValType> params = resultType(r);
    List<ValType> results = resultType(r);
    return new FuncType(params, results);
  }

  private static List<ValType> resultType(CodeReader r) {
    int n = r.length();
    List<ValType> types = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      types.add(r.valType());
    }
    return types;
  }

  /**
   * Limits: a flag (a 1-bit LEB128, so 0x02 is "integer too large" and 0x81 "integer representation
   * too long", as in the reference decoder), a minimum and an optional maximum.
   */
  static Limits limits(CodeReader r) {
    boolean hasMax = r.unsigned(1) == 1;
    long min = r.u32() & 0xFFFFFFFFL;
    long max = hasMax ? r.u32() & 0xFFFFFFFFL : Limits.NO_MAX;
    return new Limits(min, max);
  }

  static TableType tableType(CodeReader r) {
    ValType element = r.refType();
    return new TableType(element, limits(r));
  }

  static MemoryType memoryType(CodeReader r) {
    return new MemoryType(limits(r));
  }

  static GlobalType globalType(CodeReader r) {
    ValType type = r.valType();
    int start = r.position();
    int mutability = r.u8();
    if (mutability > 1) {
      throw BinaryReader.error("malformed mutability", start);
    }
    return new GlobalType(type, mutability == 1);
  }
}
