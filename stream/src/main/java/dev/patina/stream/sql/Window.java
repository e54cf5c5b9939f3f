package dev.patina.stream.sql;

import java.util.List;

/** The window of a window function call: {@code OVER w} or {@code OVER (...)}. */
public sealed interface Window {
  Pos pos();

  /** {@code OVER name}: a window defined in the query's WINDOW clause. */
  record Named(Pos pos, String name) implements Window {}

  /**
   * {@code OVER ([base] [PARTITION BY ...] [ORDER BY ...] [frame])}, also the definition in a
   * WINDOW clause. {@code base} (nullable) names a window this one extends; {@code frame} is null
   * when not written.
   */
  record Spec(Pos pos, String base, List<Expr> partitionBy, List<OrderByItem> orderBy, Frame frame)
      implements Window {
    public Spec {
      partitionBy = List.copyOf(partitionBy);
      orderBy = List.copyOf(orderBy);
    }
  }

  /**
   * A frame: {@code ROWS|RANGE|GROUPS BETWEEN start AND end [EXCLUDE ...]}, or a single bound
   * ({@code end} null), or RisingWave's {@code SESSION WITH GAP gap} ({@code units} SESSION, bounds
   * null).
   */
  record Frame(Units units, Bound start, Bound end, Exclusion exclusion, Expr gap) {}

  enum Units {
    ROWS,
    RANGE,
    GROUPS,
    SESSION
  }

  /** A frame bound; {@code offset} is set for PRECEDING and FOLLOWING. */
  record Bound(BoundKind kind, Expr offset) {}

  enum BoundKind {
    UNBOUNDED_PRECEDING,
    PRECEDING,
    CURRENT_ROW,
    FOLLOWING,
    UNBOUNDED_FOLLOWING
  }

  enum Exclusion {
    NONE,
    CURRENT_ROW,
    GROUP,
    TIES,
    NO_OTHERS
  }
}
