package dev.patina.stream.sql;

import java.util.List;

/**
 * A type as written; the binder maps names to runtime types. Built-in names are kept in their
 * written spelling, lower-cased and with single spaces: {@code "int"}, {@code "int4"}, {@code
 * "double precision"}, {@code "character varying"}, {@code "timestamp with time zone"}, {@code
 * "interval day to second"}.
 */
public sealed interface DataType {
  Pos pos();

  default String toSql() {
    return SqlPrinter.print(this);
  }

  /**
   * A named type with its modifiers ({@code varchar(10)}, {@code numeric(10, 2)}, {@code
   * timestamp(3)}); {@code schema} is nullable ({@code pg_catalog.int4}).
   */
  record Named(Pos pos, String schema, String name, List<Integer> modifiers) implements DataType {
    public Named {
      modifiers = List.copyOf(modifiers);
    }

    public static Named of(String name) {
      return new Named(Pos.NONE, null, name, List.of());
    }
  }

  /** An array: {@code int[]}, {@code int ARRAY}; {@code varchar[][]} nests twice. */
  record Array(Pos pos, DataType element) implements DataType {}

  /** RisingWave's {@code STRUCT<a int, b varchar>}. */
  record Struct(Pos pos, List<Field> fields) implements DataType {
    public Struct {
      fields = List.copyOf(fields);
    }
  }

  record Field(Pos pos, String name, DataType type) {}

  /** RisingWave's {@code MAP(key, value)}. */
  record Map(Pos pos, DataType key, DataType value) implements DataType {}
}
