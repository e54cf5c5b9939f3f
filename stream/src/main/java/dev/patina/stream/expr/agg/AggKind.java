package dev.patina.stream.expr.agg;

import java.util.Locale;

/** The aggregate functions, with their SQL names. */
public enum AggKind {
  COUNT("count"),
  SUM("sum"),
  AVG("avg"),
  MIN("min"),
  MAX("max"),
  BOOL_AND("bool_and"),
  BOOL_OR("bool_or"),
  BIT_AND("bit_and"),
  BIT_OR("bit_or"),
  BIT_XOR("bit_xor"),
  STRING_AGG("string_agg"),
  ARRAY_AGG("array_agg"),
  JSONB_AGG("jsonb_agg"),
  JSONB_OBJECT_AGG("jsonb_object_agg"),
  FIRST_VALUE("first_value"),
  LAST_VALUE("last_value"),
  VAR_POP("var_pop"),
  VAR_SAMP("var_samp"),
  STDDEV_POP("stddev_pop"),
  STDDEV_SAMP("stddev_samp"),
  PERCENTILE_CONT("percentile_cont"),
  PERCENTILE_DISC("percentile_disc"),
  MODE("mode"),
  APPROX_PERCENTILE("approx_percentile");

  private final String sqlName;

  AggKind(String sqlName) {
    this.sqlName = sqlName;
  }

  public String sqlName() {
    return sqlName;
  }

  /** Ordered-set aggregates take their input through WITHIN GROUP (ORDER BY ...). */
  public boolean orderedSet() {
    return this == PERCENTILE_CONT
        || this == PERCENTILE_DISC
        || this == MODE
        || this == APPROX_PERCENTILE;
  }

  /** The aggregate of a name (with the aliases every, variance, stddev), or null. */
  public static AggKind byName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    switch (n) {
      case "every":
        return BOOL_AND;
      case "variance":
        return VAR_SAMP;
      case "stddev":
        return STDDEV_SAMP;
      default:
        break;
    }
    for (AggKind k : values()) {
      if (k.sqlName.equals(n)) {
        return k;
      }
    }
    return null;
  }
}
