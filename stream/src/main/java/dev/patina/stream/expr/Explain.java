package dev.patina.stream.expr;

import dev.patina.stream.expr.BoundExpr.And;
import dev.patina.stream.expr.BoundExpr.ArrayConstructor;
import dev.patina.stream.expr.BoundExpr.Call;
import dev.patina.stream.expr.BoundExpr.Case;
import dev.patina.stream.expr.BoundExpr.Cast;
import dev.patina.stream.expr.BoundExpr.Coalesce;
import dev.patina.stream.expr.BoundExpr.External;
import dev.patina.stream.expr.BoundExpr.FieldAccess;
import dev.patina.stream.expr.BoundExpr.GreatestLeast;
import dev.patina.stream.expr.BoundExpr.InList;
import dev.patina.stream.expr.BoundExpr.InputRef;
import dev.patina.stream.expr.BoundExpr.IsBool;
import dev.patina.stream.expr.BoundExpr.IsDistinctFrom;
import dev.patina.stream.expr.BoundExpr.IsNull;
import dev.patina.stream.expr.BoundExpr.Literal;
import dev.patina.stream.expr.BoundExpr.Not;
import dev.patina.stream.expr.BoundExpr.NullIf;
import dev.patina.stream.expr.BoundExpr.Or;
import dev.patina.stream.expr.BoundExpr.Param;
import dev.patina.stream.expr.BoundExpr.RowConstructor;
import dev.patina.stream.expr.BoundExpr.Slice;
import dev.patina.stream.expr.BoundExpr.Subscript;
import dev.patina.stream.expr.BoundExpr.UntypedLiteral;
import dev.patina.stream.expr.BoundExpr.When;
import java.util.List;
import java.util.stream.Collectors;

/** The EXPLAIN rendering of bound expressions, close to RisingWave's: {@code ($0 + 1:Int32)}. */
final class Explain {
  private Explain() {}

  static String of(BoundExpr e) {
    return switch (e) {
      case InputRef r -> "$" + r.index();
      case Literal l -> l.toString();
      case UntypedLiteral u -> u.text() == null ? "null" : "'" + u.text() + "'";
      case Param p -> "$" + p.index() + "(param)";
      case External x -> x.label();
      case Call c -> call(c);
      case Cast c -> of(c.operand()) + "::" + c.type().sqlName();
      case Case c -> {
        StringBuilder sb = new StringBuilder("CASE");
        for (When w : c.whens()) {
          sb.append(" WHEN ").append(of(w.condition())).append(" THEN ").append(of(w.result()));
        }
        if (c.otherwise() != null) {
          sb.append(" ELSE ").append(of(c.otherwise()));
        }
        yield sb.append(" END").toString();
      }
      case And a -> join(a.args(), " AND ", "(", ")");
      case Or o -> join(o.args(), " OR ", "(", ")");
      case Not n -> "NOT " + of(n.arg());
      case IsNull n -> of(n.arg()) + (n.negated() ? " IS NOT NULL" : " IS NULL");
      case IsBool b ->
          of(b.arg()) + (b.negated() ? " IS NOT " : " IS ") + (b.value() ? "TRUE" : "FALSE");
      case IsDistinctFrom d ->
          "("
              + of(d.left())
              + (d.negated() ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ")
              + of(d.right())
              + ")";
      case InList i -> of(i.arg()) + (i.negated() ? " NOT IN " : " IN ") + join(i.list(), ", ");
      case Coalesce c -> "coalesce" + join(c.args(), ", ");
      case NullIf n -> "nullif(" + of(n.left()) + ", " + of(n.right()) + ")";
      case GreatestLeast g -> (g.greatest() ? "greatest" : "least") + join(g.args(), ", ");
      case ArrayConstructor a -> join(a.elements(), ", ", "ARRAY[", "]");
      case Subscript s -> of(s.array()) + "[" + of(s.index()) + "]";
      case Slice s ->
          of(s.array())
              + "["
              + (s.lower() == null ? "" : of(s.lower()))
              + ":"
              + (s.upper() == null ? "" : of(s.upper()))
              + "]";
      case RowConstructor r -> "Row" + join(r.fields(), ", ");
      case FieldAccess f -> "(" + of(f.struct()) + ")." + fieldName(f);
    };
  }

  private static String fieldName(FieldAccess f) {
    return ((dev.patina.stream.types.StructType) f.struct().type()).fields().get(f.index()).name();
  }

  private static String call(Call c) {
    List<BoundExpr> args = c.args();
    boolean symbolic = !c.name().isEmpty() && !Character.isLetter(c.name().charAt(0));
    if (symbolic && args.size() == 2) {
      return "(" + of(args.get(0)) + " " + c.name() + " " + of(args.get(1)) + ")";
    }
    if (symbolic && args.size() == 1) {
      return "(" + c.name() + of(args.get(0)) + ")";
    }
    return c.name() + join(args, ", ");
  }

  private static String join(List<BoundExpr> es, String sep) {
    return join(es, sep, "(", ")");
  }

  private static String join(List<BoundExpr> es, String sep, String open, String close) {
    return es.stream().map(Explain::of).collect(Collectors.joining(sep, open, close));
  }
}
