package dev.patina.stream.expr.window;

import java.util.Locale;

/** Window functions proper; aggregates over windows are {@link #AGGREGATE}. */
public enum WindowKind {
  ROW_NUMBER,
  RANK,
  DENSE_RANK,
  PERCENT_RANK,
  CUME_DIST,
  NTILE,
  LAG,
  LEAD,
  FIRST_VALUE,
  LAST_VALUE,
  NTH_VALUE,
  AGGREGATE;

  public String sqlName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The window function of a name, or null (aggregates are resolved by the caller). */
  public static WindowKind byName(String name) {
    String n = name.toUpperCase(Locale.ROOT);
    for (WindowKind k : values()) {
      if (k != AGGREGATE && k.name().equals(n)) {
        return k;
      }
    }
    return null;
  }

  /** Whether the value depends on the frame (not only on the row's position and peers). */
  boolean framed() {
    return this == FIRST_VALUE || this == LAST_VALUE || this == NTH_VALUE || this == AGGREGATE;
  }
}
