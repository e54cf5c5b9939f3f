package dev.patina.stream.sql;

import java.util.List;

/**
 * A possibly qualified name ({@code t}, {@code public.t}, {@code db.public.t}) with its parts
 * already case-folded (unquoted parts are lower-cased, quoted parts kept as written).
 */
public record ObjectName(Pos pos, List<String> parts) {
  public ObjectName {
    parts = List.copyOf(parts);
    if (parts.isEmpty()) {
      throw new IllegalArgumentException("empty name");
    }
  }

  public static ObjectName of(String... parts) {
    return new ObjectName(Pos.NONE, List.of(parts));
  }

  /** The unqualified name: the last part. */
  public String name() {
    return parts.getLast();
  }

  /** The qualifier (schema, or database and schema), empty when unqualified. */
  public List<String> qualifier() {
    return parts.subList(0, parts.size() - 1);
  }

  public String toSql() {
    return SqlPrinter.name(parts);
  }
}
