package dev.patina.stream.sql;

/**
 * Where a node or token starts in the SQL text: {@code offset} is the 0-based index of its first
 * UTF-16 char, {@code line} and {@code column} are 1-based.
 *
 * <p>Positions are metadata, not syntax: <em>every two positions are equal</em>, so two AST nodes
 * are equal when they are the same SQL wherever they were written. This is what the binder needs to
 * match {@code GROUP BY a + b} against {@code SELECT a + b}, and what lets tests compare a parse of
 * printed SQL with the original parse.
 */
public record Pos(int offset, int line, int column) {

  /** The position of nodes that were built rather than parsed. */
  public static final Pos NONE = new Pos(-1, 0, 0);

  @Override
  public boolean equals(Object o) {
    return o instanceof Pos;
  }

  @Override
  public int hashCode() {
    return 0;
  }

  @Override
  public String toString() {
    return line + ":" + column;
  }
}
