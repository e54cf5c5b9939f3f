package dev.patina.wasm.binary;

import dev.patina.wasm.ValType;

/**
 * Reads instructions: opcodes (with their {@code 0xFC}/{@code 0xFD} prefixes) and immediates. The
 * decoder, the validator and the compiler each walk function bodies with one of these.
 */
public final class CodeReader extends BinaryReader {
  /** The s33 value of the empty block type (byte 0x40). */
  public static final long EMPTY_BLOCK = -64;

  public CodeReader(byte[] bytes, int position, int limit) {
    super(bytes, position, limit);
  }

  /** Reads an opcode; an unknown one is malformed ("illegal opcode"). */
  public Opcode opcode() {
    int start = position;
    int b = u8();
    Opcode op;
    if (b == 0xFC) {
      op = Opcode.misc(u32() & 0xFFFFFFFFL);
    } else if (b == 0xFD) {
      op = Opcode.simd(u32() & 0xFFFFFFFFL);
    } else {
      op = Opcode.single(b);
    }
    if (op == null) {
      throw error("illegal opcode", start);
    }
    return op;
  }

  /**
   * A block type as its raw s33: {@link #EMPTY_BLOCK}, a value type's code, or a type index. The
   * empty type and value types are single bytes (the specification reads them as bytes, not as
   * LEB128 numbers), so a longer encoding of a negative number is malformed.
   */
  public long blockType() {
    int start = position;
    int b = peekU8();
    if ((b & 0xC0) == 0x40) {
      position++;
      return b - 0x80;
    }
    long v = s33();
    if (v < 0) {
      throw error("malformed block type", start);
    }
    return v;
  }

  /**
   * The value type of a single-result block type, or null if {@code blockType} is empty or a type
   * index.
   */
  public static ValType blockValueType(long blockType) {
    if (blockType >= 0 || blockType == EMPTY_BLOCK) {
      return null;
    }
    return ValType.fromCode((int) (blockType & 0x7F));
  }

  /** Whether a raw block type is a valid encoding (empty, a value type, or a type index). */
  public static boolean isBlockTypeEncoding(long blockType) {
    return blockType >= 0 || blockType == EMPTY_BLOCK || blockValueType(blockType) != null;
  }

  /**
   * A memory operand. In WebAssembly 2.0 the flags are just the alignment exponent, which must be
   * below 32 ("malformed memop flags"); the multi-memory bit 0x40 is not part of 2.0.
   */
  public MemArg memArg() {
    int align = u32();
    if (Integer.compareUnsigned(align, 32) >= 0) {
      throw error("malformed memop flags", position - 1);
    }
    long offset = u32() & 0xFFFFFFFFL;
    return new MemArg(align, 0, offset);
  }

  /** A reference type byte (ref.null, typed select, element kinds). */
  public ValType refType() {
    int start = position;
    ValType t = ValType.fromCode(u8());
    if (t == null || !t.isReference()) {
      throw error("malformed reference type", start);
    }
    return t;
  }

  public ValType valType() {
    int start = position;
    ValType t = ValType.fromCode(u8());
    if (t == null) {
      throw error("malformed value type", start);
    }
    return t;
  }

  /**
   * Skips the immediates of {@code op}, checking their encoding but not their meaning (indices are
   * not resolved here).
   */
  public void skipImmediates(Opcode op) {
    switch (op.immediate()) {
      case NONE -> {}
      case BLOCK_TYPE -> {
        int start = position;
        if (!isBlockTypeEncoding(blockType())) {
          throw error("malformed value type", start);
        }
      }
      case LABEL, FUNC, LOCAL, GLOBAL, TABLE, DATA, ELEM -> u32();
      case BR_TABLE -> {
        int n = length();
        for (int i = 0; i <= n; i++) {
          u32();
        }
      }
      case CALL_INDIRECT, TABLE_INIT, TABLE_COPY -> {
        u32();
        u32();
      }
      case SELECT_TYPES -> {
        int n = length();
        for (int i = 0; i < n; i++) {
          valType();
        }
      }
      case MEMARG -> memArg();
      case MEMARG_LANE -> {
        memArg();
        u8();
      }
      case MEMORY -> zeroByte();
      case MEMORY_INIT -> {
        u32();
        zeroByte();
      }
      case MEMORY_COPY -> {
        zeroByte();
        zeroByte();
      }
      case I32 -> s32();
      case I64 -> s64();
      case F32 -> f32Bits();
      case F64 -> f64Bits();
      case REF_TYPE -> refType();
      case V128, SHUFFLE -> bytes(16);
      case LANE -> u8();
    }
  }

  /** A reserved byte that must be zero (memory index in 2.0). */
  public void zeroByte() {
    int start = position;
    if (u8() != 0) {
      throw error("zero byte expected", start);
    }
  }
}
