package dev.patina.stream.engine;

import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.plan.AggCall;
import dev.patina.stream.plan.Binder;
import dev.patina.stream.plan.LogicalPlan;
import dev.patina.stream.sql.Query;
import dev.patina.stream.sql.Statement;
import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The types of a prepared statement's parameters: those the client declared, the others inferred
 * from where they appear in the bound statement (as PostgreSQL does), text when nothing tells.
 */
final class ParamTypes {
  private ParamTypes() {}

  static List<DataType> infer(StreamSession s, Statement st, List<DataType> declared) {
    TreeMap<Integer, DataType> found = new TreeMap<>();
    for (int i = 0; i < declared.size(); i++) {
      if (declared.get(i) != null) {
        found.put(i + 1, declared.get(i));
      }
    }
    try {
      LogicalPlan plan =
          switch (st) {
            case Query q -> s.binder(declared).bindQuery(q).plan();
            case Statement.Insert i
                when !(i.source().body() instanceof dev.patina.stream.sql.Select) ->
                insertPlan(s, i, declared);
            default -> null;
          };
      if (plan != null) {
        collect(plan, found);
      }
    } catch (RuntimeException e) {
      // leave inference to execution, which reports the error
    }
    int n = found.isEmpty() ? declared.size() : Math.max(declared.size(), found.lastKey());
    n = Math.max(n, maxParam(st));
    List<DataType> out = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      out.add(found.getOrDefault(i, DataType.VARCHAR));
    }
    return out;
  }

  private static int maxParam(Statement st) {
    String sql = st.toSql();
    int max = 0;
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\$(\\d+)").matcher(sql);
    while (m.find()) {
      max = Math.max(max, Integer.parseInt(m.group(1)));
    }
    return max;
  }

  private static LogicalPlan insertPlan(
      StreamSession s, Statement.Insert i, List<DataType> declared) {
    var t = Dml.target(s, i.table(), "insert into");
    List<DataType> types = new ArrayList<>();
    if (i.columns().isEmpty()) {
      t.visibleColumns().forEach(c -> types.add(c.type()));
    } else {
      for (String c : i.columns()) {
        types.add(t.columns().get(t.columnIndex(c)).type());
      }
    }
    if (i.source().body() instanceof dev.patina.stream.sql.SetExpr.Values v) {
      Binder b = s.binder(declared);
      return b.bindValues(v, types).plan();
    }
    return null;
  }

  private static void collect(LogicalPlan p, TreeMap<Integer, DataType> out) {
    List<BoundExpr> es = new ArrayList<>();
    switch (p) {
      case LogicalPlan.Values v -> v.rows().forEach(es::addAll);
      case LogicalPlan.Filter f -> es.add(f.predicate());
      case LogicalPlan.Project pr -> es.addAll(pr.exprs());
      case LogicalPlan.Aggregate a -> {
        es.addAll(a.groupKeys());
        for (AggCall c : a.aggs()) {
          es.addAll(c.args());
        }
      }
      case LogicalPlan.Join j -> {
        if (j.condition() != null) {
          es.add(j.condition());
        }
      }
      case LogicalPlan.TableFunction t -> es.addAll(t.args());
      default -> {}
    }
    for (BoundExpr e : es) {
      e.transform(
          x -> {
            if (x instanceof BoundExpr.Param prm && prm.declared() != null) {
              out.putIfAbsent(prm.index(), prm.declared());
            }
            return x;
          });
    }
    for (LogicalPlan in : p.inputs()) {
      collect(in, out);
    }
  }
}
