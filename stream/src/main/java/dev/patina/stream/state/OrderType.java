package dev.patina.stream.state;

/**
 * The order of one key column: ascending or descending, nulls first or last. PostgreSQL's default
 * is nulls last for ascending and nulls first for descending ({@link #of(boolean)}).
 */
public record OrderType(boolean descending, boolean nullsFirst) {
  public static final OrderType ASC = new OrderType(false, false);
  public static final OrderType DESC = new OrderType(true, true);

  /** PostgreSQL's default null placement for the direction. */
  public static OrderType of(boolean descending) {
    return descending ? DESC : ASC;
  }

  @Override
  public String toString() {
    return (descending ? "DESC" : "ASC")
        + (nullsFirst == descending ? "" : nullsFirst ? " NULLS FIRST" : " NULLS LAST");
  }
}
