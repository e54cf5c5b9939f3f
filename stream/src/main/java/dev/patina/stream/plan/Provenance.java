package dev.patina.stream.plan;

import dev.patina.stream.catalog.ColumnDesc;
import dev.patina.stream.catalog.Relation;
import dev.patina.stream.expr.BoundExpr;

/**
 * Which stored column an output column shows unchanged, as RowDescription reports it (table OID and
 * attribute number): clients such as pgjdbc use it for {@code ResultSetMetaData.getTableName}.
 */
public final class Provenance {
  private Provenance() {}

  /** {@code {tableOid, attnum}} of output column {@code col}, or null if it is computed. */
  public static int[] origin(LogicalPlan p, int col) {
    return switch (p) {
      case LogicalPlan.Scan s -> {
        Relation r = s.table();
        ColumnDesc c = r.columns().get(col);
        if (c.hidden()) {
          yield null;
        }
        int attnum = 0;
        for (ColumnDesc d : r.columns()) {
          if (!d.hidden()) {
            attnum++;
          }
          if (d == c) {
            break;
          }
        }
        yield new int[] {r.id(), attnum};
      }
      case LogicalPlan.Project pr ->
          pr.exprs().get(col) instanceof BoundExpr.InputRef ref
              ? origin(pr.input(), ref.index())
              : null;
      case LogicalPlan.Filter f -> origin(f.input(), col);
      case LogicalPlan.Sort s -> origin(s.input(), col);
      case LogicalPlan.Limit l -> origin(l.input(), col);
      case LogicalPlan.Distinct d -> origin(d.input(), col);
      case LogicalPlan.DistinctOn d -> origin(d.input(), col);
      case LogicalPlan.Join j -> {
        int n = j.left().schema().size();
        yield col < n ? origin(j.left(), col) : origin(j.right(), col - n);
      }
      default -> null;
    };
  }
}
