package dev.patina.stream.catalog;

import dev.patina.stream.types.DataType;
import java.util.Objects;

/**
 * One column of a relation. {@code hidden} columns (the {@code _row_id} of a table without a
 * primary key) are stored and usable by name but left out of {@code SELECT *}.
 */
public record ColumnDesc(String name, DataType type, boolean hidden) {
  public ColumnDesc {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }

  public ColumnDesc(String name, DataType type) {
    this(name, type, false);
  }
}
