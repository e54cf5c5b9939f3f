package dev.patina.stream.plan;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.sql.Expr;
import dev.patina.stream.sql.Select;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * GROUPING SETS, ROLLUP and CUBE: the grouping sets an element stands for, and the plan that
 * aggregates once per set (missing keys NULL, {@code grouping()} a per-set constant) and unions the
 * results into the layout of a plain aggregate (all keys, then all aggregate calls).
 */
final class GroupingSets {
  private GroupingSets() {}

  static List<List<BoundExpr>> expand(Select.GroupingElement g, Function<Expr, BoundExpr> bind) {
    return switch (g) {
      case Select.GroupingElement.Item i -> List.of(List.of(bind.apply(i.expr())));
      case Select.GroupingElement.Set s -> List.of(s.exprs().stream().map(bind).toList());
      case Select.GroupingElement.GroupingSets gs -> {
        List<List<BoundExpr>> out = new ArrayList<>();
        for (Select.GroupingElement e : gs.elements()) {
          out.addAll(expand(e, bind));
        }
        yield out;
      }
      case Select.GroupingElement.Rollup r -> {
        List<List<BoundExpr>> parts = new ArrayList<>();
        for (Select.GroupingElement e : r.elements()) {
          parts.add(flatten(expand(e, bind)));
        }
        List<List<BoundExpr>> out = new ArrayList<>();
        for (int n = parts.size(); n >= 0; n--) {
          List<BoundExpr> set = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            set.addAll(parts.get(i));
          }
          out.add(set);
        }
        yield out;
      }
      case Select.GroupingElement.Cube c -> {
        List<List<BoundExpr>> parts = new ArrayList<>();
        for (Select.GroupingElement e : c.elements()) {
          parts.add(flatten(expand(e, bind)));
        }
        List<List<BoundExpr>> out = new ArrayList<>();
        for (int mask = (1 << parts.size()) - 1; mask >= 0; mask--) {
          List<BoundExpr> set = new ArrayList<>();
          for (int i = 0; i < parts.size(); i++) {
            if ((mask & (1 << (parts.size() - 1 - i))) != 0) {
              set.addAll(parts.get(i));
            }
          }
          out.add(set);
        }
        yield out;
      }
    };
  }

  private static List<BoundExpr> flatten(List<List<BoundExpr>> sets) {
    List<BoundExpr> out = new ArrayList<>();
    sets.forEach(out::addAll);
    return out;
  }

  /** Every combination of one set from {@code a} with one from {@code b}. */
  static List<List<BoundExpr>> cross(List<List<BoundExpr>> a, List<List<BoundExpr>> b) {
    List<List<BoundExpr>> out = new ArrayList<>();
    for (List<BoundExpr> x : a) {
      for (List<BoundExpr> y : b) {
        List<BoundExpr> s = new ArrayList<>(x);
        for (BoundExpr e : y) {
          if (!s.contains(e)) {
            s.add(e);
          }
        }
        out.add(s);
      }
    }
    return out;
  }

  static LogicalPlan plan(
      LogicalPlan input,
      List<BoundExpr> keys,
      List<List<BoundExpr>> sets,
      List<AggCall> calls,
      List<Field> fields) {
    List<AggCall> real = calls.stream().filter(c -> !c.name().equals("grouping")).toList();
    LogicalPlan union = null;
    for (List<BoundExpr> set : sets) {
      List<Field> af = new ArrayList<>();
      for (BoundExpr k : set) {
        af.add(new Field("_key", k.type()));
      }
      for (AggCall c : real) {
        af.add(new Field(c.name(), c.type()));
      }
      LogicalPlan agg = new LogicalPlan.Aggregate(input, set, real, af);
      List<BoundExpr> exprs = new ArrayList<>();
      for (BoundExpr k : keys) {
        int i = set.indexOf(k);
        exprs.add(
            i >= 0 ? new BoundExpr.InputRef(i, k.type()) : BoundExpr.Literal.nullOf(k.type()));
      }
      for (AggCall c : calls) {
        if (c.name().equals("grouping")) {
          int mask = 0;
          for (BoundExpr a : c.args()) {
            mask = (mask << 1) | (set.contains(a) ? 0 : 1);
          }
          exprs.add(new BoundExpr.Literal(mask, c.type()));
        } else {
          exprs.add(new BoundExpr.InputRef(set.size() + real.indexOf(c), c.type()));
        }
      }
      LogicalPlan branch = new LogicalPlan.Project(agg, exprs, fields);
      union =
          union == null
              ? branch
              : new LogicalPlan.SetOp(LogicalPlan.SetOperator.UNION, true, union, branch);
    }
    return union;
  }
}
