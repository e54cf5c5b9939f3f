package dev.patina.stream.types;

import java.util.List;
import java.util.Objects;

/**
 * A list of values of one type: PostgreSQL's one-dimensional array. Values are {@code List<?>}
 * whose elements may be null.
 */
public record ListType(DataType element) implements DataType {
  public ListType {
    Objects.requireNonNull(element, "element");
  }

  /** The innermost element type of nested lists. */
  public DataType innermost() {
    DataType t = element;
    while (t instanceof ListType l) {
      t = l.element;
    }
    return t;
  }

  /** The array OID of the innermost element type (PostgreSQL arrays are multi-dimensional). */
  @Override
  public int oid() {
    return innermost().arrayOid();
  }

  @Override
  public int typmod() {
    return -1;
  }

  @Override
  public int arrayOid() {
    return oid();
  }

  @Override
  public int typeLength() {
    return -1;
  }

  @Override
  public String sqlName() {
    return element.sqlName() + "[]";
  }

  @Override
  public Class<?> javaClass() {
    return List.class;
  }

  @Override
  public String toString() {
    return sqlName();
  }
}
