package dev.patina.stream.dataflow;

/** The kinds of {@link StreamGraphBuilder#hashJoin}; semi and anti joins output one side only. */
public enum JoinType {
  INNER,
  LEFT_OUTER,
  RIGHT_OUTER,
  FULL_OUTER,
  LEFT_SEMI,
  LEFT_ANTI,
  RIGHT_SEMI,
  RIGHT_ANTI;

  boolean outputsLeft() {
    return this != RIGHT_SEMI && this != RIGHT_ANTI;
  }

  boolean outputsRight() {
    return this != LEFT_SEMI && this != LEFT_ANTI;
  }

  /** Whether unmatched left rows appear, padded with NULLs. */
  boolean padsLeft() {
    return this == LEFT_OUTER || this == FULL_OUTER;
  }

  /** Whether unmatched right rows appear, padded with NULLs. */
  boolean padsRight() {
    return this == RIGHT_OUTER || this == FULL_OUTER;
  }
}
