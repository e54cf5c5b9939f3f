package dev.patina.stream.expr.agg;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.CastContext;
import dev.patina.stream.expr.Casts;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A bound aggregate call: the function, its argument expressions over the input row (already cast
 * to the parameter types), DISTINCT, FILTER (nullable), the ORDER BY inside the call (for a WITHIN
 * GROUP aggregate, its sort key is {@code args[0]} and its direction is {@code orderBy}), and the
 * constant direct arguments of ordered-set aggregates ({@code percentile_cont(0.5)}). Build with
 * {@link #bind}; get state with {@link #create}.
 *
 * @param strictArgs how many leading arguments make the aggregate skip a row when NULL
 */
public record AggCall(
    AggKind kind,
    List<BoundExpr> args,
    DataType type,
    boolean distinct,
    BoundExpr filter,
    List<SortKey> orderBy,
    List<Object> directArgs,
    int strictArgs) {

  public AggCall {
    args = List.copyOf(args);
    orderBy = List.copyOf(orderBy);
    directArgs = Collections.unmodifiableList(new ArrayList<>(directArgs));
  }

  /** Whether {@code name} is an aggregate function. */
  public static boolean isAggregate(String name) {
    return AggKind.byName(name) != null;
  }

  /**
   * Binds an aggregate call as written: {@code name([DISTINCT] args [ORDER BY orderBy]) [WITHIN
   * GROUP (ORDER BY withinGroup)] [FILTER (WHERE filter)]}; {@code star} is {@code count(*)}.
   * Direct arguments of WITHIN GROUP aggregates must be constants.
   *
   * @throws SqlException 42883 when no such aggregate takes these argument types, 42809 for misuse
   *     (WITHIN GROUP on a plain aggregate, DISTINCT on an ordered-set aggregate)
   */
  public static AggCall bind(
      String name,
      List<BoundExpr> args,
      boolean star,
      boolean distinct,
      BoundExpr filter,
      List<SortKey> orderBy,
      List<SortKey> withinGroup) {
    AggKind kind = AggKind.byName(name);
    if (kind == null) {
      throw new SqlException("42883", "aggregate function " + name + " does not exist");
    }
    if (filter != null) {
      filter = Casts.cast(filter, DataType.BOOLEAN, CastContext.IMPLICIT);
      if (filter.type() != DataType.BOOLEAN) {
        throw new SqlException(
            "42804",
            "argument of FILTER must be type boolean, not type " + filter.type().sqlName());
      }
    }
    if (kind.orderedSet() != !withinGroup.isEmpty()) {
      throw new SqlException(
          "42809",
          kind.orderedSet()
              ? "WITHIN GROUP is required for ordered-set aggregate " + kind.sqlName()
              : name + " is not an ordered-set aggregate, so it cannot have WITHIN GROUP");
    }
    if (kind.orderedSet()) {
      if (distinct || !orderBy.isEmpty()) {
        throw new SqlException(
            "42809", "cannot use DISTINCT or ORDER BY in ordered-set aggregate " + kind.sqlName());
      }
      return AggTyping.orderedSet(kind, args, withinGroup, filter);
    }
    if (star) {
      if (kind != AggKind.COUNT) {
        throw new SqlException("42809", name + "(*) must be used with count");
      }
      return new AggCall(
          AggKind.COUNT, List.of(), DataType.INT64, false, filter, List.of(), List.of(), 0);
    }
    return AggTyping.plain(kind, args, distinct, filter, orderBy);
  }

  /** A fresh accumulator with no rows. */
  public Accumulator create() {
    return new Accumulator(this, Kernels.create(this));
  }

  /** An accumulator with the state {@link Accumulator#serialize} wrote. */
  public Accumulator restore(byte[] state) {
    Accumulator a = create();
    a.restore(state);
    return a;
  }

  /**
   * Whether retracting rows is supported. Every aggregate here supports it (materialized input
   * where arithmetic cannot undo a row); kept so callers need not assume it.
   */
  public boolean retractable() {
    return true;
  }

  /** The aggregate over a batch of rows (the batch executor's one-shot use). */
  public Object aggregate(Iterable<Object[]> rows) {
    Accumulator a = create();
    for (Object[] r : rows) {
      a.apply(r, 1);
    }
    return a.result();
  }

  /** Readable form for EXPLAIN: {@code sum($1)}, {@code count(distinct $0) filter(...)}. */
  public String explain() {
    StringBuilder sb = new StringBuilder(kind.sqlName()).append('(');
    if (distinct) {
      sb.append("distinct ");
    }
    sb.append(
        args.isEmpty() && kind == AggKind.COUNT
            ? "*"
            : args.stream().map(BoundExpr::explain).collect(Collectors.joining(", ")));
    if (!orderBy.isEmpty()) {
      sb.append(" order by ")
          .append(
              orderBy.stream()
                  .map(k -> k.expr().explain() + (k.descending() ? " desc" : " asc"))
                  .collect(Collectors.joining(", ")));
    }
    sb.append(')');
    if (filter != null) {
      sb.append(" filter(where ").append(filter.explain()).append(')');
    }
    return sb.toString();
  }
}
