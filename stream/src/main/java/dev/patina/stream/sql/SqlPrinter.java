package dev.patina.stream.sql;

import dev.patina.stream.sql.Expr.UnaryOp;
import dev.patina.stream.sql.Select.GroupingElement;
import dev.patina.stream.sql.Select.SelectItem;
import dev.patina.stream.sql.Statement.ColumnConstraint;
import dev.patina.stream.sql.Statement.ColumnDef;
import dev.patina.stream.sql.Statement.FormatEncode;
import dev.patina.stream.sql.Statement.SqlOption;
import dev.patina.stream.sql.Statement.TableConstraint;
import dev.patina.stream.sql.Statement.Watermark;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Prints an AST back to SQL on one line, with the parentheses that PostgreSQL's precedence needs
 * and no others, so that parsing the output gives an equal tree.
 */
public final class SqlPrinter {
  private static final Pattern SIMPLE_IDENT = Pattern.compile("[a-z_][a-z0-9_$]*");
  private static final Pattern DOTTED_WORDS =
      Pattern.compile("[a-z_][a-z0-9_$]*(\\.[a-z_][a-z0-9_$]*)*");
  private static final Pattern SIMPLE_WORD = Pattern.compile("[a-z_][a-z0-9_]*|[0-9]+");
  private static final Set<String> ALWAYS_QUOTED = Set.of("rollup", "cube");
  private static final Set<String> SPECIAL_FUNCTIONS =
      Set.of(
          "exists",
          "row",
          "extract",
          "position",
          "substring",
          "trim",
          "overlay",
          "interval",
          "array",
          "operator");
  private static final Set<String> WINDOW_WORDS =
      Set.of("partition", "order", "rows", "range", "groups", "session");
  private static final String OP_CHARS = "+-*/<>=~!@#%^&|`?";

  private final StringBuilder sb = new StringBuilder();

  private SqlPrinter() {}

  public static String print(Statement s) {
    SqlPrinter p = new SqlPrinter();
    p.statement(s);
    return p.sb.toString();
  }

  public static String print(Expr e) {
    SqlPrinter p = new SqlPrinter();
    p.expr(e, Precedence.NONE);
    return p.sb.toString();
  }

  public static String print(DataType t) {
    SqlPrinter p = new SqlPrinter();
    p.type(t);
    return p.sb.toString();
  }

  // ---- names and literals

  /** An identifier, quoted when it must be. */
  public static String ident(String s) {
    if (SIMPLE_IDENT.matcher(s).matches()
        && !Keywords.RESERVED.contains(s)
        && !Keywords.TYPE_FUNC_NAME.contains(s)
        && !ALWAYS_QUOTED.contains(s)) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }

  static String name(List<String> parts) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < parts.size(); i++) {
      if (i > 0) {
        b.append('.');
      }
      b.append(ident(parts.get(i)));
    }
    return b.toString();
  }

  /** A standard string literal. */
  public static String quote(String s) {
    return '\'' + s.replace("'", "''") + '\'';
  }

  private SqlPrinter w(String s) {
    sb.append(s);
    return this;
  }

  private <T> void list(List<T> items, Consumer<T> printer) {
    for (int i = 0; i < items.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      printer.accept(items.get(i));
    }
  }

  private void names(List<String> names) {
    list(names, n -> w(ident(n)));
  }

  private void objectName(ObjectName n) {
    w(name(n.parts()));
  }

  // ---- expressions

  static int precedence(Expr e) {
    return switch (e) {
      case Expr.Binary b -> b.op().precedence;
      // a chain of prefix operators reaches as far right as its loosest one: in + ~x AT TIME ZONE z
      // the ~ (an "other" operator) takes x AT TIME ZONE z, so the chain binds like the ~
      case Expr.Unary u -> Math.min(u.op().precedence, chainPrecedence(u.operand()));
      case Expr.NumberLit n -> n.text().startsWith("-") ? Precedence.UNARY : Precedence.ATOM;
      case Expr.Is i -> Precedence.IS;
      case Expr.IsJson i -> Precedence.IS;
      case Expr.IsDistinctFrom i -> Precedence.IS;
      case Expr.Between b -> Precedence.LIKE_IN_BETWEEN;
      case Expr.Like l -> Precedence.LIKE_IN_BETWEEN;
      case Expr.InList i -> Precedence.LIKE_IN_BETWEEN;
      case Expr.InSubquery i -> Precedence.LIKE_IN_BETWEEN;
      case Expr.Quantified q -> q.op().precedence;
      case Expr.AtTimeZone a -> Precedence.AT_TIME_ZONE;
      case Expr.Collate c -> Precedence.COLLATE;
      case Expr.Subscript s -> Precedence.SUBSCRIPT;
      case Expr.Slice s -> Precedence.SUBSCRIPT;
      default -> Precedence.ATOM;
    };
  }

  private static int chainPrecedence(Expr operand) {
    return operand instanceof Expr.Unary ? precedence(operand) : Precedence.ATOM;
  }

  /** Prints {@code e}, in parentheses if it binds more loosely than {@code min}. */
  private void expr(Expr e, int min) {
    if (precedence(e) < min) {
      sb.append('(');
      expr(e);
      sb.append(')');
    } else {
      expr(e);
    }
  }

  private void exprs(List<Expr> es) {
    for (int i = 0; i < es.size(); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      expr(es.get(i), Precedence.NONE);
    }
  }

  /**
   * Prints one node. An instanceof chain rather than a pattern switch: its bindings share local
   * slots, which keeps the frame small on this deeply recursive path.
   */
  private void expr(Expr e) {
    if (e instanceof Expr.ColumnRef c) {
      w(name(c.names()));
      return;
    }
    if (e instanceof Expr.NumberLit n) {
      w(n.text());
      return;
    }
    if (e instanceof Expr.StringLit s) {
      w(quote(s.value()));
      return;
    }
    if (e instanceof Expr.BoolLit b) {
      w(b.value() ? "TRUE" : "FALSE");
      return;
    }
    if (e instanceof Expr.NullLit n) {
      w("NULL");
      return;
    }
    if (e instanceof Expr.TypedLiteral t) {
      type(t.type());
      w(" ").w(quote(t.value()));
      return;
    }
    if (e instanceof Expr.IntervalLit i) {
      w("INTERVAL ").w(quote(i.value()));
      if (i.qualifier() != null) {
        Expr.IntervalQualifier q = i.qualifier();
        w(" ").w(q.from().name());
        if (q.to() != null) {
          w(" TO ").w(q.to().name());
        }
        if (q.precision() != null) {
          w("(").w(q.precision().toString()).w(")");
        }
      }
      return;
    }
    if (e instanceof Expr.Param p) {
      w("$").w(Integer.toString(p.index()));
      return;
    }
    if (e instanceof Expr.Default d) {
      w("DEFAULT");
      return;
    }
    if (e instanceof Expr.Unary u) {
      unary(u);
      return;
    }
    if (e instanceof Expr.Binary b) {
      int prec = b.op().precedence;
      expr(b.left(), prec);
      w(" ").w(b.op().symbol).w(" ");
      expr(b.right(), prec + 1);
      return;
    }
    if (e instanceof Expr.Is i) {
      expr(i.operand(), Precedence.IS);
      w(i.negated() ? " IS NOT " : " IS ").w(i.kind().name());
      return;
    }
    if (e instanceof Expr.IsJson i) {
      expr(i.operand(), Precedence.IS);
      w(i.negated() ? " IS NOT JSON" : " IS JSON");
      if (i.kind() != Expr.JsonKind.VALUE) {
        w(" ").w(i.kind().name());
      }
      if (i.uniqueKeys()) {
        w(" WITH UNIQUE KEYS");
      }
      return;
    }
    if (e instanceof Expr.IsDistinctFrom d) {
      expr(d.left(), Precedence.IS);
      w(d.negated() ? " IS NOT DISTINCT FROM " : " IS DISTINCT FROM ");
      expr(d.right(), Precedence.IS + 1);
      return;
    }
    if (e instanceof Expr.Between b) {
      expr(b.operand(), Precedence.LIKE_IN_BETWEEN);
      w(b.negated() ? " NOT BETWEEN " : " BETWEEN ");
      if (b.symmetric()) {
        w("SYMMETRIC ");
      }
      expr(b.low(), Precedence.LIKE_IN_BETWEEN + 1);
      w(" AND ");
      expr(b.high(), Precedence.LIKE_IN_BETWEEN + 1);
      return;
    }
    if (e instanceof Expr.Like l) {
      expr(l.operand(), Precedence.LIKE_IN_BETWEEN);
      w(l.negated() ? " NOT " : " ");
      w(
          switch (l.kind()) {
            case LIKE -> "LIKE ";
            case ILIKE -> "ILIKE ";
            case SIMILAR_TO -> "SIMILAR TO ";
          });
      expr(l.pattern(), Precedence.LIKE_IN_BETWEEN + 1);
      if (l.escape() != null) {
        w(" ESCAPE ");
        expr(l.escape(), Precedence.LIKE_IN_BETWEEN + 1);
      }
      return;
    }
    if (e instanceof Expr.InList i) {
      expr(i.operand(), Precedence.LIKE_IN_BETWEEN);
      w(i.negated() ? " NOT IN (" : " IN (");
      exprs(i.list());
      w(")");
      return;
    }
    if (e instanceof Expr.InSubquery i) {
      expr(i.operand(), Precedence.LIKE_IN_BETWEEN);
      w(i.negated() ? " NOT IN (" : " IN (");
      query(i.query());
      w(")");
      return;
    }
    if (e instanceof Expr.Quantified q) {
      expr(q.left(), q.op().precedence);
      w(" ").w(q.op().symbol).w(" ").w(q.quantifier().name()).w(" (");
      if (q.right() instanceof Expr.Subquery s) {
        query(s.query());
      } else {
        expr(q.right(), Precedence.NONE);
      }
      w(")");
      return;
    }
    if (e instanceof Expr.Exists x) {
      w("EXISTS (");
      query(x.query());
      w(")");
      return;
    }
    if (e instanceof Expr.Subquery s) {
      w("(");
      query(s.query());
      w(")");
      return;
    }
    if (e instanceof Expr.ArraySubquery a) {
      w("ARRAY(");
      query(a.query());
      w(")");
      return;
    }
    if (e instanceof Expr.Cast c) {
      w("CAST(");
      expr(c.operand(), Precedence.NONE);
      w(" AS ");
      type(c.type());
      w(")");
      return;
    }
    if (e instanceof Expr.Case c) {
      w("CASE");
      if (c.operand() != null) {
        w(" ");
        expr(c.operand(), Precedence.NONE);
      }
      for (Expr.When when : c.whens()) {
        w(" WHEN ");
        expr(when.condition(), Precedence.NONE);
        w(" THEN ");
        expr(when.result(), Precedence.NONE);
      }
      if (c.otherwise() != null) {
        w(" ELSE ");
        expr(c.otherwise(), Precedence.NONE);
      }
      w(" END");
      return;
    }
    if (e instanceof Expr.FunctionCall f) {
      functionCall(f);
      return;
    }
    if (e instanceof Expr.ValueFunction v) {
      w(v.kind().name());
      if (v.precision() != null) {
        w("(").w(v.precision().toString()).w(")");
      }
      return;
    }
    if (e instanceof Expr.Extract x) {
      w("EXTRACT(");
      w(x.field().matches("[A-Z_][A-Z0-9_]*") ? x.field() : quote(x.field()));
      w(" FROM ");
      expr(x.source(), Precedence.NONE);
      w(")");
      return;
    }
    if (e instanceof Expr.Position x) {
      w("POSITION(");
      expr(x.substring(), Precedence.LIKE_IN_BETWEEN + 1);
      w(" IN ");
      expr(x.string(), Precedence.LIKE_IN_BETWEEN + 1);
      w(")");
      return;
    }
    if (e instanceof Expr.Substring x) {
      w("SUBSTRING(");
      expr(x.string(), Precedence.NONE);
      if (x.start() != null) {
        w(" FROM ");
        expr(x.start(), Precedence.NONE);
      }
      if (x.length() != null) {
        w(" FOR ");
        expr(x.length(), Precedence.NONE);
      }
      w(")");
      return;
    }
    if (e instanceof Expr.Trim x) {
      w("TRIM(").w(x.side().name()).w(" ");
      if (x.characters() != null) {
        expr(x.characters(), Precedence.NONE);
        w(" ");
      }
      w("FROM ");
      expr(x.string(), Precedence.NONE);
      w(")");
      return;
    }
    if (e instanceof Expr.Overlay x) {
      w("OVERLAY(");
      expr(x.string(), Precedence.NONE);
      w(" PLACING ");
      expr(x.replacement(), Precedence.NONE);
      w(" FROM ");
      expr(x.start(), Precedence.NONE);
      if (x.length() != null) {
        w(" FOR ");
        expr(x.length(), Precedence.NONE);
      }
      w(")");
      return;
    }
    if (e instanceof Expr.AtTimeZone a) {
      expr(a.operand(), Precedence.AT_TIME_ZONE);
      w(" AT TIME ZONE ");
      expr(a.zone(), Precedence.AT_TIME_ZONE + 1);
      return;
    }
    if (e instanceof Expr.Collate c) {
      expr(c.operand(), Precedence.COLLATE);
      w(" COLLATE ");
      objectName(c.collation());
      return;
    }
    if (e instanceof Expr.ArrayLit a) {
      w("ARRAY[");
      exprs(a.elements());
      w("]");
      return;
    }
    if (e instanceof Expr.Subscript s) {
      expr(s.base(), Precedence.SUBSCRIPT);
      w("[");
      expr(s.index(), Precedence.NONE);
      w("]");
      return;
    }
    if (e instanceof Expr.Slice s) {
      expr(s.base(), Precedence.SUBSCRIPT);
      w("[");
      if (s.lower() != null) {
        expr(s.lower(), Precedence.NONE);
      }
      w(":");
      if (s.upper() != null) {
        expr(s.upper(), Precedence.NONE);
      }
      w("]");
      return;
    }
    if (e instanceof Expr.Row r) {
      w("ROW(");
      exprs(r.fields());
      w(")");
      return;
    }
    if (e instanceof Expr.FieldAccess f) {
      // (t.c).f: without parentheses a column's field would read as a longer column name
      Expr base = f.base();
      if (base instanceof Expr.ColumnRef || base instanceof Expr.NumberLit) {
        w("(");
        expr(base, Precedence.NONE);
        w(")");
      } else {
        expr(base, Precedence.SUBSCRIPT);
      }
      w(".").w(ident(f.field()));
      return;
    }
    throw new IllegalArgumentException(e.getClass().getName());
  }

  private void unary(Expr.Unary u) {
    // a prefix operator's operand that is itself a prefix operator needs no parentheses
    int min = u.operand() instanceof Expr.Unary ? Precedence.NONE : u.op().precedence + 1;
    if (u.op() == UnaryOp.NOT) {
      w("NOT ");
      expr(u.operand(), min);
      return;
    }
    SqlPrinter operand = new SqlPrinter();
    operand.expr(u.operand(), min);
    String s = operand.sb.toString();
    w(u.op().symbol);
    if (!s.isEmpty() && OP_CHARS.indexOf(s.charAt(0)) >= 0) {
      w(" ");
    }
    w(s);
  }

  private void functionCall(Expr.FunctionCall f) {
    List<String> parts = f.name().parts();
    if (parts.size() == 1 && SPECIAL_FUNCTIONS.contains(parts.getFirst())) {
      w('"' + parts.getFirst() + '"');
    } else {
      objectName(f.name());
    }
    w("(");
    if (f.star()) {
      w("*");
    } else {
      if (f.distinct()) {
        w("DISTINCT ");
      }
      for (int i = 0; i < f.args().size(); i++) {
        if (i > 0) {
          w(", ");
        }
        if (f.variadic() && i == f.args().size() - 1) {
          w("VARIADIC ");
        }
        expr(f.args().get(i), Precedence.NONE);
      }
      if (!f.orderBy().isEmpty()) {
        w(" ORDER BY ");
        orderBy(f.orderBy());
      }
    }
    w(")");
    if (!f.withinGroup().isEmpty()) {
      w(" WITHIN GROUP (ORDER BY ");
      orderBy(f.withinGroup());
      w(")");
    }
    if (f.filter() != null) {
      w(" FILTER (WHERE ");
      expr(f.filter(), Precedence.NONE);
      w(")");
    }
    if (f.over() != null) {
      w(" OVER ");
      switch (f.over()) {
        case Window.Named n -> w(ident(n.name()));
        case Window.Spec s -> windowSpec(s);
      }
    }
  }

  private void windowSpec(Window.Spec s) {
    w("(");
    String sep = "";
    if (s.base() != null) {
      w(WINDOW_WORDS.contains(s.base()) ? '"' + s.base() + '"' : ident(s.base()));
      sep = " ";
    }
    if (!s.partitionBy().isEmpty()) {
      w(sep).w("PARTITION BY ");
      exprs(s.partitionBy());
      sep = " ";
    }
    if (!s.orderBy().isEmpty()) {
      w(sep).w("ORDER BY ");
      orderBy(s.orderBy());
      sep = " ";
    }
    Window.Frame f = s.frame();
    if (f != null) {
      w(sep);
      if (f.units() == Window.Units.SESSION) {
        w("SESSION WITH GAP ");
        expr(f.gap(), Precedence.NONE);
      } else {
        w(f.units().name()).w(" ");
        if (f.end() != null) {
          w("BETWEEN ");
          frameBound(f.start());
          w(" AND ");
          frameBound(f.end());
        } else {
          frameBound(f.start());
        }
        switch (f.exclusion()) {
          case NONE -> {}
          case CURRENT_ROW -> w(" EXCLUDE CURRENT ROW");
          case GROUP -> w(" EXCLUDE GROUP");
          case TIES -> w(" EXCLUDE TIES");
          case NO_OTHERS -> w(" EXCLUDE NO OTHERS");
        }
      }
    }
    w(")");
  }

  private void frameBound(Window.Bound b) {
    switch (b.kind()) {
      case UNBOUNDED_PRECEDING -> w("UNBOUNDED PRECEDING");
      case UNBOUNDED_FOLLOWING -> w("UNBOUNDED FOLLOWING");
      case CURRENT_ROW -> w("CURRENT ROW");
      case PRECEDING -> {
        expr(b.offset(), Precedence.NONE);
        w(" PRECEDING");
      }
      case FOLLOWING -> {
        expr(b.offset(), Precedence.NONE);
        w(" FOLLOWING");
      }
    }
  }

  private void orderBy(List<OrderByItem> items) {
    list(
        items,
        item -> {
          expr(item.expr(), Precedence.NONE);
          if (item.descending()) {
            w(" DESC");
          }
          switch (item.nulls()) {
            case DEFAULT -> {}
            case FIRST -> w(" NULLS FIRST");
            case LAST -> w(" NULLS LAST");
          }
        });
  }

  // ---- types

  private void type(DataType t) {
    switch (t) {
      case DataType.Named n -> {
        if (n.schema() != null) {
          w(ident(n.schema())).w(".");
        }
        String name = n.name();
        String mods = "";
        if (!n.modifiers().isEmpty()) {
          StringBuilder m = new StringBuilder("(");
          for (int i = 0; i < n.modifiers().size(); i++) {
            if (i > 0) {
              m.append(", ");
            }
            m.append(n.modifiers().get(i));
          }
          mods = m.append(')').toString();
        }
        if (name.contains(" ")) {
          int space = name.indexOf(' ');
          if ((name.startsWith("time ") || name.startsWith("timestamp ")) && !mods.isEmpty()) {
            w(name.substring(0, space)).w(mods).w(name.substring(space));
          } else {
            w(name).w(mods);
          }
        } else {
          w(SIMPLE_IDENT.matcher(name).matches() && !Keywords.RESERVED.contains(name)
                  ? name
                  : '"' + name.replace("\"", "\"\"") + '"')
              .w(mods);
        }
      }
      case DataType.Array a -> {
        type(a.element());
        w("[]");
      }
      case DataType.Struct s -> {
        w("STRUCT<");
        list(
            s.fields(),
            f -> {
              w(ident(f.name())).w(" ");
              type(f.type());
            });
        w(">");
      }
      case DataType.Map m -> {
        w("MAP(");
        type(m.key());
        w(", ");
        type(m.value());
        w(")");
      }
    }
  }

  // ---- queries

  private void query(Query q) {
    if (q.with() != null) {
      w("WITH ");
      if (q.with().recursive()) {
        w("RECURSIVE ");
      }
      list(
          q.with().ctes(),
          cte -> {
            w(ident(cte.name()));
            if (!cte.columns().isEmpty()) {
              w(" (");
              names(cte.columns());
              w(")");
            }
            w(" AS ");
            if (cte.changelogOf() != null) {
              w("CHANGELOG FROM ");
              objectName(cte.changelogOf());
            } else {
              if (cte.materialized() != null) {
                w(cte.materialized() ? "MATERIALIZED " : "NOT MATERIALIZED ");
              }
              w("(");
              query(cte.query());
              w(")");
            }
          });
      w(" ");
    }
    setExpr(q.body());
    if (!q.orderBy().isEmpty()) {
      w(" ORDER BY ");
      orderBy(q.orderBy());
    }
    if (q.limit() != null) {
      w(" LIMIT ");
      expr(q.limit(), Precedence.NONE);
    }
    if (q.offset() != null) {
      w(" OFFSET ");
      expr(q.offset(), Precedence.NONE);
    }
    if (q.fetch() != null) {
      w(" FETCH FIRST ");
      if (q.fetch().count() != null) {
        expr(q.fetch().count(), Precedence.NONE);
        w(" ");
      }
      w(q.fetch().withTies() ? "ROWS WITH TIES" : "ROWS ONLY");
    }
  }

  private static int setPrecedence(SetExpr s) {
    if (s instanceof SetExpr.SetOperation op) {
      return op.op() == SetExpr.SetOperator.INTERSECT ? 2 : 1;
    }
    return 3;
  }

  private void setExpr(SetExpr s) {
    switch (s) {
      case Select select -> select(select);
      case SetExpr.Values v -> {
        w("VALUES ");
        list(
            v.rows(),
            row -> {
              w("(");
              exprs(row);
              w(")");
            });
      }
      case SetExpr.Parenthesized p -> {
        w("(");
        query(p.query());
        w(")");
      }
      case SetExpr.SetOperation op -> {
        int prec = setPrecedence(op);
        setOperand(op.left(), setPrecedence(op.left()) < prec);
        w(" ").w(op.op().name());
        if (op.all()) {
          w(" ALL");
        }
        if (op.corresponding() != null) {
          w(" CORRESPONDING");
          if (!op.corresponding().isEmpty()) {
            w(" BY (");
            names(op.corresponding());
            w(")");
          }
        }
        w(" ");
        setOperand(op.right(), setPrecedence(op.right()) <= prec);
      }
    }
  }

  private void setOperand(SetExpr s, boolean parens) {
    if (parens) {
      w("(");
      setExpr(s);
      w(")");
    } else {
      setExpr(s);
    }
  }

  private void select(Select s) {
    w("SELECT");
    if (s.distinct()) {
      w(" DISTINCT");
      if (!s.distinctOn().isEmpty()) {
        w(" ON (");
        exprs(s.distinctOn());
        w(")");
      }
    }
    if (!s.items().isEmpty()) {
      w(" ");
      selectItems(s.items());
    }
    if (!s.from().isEmpty()) {
      w(" FROM ");
      list(s.from(), this::tableRef);
    }
    if (s.where() != null) {
      w(" WHERE ");
      expr(s.where(), Precedence.NONE);
    }
    if (!s.groupBy().isEmpty()) {
      w(" GROUP BY ");
      list(s.groupBy(), this::groupingElement);
    }
    if (s.having() != null) {
      w(" HAVING ");
      expr(s.having(), Precedence.NONE);
    }
    if (!s.windows().isEmpty()) {
      w(" WINDOW ");
      list(
          s.windows(),
          nw -> {
            w(ident(nw.name())).w(" AS ");
            windowSpec(nw.spec());
          });
    }
  }

  private void selectItems(List<SelectItem> items) {
    list(
        items,
        item -> {
          switch (item) {
            case SelectItem.ExprItem e -> {
              expr(e.expr(), Precedence.NONE);
              if (e.alias() != null) {
                w(" AS ").w(ident(e.alias()));
              }
            }
            case SelectItem.Wildcard wc -> {
              if (wc.qualifier() != null) {
                objectName(wc.qualifier());
                w(".");
              }
              w("*");
              if (!wc.except().isEmpty()) {
                w(" EXCEPT (");
                exprs(wc.except());
                w(")");
              }
            }
            case SelectItem.ExprWildcard e -> {
              w("(");
              expr(e.expr(), Precedence.NONE);
              w(").*");
            }
          }
        });
  }

  private void groupingElement(GroupingElement g) {
    switch (g) {
      case GroupingElement.Item i -> expr(i.expr(), Precedence.NONE);
      case GroupingElement.Set s -> {
        w("(");
        exprs(s.exprs());
        w(")");
      }
      case GroupingElement.Rollup r -> {
        w("ROLLUP(");
        list(r.elements(), this::groupingElement);
        w(")");
      }
      case GroupingElement.Cube c -> {
        w("CUBE(");
        list(c.elements(), this::groupingElement);
        w(")");
      }
      case GroupingElement.GroupingSets gs -> {
        w("GROUPING SETS(");
        list(gs.elements(), this::groupingElement);
        w(")");
      }
    }
  }

  private void tableRef(TableRef t) {
    switch (t) {
      case TableRef.Table table -> {
        objectName(table.name());
        if (table.asOf() != null) {
          w(" FOR SYSTEM_TIME AS OF ");
          expr(table.asOf(), Precedence.NONE);
        }
        alias(table.alias());
      }
      case TableRef.Derived d -> {
        if (d.lateral()) {
          w("LATERAL ");
        }
        w("(");
        query(d.query());
        w(")");
        alias(d.alias());
      }
      case TableRef.Function f -> {
        if (f.lateral()) {
          w("LATERAL ");
        }
        functionCall(f.call());
        if (f.withOrdinality()) {
          w(" WITH ORDINALITY");
        }
        alias(f.alias());
      }
      case TableRef.Join j -> {
        tableRef(j.left());
        boolean natural = j.condition() instanceof TableRef.JoinCondition.Natural;
        w(natural ? " NATURAL " : " ");
        w(
            switch (j.kind()) {
              case INNER -> "JOIN ";
              case LEFT -> "LEFT JOIN ";
              case RIGHT -> "RIGHT JOIN ";
              case FULL -> "FULL JOIN ";
              case CROSS -> "CROSS JOIN ";
              case ASOF_INNER -> "ASOF JOIN ";
              case ASOF_LEFT -> "ASOF LEFT JOIN ";
            });
        if (j.right() instanceof TableRef.Join) {
          w("(");
          tableRef(j.right());
          w(")");
        } else {
          tableRef(j.right());
        }
        switch (j.condition()) {
          case TableRef.JoinCondition.On on -> {
            w(" ON ");
            expr(on.expr(), Precedence.NONE);
          }
          case TableRef.JoinCondition.Using using -> {
            w(" USING (");
            names(using.columns());
            w(")");
          }
          case TableRef.JoinCondition.Natural n -> {}
          case TableRef.JoinCondition.None n -> {}
        }
      }
    }
  }

  private void alias(TableRef.Alias a) {
    if (a == null) {
      return;
    }
    w(" AS ").w(ident(a.name()));
    if (!a.columns().isEmpty()) {
      w("(");
      names(a.columns());
      w(")");
    }
  }

  // ---- statements

  private void statement(Statement s) {
    switch (s) {
      case Query q -> query(q);
      case Statement.CreateTable c -> createTable(c);
      case Statement.CreateView c -> {
        w("CREATE ");
        if (c.orReplace()) {
          w("OR REPLACE ");
        }
        w(c.materialized() ? "MATERIALIZED VIEW " : "VIEW ");
        if (c.ifNotExists()) {
          w("IF NOT EXISTS ");
        }
        objectName(c.name());
        if (!c.columns().isEmpty()) {
          w(" (");
          names(c.columns());
          w(")");
        }
        with(c.with());
        w(" AS ");
        query(c.query());
        emit(c.emit());
      }
      case Statement.CreateIndex c -> {
        w(c.unique() ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
        if (c.ifNotExists()) {
          w("IF NOT EXISTS ");
        }
        objectName(c.name());
        w(" ON ");
        objectName(c.table());
        if (c.method() != null) {
          w(" USING ").w(ident(c.method()));
        }
        w(" (");
        orderBy(c.columns());
        w(")");
        if (!c.include().isEmpty()) {
          w(" INCLUDE (");
          names(c.include());
          w(")");
        }
        if (!c.distributedBy().isEmpty()) {
          w(" DISTRIBUTED BY (");
          exprs(c.distributedBy());
          w(")");
        }
        with(c.with());
      }
      case Statement.CreateSource c -> {
        w("CREATE SOURCE ");
        if (c.ifNotExists()) {
          w("IF NOT EXISTS ");
        }
        objectName(c.name());
        elements(c.wildcard(), c.columns(), c.constraints(), c.watermarks());
        with(c.with());
        formatEncode(c.formatEncode());
      }
      case Statement.CreateSink c -> {
        w("CREATE SINK ");
        if (c.ifNotExists()) {
          w("IF NOT EXISTS ");
        }
        objectName(c.name());
        if (c.into() != null) {
          w(" INTO ");
          objectName(c.into());
          if (!c.intoColumns().isEmpty()) {
            w(" (");
            names(c.intoColumns());
            w(")");
          }
        }
        if (c.from() != null) {
          w(" FROM ");
          objectName(c.from());
        } else {
          w(" AS ");
          query(c.asQuery());
        }
        emit(c.emit());
        with(c.with());
        formatEncode(c.formatEncode());
      }
      case Statement.CreateSchema c -> {
        w("CREATE SCHEMA ");
        if (c.ifNotExists()) {
          w("IF NOT EXISTS ");
        }
        objectName(c.name());
        if (c.owner() != null) {
          w(" AUTHORIZATION ").w(ident(c.owner()));
        }
      }
      case Statement.CreateDatabase c -> {
        w("CREATE DATABASE ");
        if (c.ifNotExists()) {
          w("IF NOT EXISTS ");
        }
        objectName(c.name());
      }
      case Statement.Drop d -> {
        w("DROP ").w(d.kind().sql).w(" ");
        if (d.ifExists()) {
          w("IF EXISTS ");
        }
        list(d.names(), this::objectName);
        if (d.cascade()) {
          w(" CASCADE");
        }
      }
      case Statement.Insert i -> {
        w("INSERT INTO ");
        objectName(i.table());
        if (!i.columns().isEmpty()) {
          w(" (");
          names(i.columns());
          w(")");
        }
        if (i.source() == null) {
          w(" DEFAULT VALUES");
        } else {
          w(" ");
          query(i.source());
        }
        returning(i.returning());
      }
      case Statement.Update u -> {
        w("UPDATE ");
        objectName(u.table());
        if (u.alias() != null) {
          w(" AS ").w(ident(u.alias()));
        }
        w(" SET ");
        list(
            u.assignments(),
            a -> {
              if (a.columns().size() == 1) {
                w(ident(a.columns().getFirst()));
              } else {
                w("(");
                names(a.columns());
                w(")");
              }
              w(" = ");
              expr(a.value(), Precedence.NONE);
            });
        if (u.where() != null) {
          w(" WHERE ");
          expr(u.where(), Precedence.NONE);
        }
        returning(u.returning());
      }
      case Statement.Delete d -> {
        w("DELETE FROM ");
        objectName(d.table());
        if (d.alias() != null) {
          w(" AS ").w(ident(d.alias()));
        }
        if (d.where() != null) {
          w(" WHERE ");
          expr(d.where(), Precedence.NONE);
        }
        returning(d.returning());
      }
      case Statement.Flush f -> w("FLUSH");
      case Statement.Recover r -> w("RECOVER");
      case Statement.SetVariable v -> {
        w("SET ");
        if (v.local()) {
          w("LOCAL ");
        }
        w(variable(v.name())).w(" TO ");
        if (v.values().isEmpty()) {
          w("DEFAULT");
        } else {
          list(v.values(), value -> w(quote(value)));
        }
      }
      case Statement.SetTransaction t -> {
        w(t.session() ? "SET SESSION CHARACTERISTICS AS TRANSACTION" : "SET TRANSACTION");
        modes(t.modes());
      }
      case Statement.ShowVariable v -> w("SHOW ").w(variable(v.name()));
      case Statement.ShowObjects o -> {
        w("SHOW ").w(o.kind().name().replace('_', ' '));
        if (o.from() != null) {
          w(" FROM ");
          objectName(o.from());
        }
        if (o.filter() != null) {
          switch (o.filter().kind()) {
            case LIKE -> w(" LIKE ").w(quote(o.filter().pattern()));
            case ILIKE -> w(" ILIKE ").w(quote(o.filter().pattern()));
            case WHERE -> {
              w(" WHERE ");
              expr(o.filter().where(), Precedence.NONE);
            }
          }
        }
      }
      case Statement.ShowCreate c -> {
        w("SHOW CREATE ").w(c.kind().sql).w(" ");
        objectName(c.name());
      }
      case Statement.Describe d -> {
        w("DESCRIBE ");
        objectName(d.name());
      }
      case Statement.Explain e -> {
        w("EXPLAIN ");
        if (e.analyze()) {
          w("ANALYZE ");
        }
        if (!e.options().isEmpty()) {
          w("(");
          list(
              e.options(),
              o -> {
                w(ident(o.name()));
                if (o.value() != null) {
                  w(" ");
                  w(SIMPLE_WORD.matcher(o.value()).matches() ? o.value() : quote(o.value()));
                }
              });
          w(") ");
        }
        statement(e.statement());
      }
      case Statement.StartTransaction t -> {
        w("START TRANSACTION");
        modes(t.modes());
      }
      case Statement.Commit c -> w("COMMIT");
      case Statement.Rollback r -> w("ROLLBACK");
    }
  }

  /**
   * A dotted name stored joined ({@code SET a.b}, {@code WITH (a.b = ...)}): as written when every
   * part is a plain word, otherwise quoted whole, which reads back as the same joined name.
   */
  private static String variable(String name) {
    return DOTTED_WORDS.matcher(name).matches() ? name : '"' + name.replace("\"", "\"\"") + '"';
  }

  private void modes(List<String> modes) {
    for (int i = 0; i < modes.size(); i++) {
      w(i == 0 ? " " : ", ").w(modes.get(i));
    }
  }

  private void returning(List<SelectItem> items) {
    if (!items.isEmpty()) {
      w(" RETURNING ");
      selectItems(items);
    }
  }

  private void emit(Statement.EmitMode emit) {
    if (emit != null) {
      w(emit == Statement.EmitMode.ON_WINDOW_CLOSE ? " EMIT ON WINDOW CLOSE" : " EMIT IMMEDIATELY");
    }
  }

  private void with(List<SqlOption> options) {
    if (!options.isEmpty()) {
      w(" WITH ");
      options(options);
    }
  }

  private void options(List<SqlOption> options) {
    w("(");
    list(
        options,
        o -> {
          w(variable(o.name())).w(" = ");
          expr(o.value(), Precedence.NONE);
        });
    w(")");
  }

  private void formatEncode(FormatEncode f) {
    if (f == null) {
      return;
    }
    w(" FORMAT ").w(keyword(f.format())).w(" ENCODE ").w(keyword(f.encode()));
    if (!f.options().isEmpty()) {
      w(" ");
      options(f.options());
    }
    if (f.keyEncode() != null) {
      w(" KEY ENCODE ").w(keyword(f.keyEncode()));
    }
  }

  /** An upper-cased word as a label that reads back to the same upper-cased word. */
  private static String keyword(String upper) {
    return upper.matches("[A-Z_][A-Z0-9_]*") ? upper : '"' + upper.replace("\"", "\"\"") + '"';
  }

  private void createTable(Statement.CreateTable c) {
    w("CREATE ");
    if (c.orReplace()) {
      w("OR REPLACE ");
    }
    if (c.temporary()) {
      w("TEMPORARY ");
    }
    w("TABLE ");
    if (c.ifNotExists()) {
      w("IF NOT EXISTS ");
    }
    objectName(c.name());
    elements(c.wildcard(), c.columns(), c.constraints(), c.watermarks());
    if (c.appendOnly()) {
      w(" APPEND ONLY");
    }
    if (c.onConflict() != null) {
      w(
          switch (c.onConflict()) {
            case UPDATE_FULL -> " ON CONFLICT DO UPDATE FULL";
            case NOTHING -> " ON CONFLICT DO NOTHING";
            case UPDATE_IF_NOT_NULL -> " ON CONFLICT DO UPDATE IF NOT NULL";
          });
    }
    if (!c.versionColumns().isEmpty()) {
      w(" WITH VERSION COLUMN (");
      names(c.versionColumns());
      w(")");
    }
    with(c.with());
    formatEncode(c.formatEncode());
    if (c.asQuery() != null) {
      w(" AS ");
      query(c.asQuery());
    }
  }

  private void elements(
      boolean wildcard,
      List<ColumnDef> columns,
      List<TableConstraint> constraints,
      List<Watermark> watermarks) {
    if (!wildcard && columns.isEmpty() && constraints.isEmpty() && watermarks.isEmpty()) {
      return;
    }
    w(" (");
    String sep = "";
    if (wildcard) {
      w("*");
      sep = ", ";
    }
    for (ColumnDef col : columns) {
      w(sep);
      sep = ", ";
      w(ident(col.name()));
      if (col.type() != null) {
        w(" ");
        type(col.type());
      }
      for (ColumnConstraint cc : col.constraints()) {
        if (cc.name() != null) {
          w(" CONSTRAINT ").w(ident(cc.name()));
        }
        switch (cc.kind()) {
          case NOT_NULL -> w(" NOT NULL");
          case NULL -> w(" NULL");
          case PRIMARY_KEY -> w(" PRIMARY KEY");
          case UNIQUE -> w(" UNIQUE");
          case DEFAULT -> {
            w(" DEFAULT ");
            expr(cc.expr(), Precedence.IS + 1);
          }
          case CHECK -> {
            w(" CHECK (");
            expr(cc.expr(), Precedence.NONE);
            w(")");
          }
          case GENERATED -> {
            w(" AS ");
            expr(cc.expr(), Precedence.IS + 1);
          }
        }
      }
    }
    for (TableConstraint tc : constraints) {
      w(sep);
      sep = ", ";
      if (tc.name() != null) {
        w("CONSTRAINT ").w(ident(tc.name())).w(" ");
      }
      switch (tc.kind()) {
        case PRIMARY_KEY -> {
          w("PRIMARY KEY (");
          names(tc.columns());
          w(")");
        }
        case UNIQUE -> {
          w("UNIQUE (");
          names(tc.columns());
          w(")");
        }
        case CHECK -> {
          w("CHECK (");
          expr(tc.check(), Precedence.NONE);
          w(")");
        }
      }
    }
    for (Watermark wm : watermarks) {
      w(sep);
      sep = ", ";
      w("WATERMARK FOR ").w(ident(wm.column())).w(" AS ");
      expr(wm.expr(), Precedence.NONE);
      if (wm.withTtl()) {
        w(" WITH TTL");
      }
    }
    w(")");
  }
}
