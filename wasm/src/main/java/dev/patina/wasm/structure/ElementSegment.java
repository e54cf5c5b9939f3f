package dev.patina.wasm.structure;

import dev.patina.wasm.ValType;
import java.util.List;

/**
 * An element segment. Active segments name a table and an offset expression (else {@code
 * tableIndex} is 0 and {@code offset} is null). Every initializer is a constant expression;
 * segments that list function indices get {@code ref.func} expressions.
 */
public record ElementSegment(
    SegmentMode mode, int tableIndex, ConstExpr offset, ValType type, List<ConstExpr> init) {
  public ElementSegment {
    init = List.copyOf(init);
  }
}
