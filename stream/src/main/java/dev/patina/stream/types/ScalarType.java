package dev.patina.stream.types;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * RisingWave's scalar types with their PostgreSQL OIDs, array OIDs, sizes and runtime classes.
 *
 * <p>Decimal values are {@link BigDecimal} or a {@link NonFiniteDecimal} (NaN and the infinities,
 * which RisingWave's decimal allows). Serial values are {@link Long} (RisingWave's row ids) and
 * report PostgreSQL's int8 OID; int256 values are {@link BigInteger} and report RisingWave's own
 * OID 1301.
 */
public enum ScalarType implements DataType {
  BOOLEAN(16, 1000, 1, "boolean", Boolean.class),
  INT16(21, 1005, 2, "smallint", Short.class),
  INT32(23, 1007, 4, "integer", Integer.class),
  INT64(20, 1016, 8, "bigint", Long.class),
  FLOAT32(700, 1021, 4, "real", Float.class),
  FLOAT64(701, 1022, 8, "double precision", Double.class),
  DECIMAL(1700, 1231, -1, "numeric", Object.class),
  VARCHAR(1043, 1015, -1, "character varying", String.class),
  BYTEA(17, 1001, -1, "bytea", byte[].class),
  DATE(1082, 1182, 4, "date", LocalDate.class),
  TIME(1083, 1183, 8, "time without time zone", LocalTime.class),
  TIMESTAMP(1114, 1115, 8, "timestamp without time zone", LocalDateTime.class),
  TIMESTAMPTZ(1184, 1185, 8, "timestamp with time zone", Instant.class),
  INTERVAL(1186, 1187, 16, "interval", Interval.class),
  JSONB(3802, 3807, -1, "jsonb", Jsonb.class),
  SERIAL(20, 1016, 8, "serial", Long.class),
  INT256(1301, 1302, -1, "rw_int256", BigInteger.class),
  VARIANT(1307, 1308, -1, "variant", Variant.class);

  private final int oid;
  private final int arrayOid;
  private final int typeLength;
  private final String sqlName;
  private final Class<?> javaClass;

  ScalarType(int oid, int arrayOid, int typeLength, String sqlName, Class<?> javaClass) {
    this.oid = oid;
    this.arrayOid = arrayOid;
    this.typeLength = typeLength;
    this.sqlName = sqlName;
    this.javaClass = javaClass;
  }

  @Override
  public int oid() {
    return oid;
  }

  @Override
  public int typmod() {
    return -1;
  }

  @Override
  public int arrayOid() {
    return arrayOid;
  }

  @Override
  public int typeLength() {
    return typeLength;
  }

  @Override
  public String sqlName() {
    return sqlName;
  }

  /**
   * The runtime class; for {@link #DECIMAL} it is {@code Object} because values are either {@link
   * BigDecimal} or {@link NonFiniteDecimal}.
   */
  @Override
  public Class<?> javaClass() {
    return javaClass;
  }

  @Override
  public String toString() {
    return sqlName;
  }
}
