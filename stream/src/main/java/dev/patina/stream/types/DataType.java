package dev.patina.stream.types;

import java.util.List;

/**
 * A SQL data type: one of RisingWave's scalar types, a list (PostgreSQL array) of a type, or a
 * struct (PostgreSQL composite) of named fields.
 *
 * <p>Every type knows the PostgreSQL OID that clients see in RowDescription and
 * ParameterDescription messages. RisingWave types carry no type modifiers (no {@code varchar(n)},
 * no {@code numeric(p,s)}), so {@link #typmod()} is -1 throughout.
 *
 * <p>This interface must declare no default methods: implementing classes would then initialize it
 * first, and its constants ({@code INT32 = ScalarType.INT32}) would read a half-initialized enum
 * and stay null.
 */
public sealed interface DataType permits ScalarType, ListType, StructType {
  DataType BOOLEAN = ScalarType.BOOLEAN;
  DataType INT16 = ScalarType.INT16;
  DataType INT32 = ScalarType.INT32;
  DataType INT64 = ScalarType.INT64;
  DataType FLOAT32 = ScalarType.FLOAT32;
  DataType FLOAT64 = ScalarType.FLOAT64;
  DataType DECIMAL = ScalarType.DECIMAL;
  DataType VARCHAR = ScalarType.VARCHAR;
  DataType BYTEA = ScalarType.BYTEA;
  DataType DATE = ScalarType.DATE;
  DataType TIME = ScalarType.TIME;
  DataType TIMESTAMP = ScalarType.TIMESTAMP;
  DataType TIMESTAMPTZ = ScalarType.TIMESTAMPTZ;
  DataType INTERVAL = ScalarType.INTERVAL;
  DataType JSONB = ScalarType.JSONB;
  DataType SERIAL = ScalarType.SERIAL;
  DataType INT256 = ScalarType.INT256;
  DataType VARIANT = ScalarType.VARIANT;

  /** Whether this is {@code variant} or holds one (in a list or struct). */
  default boolean containsVariant() {
    return switch (this) {
      case ScalarType s -> s == ScalarType.VARIANT;
      case ListType l -> l.element().containsVariant();
      case StructType s -> s.fields().stream().anyMatch(f -> f.type().containsVariant());
    };
  }

  /** PostgreSQL's OID of the pseudo-type {@code record}, which structs report. */
  int RECORD_OID = 2249;

  /** PostgreSQL's OID of {@code record[]}, which lists of structs report. */
  int RECORD_ARRAY_OID = 2287;

  /** The PostgreSQL type OID clients see for this type. */
  int oid();

  /** The OID of a PostgreSQL array whose elements have this type. */
  int arrayOid();

  /** The type modifier of RowDescription: always -1 (RisingWave types have none). */
  int typmod();

  /** {@code pg_type.typlen}: the fixed size in bytes, or -1 for variable-length types. */
  int typeLength();

  /** The type's SQL name as RisingWave prints it, e.g. {@code integer[]}, {@code struct<a int>}. */
  String sqlName();

  /** The Java class of this type's runtime values. */
  Class<?> javaClass();

  /** A list (PostgreSQL array) of {@code element}. */
  static ListType list(DataType element) {
    return new ListType(element);
  }

  /** A struct of the given fields. */
  static StructType struct(List<StructType.Field> fields) {
    return new StructType(fields);
  }

  /**
   * The type a client means by a PostgreSQL OID (in Parse or Bind), or null for 0 ("unspecified")
   * and for OIDs with no RisingWave counterpart. {@code text} (25) is read as varchar, as
   * RisingWave does, and {@code int8} as int64 rather than serial.
   */
  static DataType fromOid(int oid) {
    return switch (oid) {
      case 25 -> VARCHAR;
      case 1009 -> list(VARCHAR);
      case 18, 19, 1042 -> VARCHAR; // char, name, bpchar
      case 1014, 1003 -> list(VARCHAR);
      default -> {
        for (ScalarType t : ScalarType.values()) {
          if (t == ScalarType.SERIAL) {
            continue;
          }
          if (t.oid() == oid) {
            yield t;
          }
          if (t.arrayOid() == oid) {
            yield list(t);
          }
        }
        yield null;
      }
    };
  }
}
