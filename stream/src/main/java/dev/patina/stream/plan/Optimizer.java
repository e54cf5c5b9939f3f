package dev.patina.stream.plan;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.Operators;
import dev.patina.stream.expr.Volatility;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Rewrites that keep a plan's meaning: filter conditions move down through projections and into
 * joins, so that an equality between the sides of a join becomes its key (a hash join in batch, the
 * only join streaming supports) and single-side conditions filter before joining.
 */
public final class Optimizer {
  private Optimizer() {}

  public static LogicalPlan optimize(LogicalPlan p) {
    return push(p);
  }

  private static LogicalPlan push(LogicalPlan p) {
    return switch (p) {
      case LogicalPlan.Filter f -> pushFilter(push(f.input()), conjuncts(f.predicate()));
      case LogicalPlan.Join j -> {
        LogicalPlan l = push(j.left());
        LogicalPlan r = push(j.right());
        if (j.type() == LogicalPlan.JoinType.INNER && j.condition() != null) {
          yield joinWith(l, r, j.type(), conjuncts(j.condition()));
        }
        yield Binder.makeJoin(l, r, j.type(), j.condition());
      }
      case LogicalPlan.Project pr ->
          new LogicalPlan.Project(push(pr.input()), pr.exprs(), pr.schema());
      case LogicalPlan.Aggregate a ->
          new LogicalPlan.Aggregate(push(a.input()), a.groupKeys(), a.aggs(), a.schema());
      case LogicalPlan.Sort s -> new LogicalPlan.Sort(push(s.input()), s.keys());
      case LogicalPlan.Limit l ->
          new LogicalPlan.Limit(push(l.input()), l.limit(), l.offset(), l.withTies());
      case LogicalPlan.Distinct d -> new LogicalPlan.Distinct(push(d.input()));
      case LogicalPlan.DistinctOn d -> new LogicalPlan.DistinctOn(push(d.input()), d.keys());
      case LogicalPlan.SetOp s ->
          new LogicalPlan.SetOp(s.op(), s.all(), push(s.left()), push(s.right()));
      case LogicalPlan.ProjectSet ps ->
          new LogicalPlan.ProjectSet(push(ps.input()), ps.calls(), ps.schema());
      case LogicalPlan.OverWindow w ->
          new LogicalPlan.OverWindow(push(w.input()), w.calls(), w.schema());
      case LogicalPlan.TimeWindow w ->
          new LogicalPlan.TimeWindow(
              push(w.input()), w.timeColumn(), w.slide(), w.size(), w.offset(), w.schema());
      case LogicalPlan.Changelog c -> new LogicalPlan.Changelog(push(c.input()), c.schema());
      default -> p;
    };
  }

  static List<BoundExpr> conjuncts(BoundExpr e) {
    List<BoundExpr> out = new ArrayList<>();
    if (e instanceof BoundExpr.And a) {
      for (BoundExpr x : a.args()) {
        out.addAll(conjuncts(x));
      }
    } else {
      out.add(e);
    }
    return out;
  }

  private static BoundExpr and(List<BoundExpr> cs) {
    return cs.isEmpty() ? null : cs.size() == 1 ? cs.get(0) : Operators.and(cs);
  }

  private static boolean movable(BoundExpr e) {
    return e.volatility() != Volatility.VOLATILE;
  }

  /** {@code input} filtered by {@code preds}, pushed as far down as they go. */
  private static LogicalPlan pushFilter(LogicalPlan input, List<BoundExpr> preds) {
    if (preds.isEmpty()) {
      return input;
    }
    switch (input) {
      case LogicalPlan.Filter f -> {
        List<BoundExpr> all = new ArrayList<>(conjuncts(f.predicate()));
        all.addAll(preds);
        return pushFilter(f.input(), all);
      }
      case LogicalPlan.Project pr -> {
        List<BoundExpr> down = new ArrayList<>();
        List<BoundExpr> stay = new ArrayList<>();
        for (BoundExpr c : preds) {
          BoundExpr sub = substitute(c, pr.exprs());
          if (sub != null && movable(c)) {
            down.add(sub);
          } else {
            stay.add(c);
          }
        }
        LogicalPlan in = down.isEmpty() ? pr.input() : pushFilter(pr.input(), down);
        LogicalPlan out = new LogicalPlan.Project(in, pr.exprs(), pr.schema());
        return stay.isEmpty() ? out : new LogicalPlan.Filter(out, and(stay));
      }
      case LogicalPlan.Join j when j.type() == LogicalPlan.JoinType.INNER -> {
        List<BoundExpr> all =
            new ArrayList<>(j.condition() == null ? List.of() : conjuncts(j.condition()));
        List<BoundExpr> stay = new ArrayList<>();
        for (BoundExpr c : preds) {
          (movable(c) ? all : stay).add(c);
        }
        LogicalPlan out = joinWith(j.left(), j.right(), j.type(), all);
        return stay.isEmpty() ? out : new LogicalPlan.Filter(out, and(stay));
      }
      case LogicalPlan.Join j when j.type() == LogicalPlan.JoinType.LEFT -> {
        int n = j.left().schema().size();
        List<BoundExpr> left = new ArrayList<>();
        List<BoundExpr> stay = new ArrayList<>();
        for (BoundExpr c : preds) {
          BitSet refs = c.inputRefs();
          (movable(c) && (refs.isEmpty() || refs.length() <= n) ? left : stay).add(c);
        }
        LogicalPlan out =
            left.isEmpty()
                ? j
                : Binder.makeJoin(pushFilter(j.left(), left), j.right(), j.type(), j.condition());
        return stay.isEmpty() ? out : new LogicalPlan.Filter(out, and(stay));
      }
      default -> {
        return new LogicalPlan.Filter(input, and(preds));
      }
    }
  }

  /** An inner join of l and r on the conjuncts, single-side ones pushed into the sides. */
  private static LogicalPlan joinWith(
      LogicalPlan l, LogicalPlan r, LogicalPlan.JoinType type, List<BoundExpr> conds) {
    int n = l.schema().size();
    List<BoundExpr> left = new ArrayList<>();
    List<BoundExpr> right = new ArrayList<>();
    List<BoundExpr> both = new ArrayList<>();
    for (BoundExpr c : conds) {
      BitSet refs = c.inputRefs();
      if (!movable(c) || refs.isEmpty()) {
        both.add(c);
      } else if (refs.length() <= n) {
        left.add(c);
      } else if (refs.nextSetBit(0) >= n) {
        right.add(c.remapInputs(i -> i - n));
      } else {
        both.add(c);
      }
    }
    LogicalPlan lp = left.isEmpty() ? l : pushFilter(l, left);
    LogicalPlan rp = right.isEmpty() ? r : pushFilter(r, right);
    return Binder.makeJoin(lp, rp, type, and(both));
  }

  /** {@code e} over a projection's input (its references replaced by the projected exprs). */
  private static BoundExpr substitute(BoundExpr e, List<BoundExpr> exprs) {
    for (int i = e.inputRefs().nextSetBit(0); i >= 0; i = e.inputRefs().nextSetBit(i + 1)) {
      if (exprs.get(i).volatility() == Volatility.VOLATILE) {
        return null;
      }
    }
    return e.transform(x -> x instanceof BoundExpr.InputRef r ? exprs.get(r.index()) : x);
  }
}
