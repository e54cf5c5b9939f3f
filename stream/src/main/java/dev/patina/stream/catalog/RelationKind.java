package dev.patina.stream.catalog;

/** What a catalog relation is; the SQL name is what errors and SHOW print. */
public enum RelationKind {
  TABLE("table"),
  MATERIALIZED_VIEW("materialized view"),
  VIEW("view"),
  INDEX("index"),
  SOURCE("source"),
  SINK("sink");

  private final String sqlName;

  RelationKind(String sqlName) {
    this.sqlName = sqlName;
  }

  /** The kind as SQL names it ({@code materialized view}). */
  public String sqlName() {
    return sqlName;
  }

  /** Whether rows of this kind live in a state table. */
  public boolean hasStorage() {
    return this == TABLE || this == MATERIALIZED_VIEW || this == INDEX;
  }
}
