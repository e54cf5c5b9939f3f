package dev.patina.stream.types;

import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * A struct of named fields: PostgreSQL's composite type, reported as the pseudo-type {@code record}
 * as RisingWave does. Values are {@link StructValue}.
 */
public record StructType(List<Field> fields) implements DataType {
  /** One named field of a struct. */
  public record Field(String name, DataType type) {
    public Field {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }
  }

  public StructType {
    fields = List.copyOf(fields);
  }

  /** A struct type from alternating names and types: {@code of("a", INT32, "b", VARCHAR)}. */
  public static StructType of(Object... namesAndTypes) {
    if (namesAndTypes.length % 2 != 0) {
      throw new IllegalArgumentException("names and types must alternate");
    }
    Field[] fs = new Field[namesAndTypes.length / 2];
    for (int i = 0; i < fs.length; i++) {
      fs[i] = new Field((String) namesAndTypes[2 * i], (DataType) namesAndTypes[2 * i + 1]);
    }
    return new StructType(List.of(fs));
  }

  @Override
  public int oid() {
    return RECORD_OID;
  }

  @Override
  public int typmod() {
    return -1;
  }

  @Override
  public int arrayOid() {
    return RECORD_ARRAY_OID;
  }

  @Override
  public int typeLength() {
    return -1;
  }

  @Override
  public String sqlName() {
    return fields.stream()
        .map(f -> f.name() + " " + f.type().sqlName())
        .collect(Collectors.joining(", ", "struct<", ">"));
  }

  @Override
  public Class<?> javaClass() {
    return StructValue.class;
  }

  @Override
  public String toString() {
    return sqlName();
  }
}
