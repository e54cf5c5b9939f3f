package dev.patina.stream.types;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/** The value of a {@link StructType}: one value per field, in field order; fields may be null. */
public record StructValue(List<Object> fields) {
  public StructValue {
    // Fields may be null, so List.copyOf (which rejects nulls) does not do.
    fields = Collections.unmodifiableList(new ArrayList<>(fields));
  }

  public static StructValue of(Object... fields) {
    return new StructValue(Arrays.asList(fields));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof StructValue s && Values.listEquals(fields, s.fields);
  }

  @Override
  public int hashCode() {
    return Values.listHash(fields);
  }
}
