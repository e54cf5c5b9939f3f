package dev.patina.stream.pgwire;

import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** The columns of a result: names and types, as in PostgreSQL's RowDescription message. */
public record RowDescription(List<Column> columns) {
  /**
   * One column. {@code tableOid} and {@code columnNumber} name the source table column when there
   * is one (0 otherwise), as clients such as pgjdbc use them for metadata.
   */
  public record Column(String name, DataType type, int tableOid, short columnNumber) {
    public Column {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(type, "type");
    }

    public Column(String name, DataType type) {
      this(name, type, 0, (short) 0);
    }
  }

  public RowDescription {
    columns = List.copyOf(columns);
  }

  /** Columns from alternating names and types: {@code of("a", INT32, "b", VARCHAR)}. */
  public static RowDescription of(Object... namesAndTypes) {
    if (namesAndTypes.length % 2 != 0) {
      throw new IllegalArgumentException("names and types must alternate");
    }
    List<Column> cs = new ArrayList<>();
    for (int i = 0; i < namesAndTypes.length; i += 2) {
      cs.add(new Column((String) namesAndTypes[i], (DataType) namesAndTypes[i + 1]));
    }
    return new RowDescription(cs);
  }

  public int size() {
    return columns.size();
  }

  public Column column(int i) {
    return columns.get(i);
  }
}
