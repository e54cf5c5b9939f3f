package dev.patina.wasm.binary;

import dev.patina.wasm.ValType;
import dev.patina.wasm.structure.ConstExpr;
import dev.patina.wasm.structure.DataSegment;
import dev.patina.wasm.structure.ElementSegment;
import dev.patina.wasm.structure.SegmentMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes constant expressions and the eight element and three data segment encodings. Constant
 * expressions are kept as bytes through their final {@code end}; which instructions they may hold
 * is a validation matter, so any well-formed expression is accepted here.
 */
final class SegmentDecoder {
  private final CodeReader reader;
  private final ExpressionScanner scanner;

  SegmentDecoder(CodeReader reader, ExpressionScanner scanner) {
    this.reader = reader;
    this.scanner = scanner;
  }

  ConstExpr constExpr() {
    int start = reader.position();
    scanner.scan(reader);
    return new ConstExpr(Arrays.copyOfRange(reader.bytes(), start, reader.position()), start);
  }

  /**
   * An element segment. The kind is a 3-bit field: bit 0 passive/declarative (else active), bit 1
   * an explicit table index (active) or declarative (otherwise), bit 2 expressions instead of
   * function indices.
   */
  ElementSegment element() {
    int start = reader.position();
    int kind = reader.u32();
    if (Integer.compareUnsigned(kind, 7) > 0) {
      throw BinaryReader.error("malformed elements segment kind", start);
    }
    boolean active = (kind & 1) == 0;
    boolean explicit = (kind & 2) != 0;
    boolean expressions = (kind & 4) != 0;
    SegmentMode mode =
        active ? SegmentMode.ACTIVE : explicit ? SegmentMode.DECLARATIVE : SegmentMode.PASSIVE;
    int table = active && explicit ? reader.u32() : 0;
    ConstExpr offset = active ? constExpr() : null;
    ValType type = ValType.FUNCREF;
    if (kind != 0 && kind != 4) {
      type = expressions ? reader.refType() : elementKind();
    }
    int n = reader.length();
    List<ConstExpr> init = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      if (expressions) {
        init.add(constExpr());
      } else {
        int at = reader.position();
        init.add(ConstExpr.refFunc(reader.u32(), at));
      }
    }
    return new ElementSegment(mode, table, offset, type, init);
  }

  private ValType elementKind() {
    int start = reader.position();
    if (reader.u8() != 0x00) {
      throw BinaryReader.error("malformed element kind", start);
    }
    return ValType.FUNCREF;
  }

  DataSegment data() {
    int start = reader.position();
    int kind = reader.u32();
    return switch (kind) {
      case 0 -> new DataSegment(SegmentMode.ACTIVE, 0, constExpr(), bytes());
      case 1 -> new DataSegment(SegmentMode.PASSIVE, 0, null, bytes());
      case 2 -> {
        int memory = reader.u32();
        yield new DataSegment(SegmentMode.ACTIVE, memory, constExpr(), bytes());
      }
      default -> throw BinaryReader.error("malformed data segment kind", start);
    };
  }

  private byte[] bytes() {
    return reader.bytes(reader.length());
  }
}
