package dev.patina.stream.plan;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.pgwire.SqlException;
import java.util.ArrayList;
import java.util.List;

/**
 * Rewrites an expression bound over a SELECT's input into one over its aggregate's output (group
 * keys, then aggregate values): sub-expressions equal to a group key become references to it,
 * aggregate placeholders become references to the aggregate values, and any other input column is
 * an error, as in PostgreSQL.
 */
final class AggRewriter {
  private final List<BoundExpr> groupKeys;
  private final int aggOffset;
  private final Scope scope;

  AggRewriter(List<BoundExpr> groupKeys, int aggOffset, Scope scope) {
    this.groupKeys = groupKeys;
    this.aggOffset = aggOffset;
    this.scope = scope;
  }

  BoundExpr rewrite(BoundExpr e) {
    int k = groupKeys.indexOf(e);
    if (k >= 0 && !(e instanceof BoundExpr.Literal)) {
      return new BoundExpr.InputRef(k, e.type());
    }
    if (e instanceof BoundExpr.InputRef r) {
      if (r.index() >= WindowCollector.OFFSET) {
        return e;
      }
      if (r.index() >= aggOffset) {
        return new BoundExpr.InputRef(groupKeys.size() + r.index() - aggOffset, r.type());
      }
      Scope.Column c = scope.get(r.index());
      throw new SqlException(
          "42803",
          "column \""
              + (c.qualifier() == null ? "" : c.qualifier() + ".")
              + c.name()
              + "\" must appear in the GROUP BY clause or be used in an aggregate function");
    }
    List<BoundExpr> cs = e.children();
    if (cs.isEmpty()) {
      return e;
    }
    List<BoundExpr> out = new ArrayList<>(cs.size());
    boolean changed = false;
    for (BoundExpr c : cs) {
      BoundExpr n = rewrite(c);
      changed |= n != c;
      out.add(n);
    }
    return changed ? e.withChildren(out) : e;
  }
}
