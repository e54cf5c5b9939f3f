package dev.patina.stream.catalog;

import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.sql.SqlParser;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.ListType;
import dev.patina.stream.types.ScalarType;
import dev.patina.stream.types.StructType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Resolves SQL type names to runtime types and prints types back as SQL. */
public final class TypeNames {
  private TypeNames() {}

  /** The runtime type a parsed type name denotes. */
  public static DataType resolve(dev.patina.stream.sql.DataType t) {
    return switch (t) {
      case dev.patina.stream.sql.DataType.Named n -> named(n.name());
      case dev.patina.stream.sql.DataType.Array a -> DataType.list(resolve(a.element()));
      case dev.patina.stream.sql.DataType.Struct s -> {
        List<StructType.Field> fs = new ArrayList<>();
        for (dev.patina.stream.sql.DataType.Field f : s.fields()) {
          fs.add(new StructType.Field(f.name(), resolve(f.type())));
        }
        yield new StructType(fs);
      }
      case dev.patina.stream.sql.DataType.Map m ->
          throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "map types are not supported");
    };
  }

  /** The runtime type of a (case-insensitive) type name such as {@code int4} or {@code real}. */
  public static DataType named(String name) {
    String n = name.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    return switch (n) {
      case "boolean", "bool" -> DataType.BOOLEAN;
      case "smallint", "int2" -> DataType.INT16;
      case "int", "integer", "int4" -> DataType.INT32;
      case "bigint", "int8" -> DataType.INT64;
      case "real", "float4" -> DataType.FLOAT32;
      case "double precision", "double", "float8", "float" -> DataType.FLOAT64;
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
      case "interval" -> DataType.INTERVAL;
      case "jsonb" -> DataType.JSONB;
      case "serial" -> DataType.SERIAL;
      case "rw_int256", "int256" -> DataType.INT256;
      case "variant" -> DataType.VARIANT;
      case "oid", "regclass", "regtype", "regproc", "regnamespace", "regrole" -> DataType.INT32;
      default ->
          throw new SqlException(SqlState.UNDEFINED_OBJECT, "type \"" + name + "\" does not exist");
    };
  }

  /** SQL text that {@link #parse} turns back into {@code t}. */
  public static String toSql(DataType t) {
    return switch (t) {
      case ScalarType s -> s == ScalarType.INT256 ? "rw_int256" : s.sqlName();
      case ListType l -> toSql(l.element()) + "[]";
      case StructType s -> {
        StringBuilder b = new StringBuilder("struct<");
        for (int i = 0; i < s.fields().size(); i++) {
          StructType.Field f = s.fields().get(i);
          b.append(i == 0 ? "" : ", ")
              .append('"')
              .append(f.name().replace("\"", "\"\""))
              .append("\" ");
          b.append(toSql(f.type()));
        }
        yield b.append('>').toString();
      }
    };
  }

  /** Parses a type written by {@link #toSql}. */
  public static DataType parse(String sql) {
    return resolve(SqlParser.parseDataType(sql));
  }
}
