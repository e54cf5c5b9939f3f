package dev.patina.stream.expr;

import dev.patina.stream.sql.DataType.Array;
import dev.patina.stream.sql.DataType.Map;
import dev.patina.stream.sql.DataType.Named;
import dev.patina.stream.sql.DataType.Struct;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Maps types as written in SQL ({@link dev.patina.stream.sql.DataType}) to runtime types. */
public final class SqlTypes {
  private SqlTypes() {}

  /**
   * The runtime type of a written type; modifiers ({@code varchar(10)}, {@code numeric(10,2)}) are
   * accepted and ignored, as RisingWave does.
   *
   * @throws dev.patina.stream.pgwire.SqlException 42704 "type "foo" does not exist"
   */
  public static DataType resolve(dev.patina.stream.sql.DataType t) {
    return switch (t) {
      case Array a -> DataType.list(resolve(a.element()));
      case Struct s -> {
        List<StructType.Field> fs = new ArrayList<>();
        for (var f : s.fields()) {
          fs.add(new StructType.Field(f.name(), resolve(f.type())));
        }
        yield new StructType(fs);
      }
      case Map m -> throw Errors.unsupported("map types are not supported");
      case Named n -> named(n.name());
    };
  }

  /** A built-in type by name ({@code int4}, {@code double precision}, {@code timestamptz} ...). */
  public static DataType named(String name) {
    String n = name.toLowerCase(Locale.ROOT).strip();
    DataType t =
        switch (n) {
          case "boolean", "bool" -> DataType.BOOLEAN;
          case "smallint", "int2" -> DataType.INT16;
          case "integer", "int", "int4" -> DataType.INT32;
          case "bigint", "int8" -> DataType.INT64;
          case "real", "float4" -> DataType.FLOAT32;
          case "double precision", "float8", "double", "float" -> DataType.FLOAT64;
          case "numeric", "decimal" -> DataType.DECIMAL;
          case "varchar",
              "character varying",
              "text",
              "string",
              "char",
              "character",
              "bpchar",
              "name" ->
              DataType.VARCHAR;
          case "bytea" -> DataType.BYTEA;
          case "date" -> DataType.DATE;
          case "time", "time without time zone" -> DataType.TIME;
          case "timestamp", "timestamp without time zone" -> DataType.TIMESTAMP;
          case "timestamptz", "timestamp with time zone" -> DataType.TIMESTAMPTZ;
          case "jsonb" -> DataType.JSONB;
          case "serial" -> DataType.SERIAL;
          case "rw_int256", "int256" -> DataType.INT256;
          case "variant" -> DataType.VARIANT;
          default -> n.startsWith("interval") ? DataType.INTERVAL : null;
        };
    if (t == null) {
      throw Errors.of("42704", "type \"" + name + "\" does not exist");
    }
    return t;
  }
}
