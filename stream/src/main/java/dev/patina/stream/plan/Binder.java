package dev.patina.stream.plan;

import dev.patina.stream.catalog.Catalog;
import dev.patina.stream.catalog.ColumnDesc;
import dev.patina.stream.catalog.Relation;
import dev.patina.stream.catalog.RelationKind;
import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.CastContext;
import dev.patina.stream.expr.Casts;
import dev.patina.stream.expr.Coercion;
import dev.patina.stream.expr.Operators;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.sql.Expr;
import dev.patina.stream.sql.ObjectName;
import dev.patina.stream.sql.OrderByItem;
import dev.patina.stream.sql.Query;
import dev.patina.stream.sql.Select;
import dev.patina.stream.sql.SetExpr;
import dev.patina.stream.sql.SqlParser;
import dev.patina.stream.sql.Statement;
import dev.patina.stream.sql.TableRef;
import dev.patina.stream.types.DataType;
import dev.patina.stream.types.StructType;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Turns parsed queries into {@link LogicalPlan}s: resolves names against the catalog and the FROM
 * clause, types expressions (through {@code expr}), and builds aggregation, joins, set operations,
 * sorting and limits. Views are expanded in place; a materialized view is read from its state table
 * when the streaming engine maintains it, and computed from its definition otherwise.
 *
 * <p>Uncorrelated subqueries in expressions are run while binding, through {@link
 * Options#runner()}, and become constants: a binder is made per statement execution, so the values
 * are as of that statement.
 */
public final class Binder {
  /** Runs a plan to completion (uncorrelated subqueries). */
  @FunctionalInterface
  public interface SubqueryRunner {
    List<Object[]> run(LogicalPlan plan);
  }

  /**
   * What a statement binds against.
   *
   * @param paramTypes declared types of {@code $1..} (null entries: inferred)
   * @param maintained whether a materialized view's state table holds its rows
   */
  public record Options(
      String user,
      String database,
      List<DataType> paramTypes,
      SubqueryRunner runner,
      Predicate<Relation> maintained) {}

  /** A bound query: its plan (whose schema is the output) and output column names. */
  public record BoundQuery(LogicalPlan plan, List<String> names) {
    public List<DataType> types() {
      return plan.schema().stream().map(Field::type).toList();
    }
  }

  /**
   * A subquery's rows and column types. A correlated one has no rows: its plan runs once per outer
   * row with {@code outer}, expressions over the enclosing query's scope, evaluated as the row its
   * outer column references read.
   */
  record Subquery(
      List<Object[]> rows,
      List<DataType> type,
      LogicalPlan plan,
      List<BoundExpr> outer,
      List<String> names) {
    boolean correlated() {
      return rows == null;
    }
  }

  /**
   * An enclosing query level of a subquery being bound: the scope its outer references resolve in,
   * and the values (expressions over that scope) the subquery reads from it, one per distinct
   * referenced column.
   */
  private static final class Frame {
    final Scope scope;
    final List<BoundExpr> values = new ArrayList<>();
    final Map<String, Integer> positions = new HashMap<>();

    Frame(Scope scope) {
      this.scope = scope;
    }

    int add(String key, BoundExpr value) {
      return positions.computeIfAbsent(
          key,
          k -> {
            values.add(value);
            return values.size() - 1;
          });
    }
  }

  private final Catalog catalog;
  private final Options options;
  private final Deque<Map<String, BoundQuery>> ctes = new ArrayDeque<>();

  /** The enclosing query levels of the subquery being bound, the innermost last. */
  private final List<Frame> frames = new ArrayList<>();

  private final Set<Integer> dependencies = new HashSet<>();
  private final Set<Integer> expanding = new HashSet<>();

  public Binder(Catalog catalog, Options options) {
    this.catalog = catalog;
    this.options = options;
  }

  private boolean ranSubqueries;

  /**
   * Whether {@code x IN (uncorrelated subquery)} conjuncts of WHERE become semi joins (as
   * RisingWave plans them) instead of constants: set for materialized views, whose subquery side
   * changes.
   */
  private boolean subqueriesAsJoins;

  /**
   * Binds WHERE's {@code x IN (subquery)} conjuncts as semi joins with the subquery's plan, so that
   * a materialized view can be maintained as both sides change (a batch query runs the subquery
   * once instead).
   */
  public Binder forMaterializedView() {
    subqueriesAsJoins = true;
    return this;
  }

  /**
   * Whether binding ran a subquery and used its rows as constants: such a plan is right for one
   * execution but cannot be maintained incrementally.
   */
  public boolean ranSubqueries() {
    return ranSubqueries;
  }

  /** The ids of the relations the bound statements read. */
  public Set<Integer> dependencies() {
    return dependencies;
  }

  Catalog catalog() {
    return catalog;
  }

  String user() {
    return options.user();
  }

  String database() {
    return options.database();
  }

  DataType paramType(int index) {
    List<DataType> ts = options.paramTypes();
    return ts != null && index >= 1 && index <= ts.size() ? ts.get(index - 1) : null;
  }

  boolean isOuterQualifier(String q) {
    return frames.stream().anyMatch(f -> f.scope.hasQualifier(q));
  }

  SqlException unknownColumn(String qualifier, String name) {
    return Scope.unknownColumn(qualifier, name);
  }

  // ---------------------------------------------------------------------------------------------
  // Queries

  public BoundQuery bindQuery(Query q) {
    boolean pushed = false;
    if (q.with() != null) {
      if (q.with().recursive()) {
        throw new SqlException(
            SqlState.FEATURE_NOT_SUPPORTED, "WITH RECURSIVE is not supported yet");
      }
      ctes.push(new HashMap<>());
      pushed = true;
      for (Query.Cte cte : q.with().ctes()) {
        BoundQuery b =
            cte.query() == null ? bindChangelog(cte.changelogOf()) : bindQuery(cte.query());
        ctes.peek().put(cte.name(), renamed(b, cte.columns(), cte.name()));
      }
    }
    try {
      Expr limit = q.limit();
      if (q.fetch() != null) {
        limit =
            q.fetch().count() == null
                ? new Expr.NumberLit(q.fetch().pos(), "1")
                : q.fetch().count();
      }
      SetExpr body = q.body();
      while (body instanceof SetExpr.Parenthesized p && p.query().isBare()) {
        body = p.query().body();
      }
      if (body instanceof Select s) {
        BoundQuery b = bindSelect(s, q.orderBy(), limit, q.offset());
        if (q.fetch() != null && q.fetch().withTies()) {
          b = new BoundQuery(withTies(b.plan()), b.names());
        }
        return b;
      }
      BoundQuery b = bindSetExpr(body);
      if (q.orderBy().isEmpty() && limit == null && q.offset() == null) {
        return b;
      }
      Scope scope = Scope.of(null, b.plan().schema());
      List<SortKey> keys = new ArrayList<>();
      for (OrderByItem o : q.orderBy()) {
        int idx = outputIndex(o.expr(), b.names(), List.of());
        if (idx < 0) {
          BoundExpr e = new ExprBinder(this, scope, null, "ORDER BY").bind(o.expr());
          if (!(e instanceof BoundExpr.InputRef r)) {
            throw new SqlException(
                SqlState.FEATURE_NOT_SUPPORTED,
                "ORDER BY on a set operation must name an output column");
          }
          idx = r.index();
        }
        keys.add(new SortKey(idx, o.descending(), nullsFirst(o)));
      }
      LogicalPlan p = b.plan();
      if (!keys.isEmpty()) {
        p = new LogicalPlan.Sort(p, keys);
      }
      p = limit(p, limit, q.offset());
      return new BoundQuery(p, b.names());
    } finally {
      if (pushed) {
        ctes.pop();
      }
    }
  }

  /**
   * {@code CHANGELOG FROM rel}: the relation's columns (hidden ones stay hidden), then {@code
   * changelog_op} and the hidden {@code _changelog_row_id}, as RisingWave's binder gives them.
   */
  private BoundQuery bindChangelog(ObjectName name) {
    Relation r = relation(name);
    if (r.kind() != RelationKind.TABLE && r.kind() != RelationKind.MATERIALIZED_VIEW) {
      throw new SqlException(
          SqlState.FEATURE_NOT_SUPPORTED, "Change log CTE must be a table or source");
    }
    BoundQuery in = read(r);
    List<Field> fields = new ArrayList<>(in.plan().schema());
    List<String> names = new ArrayList<>(in.names());
    if (names.contains(LogicalPlan.Changelog.OP)) {
      throw new SqlException(
          SqlState.SYNTAX_ERROR,
          "The source table of changelog cannot have `changelog_op`, please rename it first");
    }
    fields.add(new Field(LogicalPlan.Changelog.OP, DataType.INT16));
    fields.add(new Field(LogicalPlan.Changelog.ROW_ID, DataType.SERIAL, true));
    names.add(LogicalPlan.Changelog.OP);
    names.add(LogicalPlan.Changelog.ROW_ID);
    return new BoundQuery(new LogicalPlan.Changelog(in.plan(), fields), names);
  }

  private static LogicalPlan withTies(LogicalPlan p) {
    return switch (p) {
      case LogicalPlan.Limit l -> new LogicalPlan.Limit(l.input(), l.limit(), l.offset(), true);
      case LogicalPlan.Project pr ->
          new LogicalPlan.Project(withTies(pr.input()), pr.exprs(), pr.schema());
      default -> p;
    };
  }

  private static BoundQuery renamed(BoundQuery b, List<String> columns, String what) {
    if (columns.isEmpty()) {
      return b;
    }
    if (columns.size() > b.names().size()) {
      throw new SqlException(
          SqlState.SYNTAX_ERROR,
          "\""
              + what
              + "\" has "
              + b.names().size()
              + " columns available but "
              + columns.size()
              + " columns specified");
    }
    List<String> names = new ArrayList<>(columns);
    names.addAll(b.names().subList(columns.size(), b.names().size()));
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      fields.add(new Field(names.get(i), b.plan().schema().get(i).type()));
    }
    List<BoundExpr> refs = new ArrayList<>();
    for (int i = 0; i < fields.size(); i++) {
      refs.add(new BoundExpr.InputRef(i, fields.get(i).type()));
    }
    return new BoundQuery(new LogicalPlan.Project(b.plan(), refs, fields), names);
  }

  static boolean nullsFirst(OrderByItem o) {
    return switch (o.nulls()) {
      case FIRST -> true;
      case LAST -> false;
      case DEFAULT -> o.descending();
    };
  }

  private LogicalPlan limit(LogicalPlan p, Expr limit, Expr offset) {
    if (limit == null && offset == null) {
      return p;
    }
    long l = limit == null ? -1 : constantLong(limit, "LIMIT");
    long o = offset == null ? 0 : constantLong(offset, "OFFSET");
    return new LogicalPlan.Limit(p, l, o);
  }

  private long constantLong(Expr e, String clause) {
    BoundExpr b = new ExprBinder(this, Scope.empty(), null, clause).bind(e);
    if (b instanceof BoundExpr.Literal l && l.value() == null) {
      return -1;
    }
    b = Casts.cast(b, DataType.INT64, CastContext.ASSIGNMENT);
    Object v = b.eval(new Object[0]);
    if (v == null) {
      return -1;
    }
    long n = (Long) v;
    if (n < 0) {
      throw new SqlException("2201W", clause + " must not be negative");
    }
    return n;
  }

  private BoundQuery bindSetExpr(SetExpr body) {
    return switch (body) {
      case Select s -> bindSelect(s, List.of(), null, null);
      case SetExpr.Values v -> bindValues(v, null);
      case SetExpr.Parenthesized p -> bindQuery(p.query());
      case SetExpr.SetOperation op -> bindSetOperation(op);
    };
  }

  private BoundQuery bindSetOperation(SetExpr.SetOperation op) {
    BoundQuery l = bindSetExpr(op.left());
    BoundQuery r = bindSetExpr(op.right());
    if (op.corresponding() != null) {
      List<String> common = new ArrayList<>();
      if (op.corresponding().isEmpty()) {
        for (String n : l.names()) {
          if (r.names().contains(n) && !common.contains(n)) {
            common.add(n);
          }
        }
      } else {
        for (String n : op.corresponding()) {
          if (!l.names().contains(n) || !r.names().contains(n)) {
            throw invalidInput(
                "Column name `"
                    + n
                    + "` in CORRESPONDING BY is not found in a side of the "
                    + op.op().name()
                    + " operation. It shall be included in both sides.");
          }
          common.add(n);
        }
      }
      if (common.isEmpty()) {
        throw invalidInput(
            "When CORRESPONDING is specified, at least one column of the left side shall have a"
                + " column name that is the column name of some column of the right side in a "
                + op.op().name()
                + " operation. Left side query column list: "
                + quotedList(l.names())
                + ". Right side query column list: "
                + quotedList(r.names())
                + ".");
      }
      l = select(l, common);
      r = select(r, common);
    }
    String what = op.op().name();
    if (l.names().size() != r.names().size()) {
      throw new SqlException(
          SqlState.SYNTAX_ERROR, "each " + what + " query must have the same number of columns");
    }
    List<DataType> types = new ArrayList<>();
    for (int i = 0; i < l.names().size(); i++) {
      types.add(
          Coercion.commonType(java.util.Arrays.asList(l.types().get(i), r.types().get(i)), what));
    }
    LogicalPlan lp = castTo(l.plan(), types, l.names());
    LogicalPlan rp = castTo(r.plan(), types, l.names());
    LogicalPlan.SetOperator o = LogicalPlan.SetOperator.valueOf(op.op().name());
    return new BoundQuery(new LogicalPlan.SetOp(o, op.all(), lp, rp), l.names());
  }

  /**
   * RisingWave's wording for a bind error of kind "Invalid input syntax", as its frontend reports
   * it: the context line, then the cause.
   */
  static SqlException invalidInput(String message) {
    return new SqlException(
        SqlState.SYNTAX_ERROR,
        "Failed to run the query\n\nCaused by:\n  Invalid input syntax: " + message);
  }

  /** {@code ("a", "b")}, as Rust prints a tuple of names in RisingWave's errors. */
  private static String quotedList(List<String> names) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < names.size(); i++) {
      sb.append(i == 0 ? "" : ", ").append('"').append(names.get(i)).append('"');
    }
    return sb.append(')').toString();
  }

  /** The columns of {@code b} named {@code names}, in that order. */
  private static BoundQuery select(BoundQuery b, List<String> names) {
    List<BoundExpr> exprs = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    for (String n : names) {
      int i = b.names().indexOf(n);
      DataType t = b.plan().schema().get(i).type();
      exprs.add(new BoundExpr.InputRef(i, t));
      fields.add(new Field(n, t));
    }
    return new BoundQuery(new LogicalPlan.Project(b.plan(), exprs, fields), names);
  }

  /** {@code p} with its columns cast to {@code types} (implicitly), renamed to {@code names}. */
  static LogicalPlan castTo(LogicalPlan p, List<DataType> types, List<String> names) {
    List<BoundExpr> exprs = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    boolean changed = false;
    for (int i = 0; i < types.size(); i++) {
      Field f = p.schema().get(i);
      BoundExpr e = new BoundExpr.InputRef(i, f.type());
      if (!f.type().equals(types.get(i))) {
        e = Casts.cast(e, types.get(i), CastContext.IMPLICIT);
        changed = true;
      }
      exprs.add(e);
      fields.add(new Field(names.get(i), types.get(i)));
    }
    return changed ? new LogicalPlan.Project(p, exprs, fields) : p;
  }

  /**
   * A VALUES list; with {@code targetTypes} (INSERT) each value is assigned to the column type,
   * otherwise each column takes the common type of its values.
   */
  public BoundQuery bindValues(SetExpr.Values v, List<DataType> targetTypes) {
    ExprBinder eb = new ExprBinder(this, Scope.empty(), null, "VALUES");
    List<List<BoundExpr>> rows = new ArrayList<>();
    int width = v.rows().get(0).size();
    for (List<Expr> row : v.rows()) {
      if (row.size() != width) {
        throw new SqlException(SqlState.SYNTAX_ERROR, "VALUES lists must all be the same length");
      }
      rows.add(new ArrayList<>(eb.bindAll(row)));
    }
    List<Field> fields = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int c = 0; c < width; c++) {
      List<BoundExpr> col = new ArrayList<>();
      for (List<BoundExpr> r : rows) {
        col.add(r.get(c));
      }
      DataType t;
      if (targetTypes != null && c < targetTypes.size()) {
        t = targetTypes.get(c);
        for (List<BoundExpr> r : rows) {
          r.set(c, Casts.cast(r.get(c), t, CastContext.ASSIGNMENT));
        }
      } else {
        t = Coercion.commonTypeOf(col, "VALUES");
        for (List<BoundExpr> r : rows) {
          r.set(c, Casts.cast(r.get(c), t, CastContext.IMPLICIT));
        }
      }
      names.add("column" + (c + 1));
      fields.add(new Field("column" + (c + 1), t));
    }
    return new BoundQuery(new LogicalPlan.Values(rows, fields), names);
  }

  // ---------------------------------------------------------------------------------------------
  // SELECT

  private record From(LogicalPlan plan, Scope scope) {}

  private BoundQuery bindSelect(Select s, List<OrderByItem> orderBy, Expr limit, Expr offset) {
    s = setReturningInSelectList(s);
    From from = bindFromList(s.from());
    LogicalPlan plan = from.plan();
    Scope scope = from.scope();
    Expr where = s.where();
    if (where != null && subqueriesAsJoins) {
      List<Expr> rest = new ArrayList<>();
      for (Expr c : conjuncts(where)) {
        LogicalPlan joined =
            switch (c) {
              case Expr.InSubquery in when !in.negated() -> semiJoin(plan, scope, in);
              case Expr.Exists ex -> existsJoin(plan, scope, ex.query(), false);
              case Expr.Unary u
                  when u.op() == Expr.UnaryOp.NOT && u.operand() instanceof Expr.Exists ex ->
                  existsJoin(plan, scope, ex.query(), true);
              default -> null;
            };
        if (joined != null) {
          plan = joined;
        } else {
          rest.add(c);
        }
      }
      where =
          rest.stream()
              .reduce((a, b) -> new Expr.Binary(a.pos(), a, Expr.BinaryOp.AND, b))
              .orElse(null);
    }
    if (where != null) {
      BoundExpr w = new ExprBinder(this, scope, null, "WHERE").bind(where);
      plan = new LogicalPlan.Filter(plan, Operators.condition(w, "WHERE"));
    }
    AggCollector aggs = new AggCollector(scope.size());
    Map<String, dev.patina.stream.sql.Window.Spec> named = new HashMap<>();
    for (Select.NamedWindow w : s.windows()) {
      named.put(w.name(), w.spec());
    }
    WindowCollector windows = new WindowCollector(named);
    ExprBinder eb = new ExprBinder(this, scope, aggs, "SELECT", windows);
    // select list
    List<BoundExpr> exprs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Select.SelectItem item : s.items()) {
      switch (item) {
        case Select.SelectItem.ExprItem e -> {
          exprs.add(eb.bind(e.expr()));
          names.add(e.alias() != null ? e.alias() : nameOf(e.expr()));
        }
        case Select.SelectItem.Wildcard w -> expandWildcard(w, scope, exprs, names);
        case Select.SelectItem.ExprWildcard w -> {
          BoundExpr base = eb.bind(w.expr());
          if (!(base.type() instanceof dev.patina.stream.types.StructType st)) {
            throw new SqlException(
                SqlState.DATATYPE_MISMATCH, "type " + base.type().sqlName() + " is not composite");
          }
          for (int i = 0; i < st.fields().size(); i++) {
            exprs.add(new BoundExpr.FieldAccess(base, i));
            names.add(st.fields().get(i).name());
          }
        }
      }
    }
    // group by
    List<BoundExpr> groupKeys = new ArrayList<>();
    ExprBinder gb = new ExprBinder(this, scope, null, "GROUP BY");
    List<List<BoundExpr>> sets = List.of(List.of());
    boolean plain = true;
    for (Select.GroupingElement g : s.groupBy()) {
      plain &= g instanceof Select.GroupingElement.Item;
      List<List<BoundExpr>> elementSets =
          GroupingSets.expand(g, e -> groupKey(e, gb, exprs, names, scope));
      sets = GroupingSets.cross(sets, elementSets);
    }
    for (List<BoundExpr> set : sets) {
      for (BoundExpr k : set) {
        addKey(groupKeys, k);
      }
    }
    BoundExpr having =
        s.having() == null ? null : new ExprBinder(this, scope, aggs, "HAVING").bind(s.having());
    // order by (bound before aggregation rewrite, over the same scope)
    List<BoundExpr> orderExprs = new ArrayList<>();
    List<Integer> orderIdx = new ArrayList<>();
    for (OrderByItem o : orderBy) {
      int idx = outputIndex(o.expr(), names, exprs);
      orderIdx.add(idx);
      orderExprs.add(idx >= 0 ? null : eb.bind(o.expr()));
    }
    List<BoundExpr> distinctOnExprs = new ArrayList<>();
    for (Expr e : s.distinctOn()) {
      int idx = outputIndex(e, names, exprs);
      distinctOnExprs.add(idx >= 0 ? exprs.get(idx) : eb.bind(e));
    }
    boolean aggregate = !aggs.isEmpty() || !s.groupBy().isEmpty();
    List<WindowCall> calls = new ArrayList<>(windows.calls);
    if (aggregate) {
      List<Field> fields = new ArrayList<>();
      for (int i = 0; i < groupKeys.size(); i++) {
        fields.add(new Field("_key" + i, groupKeys.get(i).type()));
      }
      for (AggCall c : aggs.calls) {
        fields.add(new Field(c.name(), c.type()));
      }
      plan =
          plain
              ? new LogicalPlan.Aggregate(plan, groupKeys, aggs.calls, fields)
              : GroupingSets.plan(plan, groupKeys, sets, aggs.calls, fields);
      AggRewriter rw = new AggRewriter(groupKeys, scope.size(), scope);
      exprs.replaceAll(rw::rewrite);
      orderExprs.replaceAll(e -> e == null ? null : rw.rewrite(e));
      distinctOnExprs.replaceAll(rw::rewrite);
      if (having != null) {
        plan = new LogicalPlan.Filter(plan, Operators.condition(rw.rewrite(having), "HAVING"));
      }
      calls.replaceAll(
          c ->
              c.withExprs(
                  c.args().stream().map(rw::rewrite).toList(),
                  c.partitionBy().stream().map(rw::rewrite).toList(),
                  c.orderBy().stream().map(rw::rewrite).toList()));
    } else if (having != null) {
      plan = new LogicalPlan.Filter(plan, Operators.condition(having, "HAVING"));
    }
    if (!windows.setReturning.isEmpty()) {
      if (aggregate) {
        throw new SqlException(
            SqlState.FEATURE_NOT_SUPPORTED,
            "set-returning functions with GROUP BY or aggregates are not supported yet");
      }
      int base = plan.schema().size();
      List<Field> sf = new ArrayList<>(plan.schema());
      for (LogicalPlan.TableFunction t : windows.setReturning) {
        sf.add(t.schema().get(0));
      }
      plan = new LogicalPlan.ProjectSet(plan, windows.setReturning, sf);
      exprs.replaceAll(e -> WindowCollector.remapSetReturning(e, base));
      orderExprs.replaceAll(e -> e == null ? null : WindowCollector.remapSetReturning(e, base));
      distinctOnExprs.replaceAll(e -> WindowCollector.remapSetReturning(e, base));
    }
    if (!calls.isEmpty()) {
      int base = plan.schema().size();
      List<Field> wf = new ArrayList<>(plan.schema());
      for (WindowCall c : calls) {
        wf.add(new Field(c.name(), c.type()));
      }
      plan = new LogicalPlan.OverWindow(plan, calls, wf);
      exprs.replaceAll(e -> WindowCollector.remap(e, base));
      orderExprs.replaceAll(e -> e == null ? null : WindowCollector.remap(e, base));
      distinctOnExprs.replaceAll(e -> WindowCollector.remap(e, base));
    }
    // projection with extra sort columns
    for (int i = 0; i < exprs.size(); i++) {
      if (Coercion.isUnknown(exprs.get(i))) {
        exprs.set(i, Casts.cast(exprs.get(i), DataType.VARCHAR, CastContext.IMPLICIT));
      }
    }
    int visible = exprs.size();
    List<BoundExpr> all = new ArrayList<>(exprs);
    List<SortKey> keys = new ArrayList<>();
    for (int i = 0; i < orderBy.size(); i++) {
      int idx = orderIdx.get(i);
      if (idx < 0) {
        BoundExpr e = orderExprs.get(i);
        idx = all.indexOf(e);
        if (idx < 0) {
          if (s.distinct() && s.distinctOn().isEmpty()) {
            throw new SqlException(
                "42P10", "for SELECT DISTINCT, ORDER BY expressions must appear in select list");
          }
          all.add(e);
          idx = all.size() - 1;
        }
      }
      OrderByItem o = orderBy.get(i);
      keys.add(new SortKey(idx, o.descending(), nullsFirst(o)));
    }
    List<Integer> distinctKeys = new ArrayList<>();
    for (BoundExpr e : distinctOnExprs) {
      int idx = all.indexOf(e);
      if (idx < 0) {
        all.add(e);
        idx = all.size() - 1;
      }
      distinctKeys.add(idx);
    }
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < all.size(); i++) {
      fields.add(new Field(i < visible ? names.get(i) : "_extra" + i, all.get(i).type()));
    }
    plan = new LogicalPlan.Project(plan, all, fields);
    if (!keys.isEmpty()) {
      plan = new LogicalPlan.Sort(plan, keys);
    }
    if (!distinctKeys.isEmpty()) {
      plan = new LogicalPlan.DistinctOn(plan, distinctKeys);
    } else if (s.distinct()) {
      plan = new LogicalPlan.Distinct(plan);
    }
    plan = limit(plan, limit, offset);
    if (all.size() > visible) {
      List<BoundExpr> refs = new ArrayList<>();
      for (int i = 0; i < visible; i++) {
        refs.add(new BoundExpr.InputRef(i, fields.get(i).type()));
      }
      plan = new LogicalPlan.Project(plan, refs, fields.subList(0, visible));
    }
    return new BoundQuery(plan, names);
  }

  /**
   * {@code SELECT generate_series(..)} without FROM: the set-returning function becomes the FROM
   * item (the only form of set-returning functions in the select list supported so far).
   */
  private static Select setReturningInSelectList(Select s) {
    if (!s.from().isEmpty()) {
      return s;
    }
    for (int i = 0; i < s.items().size(); i++) {
      if (s.items().get(i) instanceof Select.SelectItem.ExprItem e
          && e.expr() instanceof Expr.FunctionCall f
          && f.over() == null
          && List.of("generate_series", "unnest")
              .contains(f.name().name().toLowerCase(java.util.Locale.ROOT))) {
        String name = f.name().name().toLowerCase(java.util.Locale.ROOT);
        List<Select.SelectItem> items = new ArrayList<>(s.items());
        items.set(
            i,
            new Select.SelectItem.ExprItem(
                e.pos(),
                new Expr.ColumnRef(e.pos(), List.of("_srf", name)),
                e.alias() != null ? e.alias() : name));
        TableRef from =
            new TableRef.Function(
                f.pos(), false, f, false, new TableRef.Alias(f.pos(), "_srf", List.of(name)));
        return new Select(
            s.pos(),
            s.distinct(),
            s.distinctOn(),
            items,
            List.of(from),
            s.where(),
            s.groupBy(),
            s.having(),
            s.windows());
      }
    }
    return s;
  }

  private static void addKey(List<BoundExpr> keys, BoundExpr k) {
    if (!keys.contains(k)) {
      keys.add(k);
    }
  }

  private BoundExpr groupKey(
      Expr e, ExprBinder gb, List<BoundExpr> exprs, List<String> names, Scope scope) {
    if (e instanceof Expr.NumberLit n && n.text().matches("\\d+")) {
      int i = Integer.parseInt(n.text()) - 1;
      if (i < 0 || i >= exprs.size()) {
        throw new SqlException("42P10", "GROUP BY position " + n.text() + " is not in select list");
      }
      return exprs.get(i);
    }
    if (e instanceof Expr.ColumnRef c
        && c.names().size() == 1
        && scope.find(null, c.names().get(0)) < 0) {
      int i = names.indexOf(c.names().get(0));
      if (i >= 0) {
        return exprs.get(i);
      }
    }
    return gb.bind(e);
  }

  /** An ORDER BY / DISTINCT ON item that names an output column (ordinal or alias), or -1. */
  private static int outputIndex(Expr e, List<String> names, List<BoundExpr> exprs) {
    if (e instanceof Expr.NumberLit n && n.text().matches("\\d+")) {
      int i = Integer.parseInt(n.text()) - 1;
      if (i < 0 || i >= names.size()) {
        throw new SqlException("42P10", "ORDER BY position " + n.text() + " is not in select list");
      }
      return i;
    }
    if (e instanceof Expr.ColumnRef c && c.names().size() == 1) {
      int first = names.indexOf(c.names().get(0));
      if (first >= 0 && names.lastIndexOf(c.names().get(0)) != first) {
        // several outputs of that name: only ambiguous if they differ
        if (!exprs.isEmpty()
            && !exprs.get(first).equals(exprs.get(names.lastIndexOf(c.names().get(0))))) {
          throw new SqlException("42702", "ORDER BY \"" + c.names().get(0) + "\" is ambiguous");
        }
      }
      return first;
    }
    return -1;
  }

  private static void expandWildcard(
      Select.SelectItem.Wildcard w, Scope scope, List<BoundExpr> exprs, List<String> names) {
    String q = w.qualifier() == null ? null : w.qualifier().name();
    if (q != null && !scope.hasQualifier(q)) {
      throw new SqlException(
          SqlState.UNDEFINED_TABLE, "missing FROM-clause entry for table \"" + q + "\"");
    }
    Set<String> except = new HashSet<>();
    for (Expr e : w.except()) {
      if (e instanceof Expr.ColumnRef c) {
        except.add(c.names().getLast());
      }
    }
    int n = 0;
    for (int i = 0; i < scope.size(); i++) {
      Scope.Column c = scope.get(i);
      if (c.hidden() || (q != null && !q.equals(c.qualifier())) || except.contains(c.name())) {
        continue;
      }
      exprs.add(new BoundExpr.InputRef(i, c.type()));
      names.add(c.name());
      n++;
    }
    if (n == 0 && q == null && scope.size() == 0) {
      throw new SqlException(
          SqlState.SYNTAX_ERROR, "SELECT * with no tables specified is not valid");
    }
  }

  static String nameOf(Expr e) {
    return switch (e) {
      case Expr.ColumnRef c -> c.names().getLast();
      case Expr.FunctionCall f -> f.name().name().toLowerCase(java.util.Locale.ROOT);
      case Expr.Cast c ->
          c.operand() instanceof Expr.ColumnRef || c.operand() instanceof Expr.FunctionCall
              ? nameOf(c.operand())
              : c.type().toSql().toLowerCase(java.util.Locale.ROOT);
      case Expr.FieldAccess f -> f.field();
      case Expr.Case c -> "case";
      case Expr.Exists x -> "exists";
      case Expr.ArraySubquery a -> "array";
      case Expr.ArrayLit a -> "array";
      case Expr.Row r -> "row";
      case Expr.Extract x -> "extract";
      case Expr.ValueFunction v -> v.kind().name().toLowerCase(java.util.Locale.ROOT);
      case Expr.Substring s -> "substring";
      case Expr.Position p -> "position";
      case Expr.Trim t -> "btrim";
      case Expr.Subquery s -> subqueryName(s.query());
      default -> "?column?";
    };
  }

  private static String subqueryName(Query q) {
    if (q.body() instanceof Select s
        && s.items().size() == 1
        && s.items().get(0) instanceof Select.SelectItem.ExprItem e) {
      return e.alias() != null ? e.alias() : nameOf(e.expr());
    }
    return "?column?";
  }

  // ---------------------------------------------------------------------------------------------
  // FROM

  private From bindFromList(List<TableRef> from) {
    if (from.isEmpty()) {
      LogicalPlan one = new LogicalPlan.Values(List.of(List.of()), List.of());
      return new From(one, Scope.empty());
    }
    From acc = null;
    for (TableRef t : from) {
      if (acc != null && t instanceof TableRef.Derived d && d.lateral()) {
        acc = lateral(acc, d, LogicalPlan.JoinType.INNER, null);
        continue;
      }
      From f = bindTableRef(t);
      acc = acc == null ? f : join(acc, f, LogicalPlan.JoinType.INNER, null);
    }
    return acc;
  }

  private From bindTableRef(TableRef t) {
    return switch (t) {
      case TableRef.Table tt -> bindTable(tt);
      case TableRef.Derived d -> {
        BoundQuery b = bindQuery(d.query());
        String alias = d.alias() == null ? null : d.alias().name();
        if (d.alias() != null) {
          b = renamed(b, d.alias().columns(), alias);
        }
        yield new From(b.plan(), scopeOf(alias, b));
      }
      case TableRef.Function f -> bindTableFunction(f);
      case TableRef.Join j -> bindJoin(j);
    };
  }

  private static Scope scopeOf(String qualifier, BoundQuery b) {
    List<Scope.Column> cs = new ArrayList<>();
    for (int i = 0; i < b.names().size(); i++) {
      Field f = b.plan().schema().get(i);
      cs.add(new Scope.Column(qualifier, b.names().get(i), f.type(), f.hidden()));
    }
    return new Scope(cs);
  }

  private From bindTableFunction(TableRef.Function f) {
    String name = f.call().name().name().toLowerCase(java.util.Locale.ROOT);
    if (name.equals("tumble") || name.equals("hop")) {
      return bindTimeWindow(name, f);
    }
    if (name.equals("gap_fill")) {
      return bindGapFill(f);
    }
    ExprBinder eb = new ExprBinder(this, Scope.empty(), null, "FROM");
    List<BoundExpr> args = eb.bindAll(f.call().args());
    LogicalPlan p = TableFunctions.plan(name, args);
    String alias = f.alias() != null ? f.alias().name() : name;
    BoundQuery b = new BoundQuery(p, p.schema().stream().map(Field::name).toList());
    if (f.alias() != null && !f.alias().columns().isEmpty()) {
      b = renamed(b, f.alias().columns(), alias);
    } else if (f.alias() != null && b.names().size() == 1) {
      b = renamed(b, List.of(alias), alias);
    }
    return new From(b.plan(), scopeOf(alias, b));
  }

  /**
   * {@code TUMBLE(table, time_col, size [, offset])}, {@code HOP(table, time_col, slide, size [,
   * offset])}.
   */
  private From bindTimeWindow(String name, TableRef.Function f) {
    List<Expr> args = f.call().args();
    int need = name.equals("tumble") ? 3 : 4;
    if (args.size() < need
        || args.size() > need + 1
        || !(args.get(0) instanceof Expr.ColumnRef table)) {
      throw new SqlException(
          SqlState.UNDEFINED_FUNCTION,
          name.equals("tumble")
              ? "usage: TUMBLE(table, time_column, window_size [, offset])"
              : "usage: HOP(table, time_column, hop_size, window_size [, offset])");
    }
    From input =
        bindTable(
            new TableRef.Table(
                table.pos(), new ObjectName(table.pos(), table.names()), null, null));
    ExprBinder eb = new ExprBinder(this, input.scope(), null, "FROM");
    BoundExpr time = eb.bind(args.get(1));
    if (!(time instanceof BoundExpr.InputRef ref)) {
      throw new SqlException(
          SqlState.FEATURE_NOT_SUPPORTED, name + " needs a column as time argument");
    }
    DataType tt = time.type();
    if (tt == DataType.DATE) {
      tt = DataType.TIMESTAMP;
    }
    if (tt != DataType.TIMESTAMP && tt != DataType.TIMESTAMPTZ) {
      throw new SqlException(
          SqlState.DATATYPE_MISMATCH,
          "the time column of "
              + name
              + " must be a date, timestamp or timestamptz, not "
              + tt.sqlName());
    }
    ExprBinder consts = new ExprBinder(this, Scope.empty(), null, "FROM");
    long slide = intervalMicros(consts.bind(args.get(2)), name);
    long size = name.equals("tumble") ? slide : intervalMicros(consts.bind(args.get(3)), name);
    long offset = args.size() > need ? intervalMicros(consts.bind(args.get(need)), name) : 0;
    if (slide <= 0 || size <= 0) {
      throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, "window size must be positive");
    }
    if (size % slide != 0) {
      throw new SqlException(
          SqlState.INVALID_PARAMETER_VALUE,
          "invalid window size: the window size must be an integer multiple of the hop size");
    }
    List<Field> fields = new ArrayList<>(input.plan().schema());
    fields.add(new Field("window_start", tt));
    fields.add(new Field("window_end", tt));
    LogicalPlan p =
        new LogicalPlan.TimeWindow(input.plan(), ref.index(), slide, size, offset, fields);
    String alias = f.alias() != null ? f.alias().name() : table.names().getLast();
    List<Scope.Column> cols = new ArrayList<>();
    for (Scope.Column c : input.scope().columns()) {
      cols.add(new Scope.Column(alias, c.name(), c.type(), c.hidden()));
    }
    cols.add(new Scope.Column(alias, "window_start", tt, false));
    cols.add(new Scope.Column(alias, "window_end", tt, false));
    return new From(p, new Scope(cols));
  }

  /**
   * {@code GAP_FILL(table, time_col, step [, INTERPOLATE(col) | LOCF(col) | KEEPNULL(col) ...] [,
   * PARTITION_BY(col, ...)])}.
   */
  private From bindGapFill(TableRef.Function f) {
    List<Expr> args = f.call().args();
    if (args.size() < 3 || !(args.get(0) instanceof Expr.ColumnRef table)) {
      throw new SqlException(
          SqlState.UNDEFINED_FUNCTION,
          "usage: GAP_FILL(table, time_column, interval [, fill strategies] [, PARTITION_BY(...)])");
    }
    From input =
        bindTable(
            new TableRef.Table(
                table.pos(), new ObjectName(table.pos(), table.names()), null, null));
    ExprBinder eb = new ExprBinder(this, input.scope(), null, "FROM");
    int time = gapFillColumn(eb, args.get(1));
    DataType tt = input.plan().schema().get(time).type();
    if (tt != DataType.TIMESTAMP && tt != DataType.TIMESTAMPTZ) {
      throw new SqlException(
          SqlState.DATATYPE_MISMATCH,
          "the time column of gap_fill must be a timestamp or timestamptz, not " + tt.sqlName());
    }
    long step =
        intervalMicros(
            new ExprBinder(this, Scope.empty(), null, "FROM").bind(args.get(2)), "gap_fill");
    if (step <= 0) {
      throw new SqlException(
          SqlState.INVALID_PARAMETER_VALUE, "gap_fill interval must be positive");
    }
    int width = input.plan().schema().size();
    List<LogicalPlan.FillStrategy> fills =
        new ArrayList<>(java.util.Collections.nCopies(width, LogicalPlan.FillStrategy.NULL));
    List<Integer> partition = new ArrayList<>();
    for (Expr a : args.subList(3, args.size())) {
      if (!(a instanceof Expr.FunctionCall call)) {
        throw new SqlException(
            SqlState.SYNTAX_ERROR,
            "gap_fill strategies are INTERPOLATE, LOCF, KEEPNULL or PARTITION_BY");
      }
      String kind = call.name().name().toLowerCase(java.util.Locale.ROOT);
      if (kind.equals("partition_by")) {
        for (Expr c : call.args()) {
          partition.add(gapFillColumn(eb, c));
        }
        continue;
      }
      LogicalPlan.FillStrategy s =
          switch (kind) {
            case "interpolate" -> LogicalPlan.FillStrategy.INTERPOLATE;
            case "locf" -> LogicalPlan.FillStrategy.LOCF;
            case "keepnull" -> LogicalPlan.FillStrategy.NULL;
            default ->
                throw new SqlException(
                    SqlState.SYNTAX_ERROR, "unknown gap_fill strategy: " + call.name().name());
          };
      if (call.args().size() != 1) {
        throw new SqlException(SqlState.SYNTAX_ERROR, kind + " takes one column");
      }
      int c = gapFillColumn(eb, call.args().get(0));
      if (c == time) {
        throw new SqlException(
            SqlState.INVALID_PARAMETER_VALUE, "the time column cannot have a fill strategy");
      }
      if (s == LogicalPlan.FillStrategy.INTERPOLATE
          && !java.util.Set.of(
                  DataType.INT16,
                  DataType.INT32,
                  DataType.INT64,
                  DataType.FLOAT32,
                  DataType.FLOAT64,
                  DataType.DECIMAL)
              .contains(input.plan().schema().get(c).type())) {
        throw new SqlException(SqlState.DATATYPE_MISMATCH, "INTERPOLATE needs a numeric column");
      }
      fills.set(c, s);
    }
    LogicalPlan p =
        new LogicalPlan.GapFill(
            input.plan(),
            time,
            step,
            List.copyOf(fills),
            List.copyOf(partition),
            input.plan().schema());
    String alias = f.alias() != null ? f.alias().name() : table.names().getLast();
    List<Scope.Column> cols = new ArrayList<>();
    for (Scope.Column c : input.scope().columns()) {
      cols.add(new Scope.Column(alias, c.name(), c.type(), c.hidden()));
    }
    return new From(p, new Scope(cols));
  }

  private static int gapFillColumn(ExprBinder eb, Expr e) {
    if (!(eb.bind(e) instanceof BoundExpr.InputRef ref)) {
      throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "gap_fill needs column arguments");
    }
    return ref.index();
  }

  private static long intervalMicros(BoundExpr e, String fn) {
    BoundExpr c = Casts.cast(e, DataType.INTERVAL, CastContext.IMPLICIT);
    Object v = c.eval(new Object[0]);
    if (!(v instanceof dev.patina.stream.types.Interval i)) {
      throw new SqlException(SqlState.INVALID_PARAMETER_VALUE, fn + " needs interval arguments");
    }
    if (i.months() != 0) {
      throw new SqlException(
          SqlState.FEATURE_NOT_SUPPORTED, "window sizes in months are not supported");
    }
    return i.days() * 86_400_000_000L + i.micros();
  }

  private From bindTable(TableRef.Table t) {
    ObjectName name = t.name();
    String alias = t.alias() != null ? t.alias().name() : name.name();
    if (name.parts().size() == 1) {
      for (Map<String, BoundQuery> level : ctes) {
        BoundQuery cte = level.get(name.name());
        if (cte != null) {
          if (t.asOf() != null) {
            throw new SqlException(
                SqlState.FEATURE_NOT_SUPPORTED,
                "Right table of a temporal join should not be a CTE. It should be a table, index,"
                    + " or materialized view");
          }
          BoundQuery b = t.alias() == null ? cte : renamed(cte, t.alias().columns(), alias);
          return new From(b.plan(), scopeOf(alias, b));
        }
      }
    }
    String schema = name.parts().size() > 1 ? name.parts().get(name.parts().size() - 2) : null;
    if ((schema == null || schema.equals("pg_catalog"))
        && SystemTables.exists(name.name())
        && (schema != null || catalog.get("public", name.name()) == null)) {
      BoundQuery sys = SystemTables.plan(name.name(), catalog, options.user());
      BoundQuery b = t.alias() == null ? sys : renamed(sys, t.alias().columns(), alias);
      return new From(b.plan(), scopeOf(alias, b));
    }
    Relation r = relation(name);
    BoundQuery b = read(r);
    if (t.alias() != null) {
      b = renamed(b, t.alias().columns(), alias);
    }
    if (t.asOf() != null) {
      return new From(temporalScan(r, t.asOf(), b.plan()), scopeOf(alias, b));
    }
    return new From(b.plan(), scopeOf(alias, b));
  }

  /**
   * {@code r FOR SYSTEM_TIME AS OF PROCTIME()}: the relation's rows as of the processing time, with
   * the column sets a temporal join may look rows up by (the declared primary key and the key
   * columns of the table's indexes, or of the index named).
   */
  private LogicalPlan temporalScan(Relation r, Expr asOf, LogicalPlan plan) {
    if (!(asOf instanceof Expr.FunctionCall f
        && f.name().name().equalsIgnoreCase("proctime")
        && f.args().isEmpty())) {
      throw new SqlException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "Not supported: FOR SYSTEM_TIME AS OF only supports PROCTIME()");
    }
    Relation table = r.kind() == RelationKind.INDEX ? catalog.get(r.dependsOn().get(0)) : r;
    List<Integer> positions = new ArrayList<>(); // table column -> output position, or -1
    if (r.kind() == RelationKind.INDEX) {
      for (ColumnDesc c : table.columns()) {
        positions.add(r.columnIndex(c.name()));
      }
    } else if (r.kind() == RelationKind.TABLE || r.kind() == RelationKind.MATERIALIZED_VIEW) {
      for (int i = 0; i < r.columns().size(); i++) {
        positions.add(i);
      }
    } else {
      throw new SqlException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "Right table of a temporal join should be a table, index, or materialized view");
    }
    List<List<Integer>> keys = new ArrayList<>();
    List<List<String>> candidates = new ArrayList<>();
    if (table.primaryKeyDeclared()) {
      candidates.add(table.pk().stream().map(i -> table.columns().get(i).name()).toList());
    }
    for (Relation idx : catalog.all()) {
      if (idx.kind() == RelationKind.INDEX
          && idx.dependsOn().get(0) == table.id()
          && (r.kind() != RelationKind.INDEX || idx.id() == r.id())
          && SqlParser.parseOne(idx.definition()) instanceof Statement.CreateIndex ci) {
        // the lookup needs the distribution key: DISTRIBUTED BY, else the index columns
        candidates.add(
            ci.distributedBy().isEmpty()
                ? ci.columns().stream()
                    .map(o -> ((Expr.ColumnRef) o.expr()).names().getLast())
                    .toList()
                : ci.distributedBy().stream()
                    .map(e -> e instanceof Expr.ColumnRef c ? c.names().getLast() : "")
                    .toList());
      }
    }
    for (List<String> names : candidates) {
      List<Integer> cols = new ArrayList<>();
      for (String n : names) {
        int p = table.columnIndex(n) < 0 ? -1 : positions.get(table.columnIndex(n));
        if (p < 0) {
          cols = null;
          break;
        }
        cols.add(p);
      }
      if (cols != null && !cols.isEmpty()) {
        keys.add(cols);
      }
    }
    return new LogicalPlan.TemporalScan(plan, keys);
  }

  /** The relation a name denotes. */
  public Relation relation(ObjectName name) {
    String schema = name.parts().size() > 1 ? name.parts().get(name.parts().size() - 2) : "public";
    Relation r = catalog.get(schema, name.name());
    if (r == null) {
      throw new SqlException(
          SqlState.UNDEFINED_TABLE, "relation \"" + name.toSql() + "\" does not exist");
    }
    return r;
  }

  /** The rows of a relation as a plan: a scan, or its definition's query. */
  public BoundQuery read(Relation r) {
    dependencies.add(r.id());
    boolean stored =
        r.kind() == RelationKind.TABLE
            || (r.kind() == RelationKind.MATERIALIZED_VIEW && options.maintained().test(r));
    if (stored) {
      List<Field> fields = new ArrayList<>();
      for (ColumnDesc c : r.columns()) {
        fields.add(new Field(c.name(), c.type(), c.hidden()));
      }
      LogicalPlan scan = new LogicalPlan.Scan(r, fields);
      return new BoundQuery(scan, fields.stream().map(Field::name).toList());
    }
    if (r.kind() == RelationKind.INDEX) {
      return readIndex(r);
    }
    if (!expanding.add(r.id())) {
      throw new SqlException("42P17", "infinite recursion detected in view \"" + r.name() + "\"");
    }
    try {
      Query q = definitionQuery(r);
      Deque<Map<String, BoundQuery>> saved = new ArrayDeque<>(ctes);
      ctes.clear();
      BoundQuery b;
      try {
        b = bindQuery(q);
      } finally {
        ctes.addAll(saved);
      }
      List<String> names = r.columns().stream().map(ColumnDesc::name).toList();
      List<DataType> types = r.columns().stream().map(ColumnDesc::type).toList();
      return new BoundQuery(castTo(b.plan(), types, names), names);
    } finally {
      expanding.remove(r.id());
    }
  }

  /** An index's rows: its table's, with the index's columns. */
  private BoundQuery readIndex(Relation index) {
    Relation table = catalog.get(index.dependsOn().get(0));
    BoundQuery t = read(table);
    List<BoundExpr> exprs = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    for (ColumnDesc c : index.columns()) {
      int i = table.columnIndex(c.name());
      exprs.add(new BoundExpr.InputRef(i, c.type()));
      fields.add(new Field(c.name(), c.type(), c.hidden()));
    }
    return new BoundQuery(
        new LogicalPlan.Project(t.plan(), exprs, fields),
        fields.stream().map(Field::name).toList());
  }

  /** The query of a view's or materialized view's definition. */
  public static Query definitionQuery(Relation r) {
    Statement st = SqlParser.parseOne(r.definition());
    if (st instanceof Statement.CreateView v) {
      return v.query();
    }
    throw new IllegalStateException("not a view definition: " + r.definition());
  }

  private From bindJoin(TableRef.Join j) {
    From l = bindTableRef(j.left());
    if (j.right() instanceof TableRef.Derived d
        && d.lateral()
        && (j.kind() == TableRef.JoinKind.INNER
            || j.kind() == TableRef.JoinKind.CROSS
            || j.kind() == TableRef.JoinKind.LEFT)
        && (j.condition() instanceof TableRef.JoinCondition.On
            || j.condition() instanceof TableRef.JoinCondition.None)) {
      Expr on = j.condition() instanceof TableRef.JoinCondition.On o ? o.expr() : null;
      return lateral(
          l,
          d,
          j.kind() == TableRef.JoinKind.LEFT
              ? LogicalPlan.JoinType.LEFT
              : LogicalPlan.JoinType.INNER,
          on);
    }
    From r = bindTableRef(j.right());
    LogicalPlan.JoinType type =
        switch (j.kind()) {
          case INNER, CROSS -> LogicalPlan.JoinType.INNER;
          case LEFT -> LogicalPlan.JoinType.LEFT;
          case RIGHT -> LogicalPlan.JoinType.RIGHT;
          case FULL -> LogicalPlan.JoinType.FULL;
          default ->
              throw new SqlException(
                  SqlState.FEATURE_NOT_SUPPORTED, "ASOF joins are not supported yet");
        };
    return switch (j.condition()) {
      case TableRef.JoinCondition.On on -> join(l, r, type, on.expr());
      case TableRef.JoinCondition.None none -> join(l, r, type, null);
      case TableRef.JoinCondition.Using u -> usingJoin(l, r, type, u.columns());
      case TableRef.JoinCondition.Natural n -> {
        List<String> common = new ArrayList<>();
        for (Scope.Column c : l.scope().columns()) {
          if (!c.hidden()
              && r.scope().find(null, c.name()) >= 0
              && !r.scope().get(r.scope().find(null, c.name())).hidden()
              && !common.contains(c.name())) {
            common.add(c.name());
          }
        }
        yield common.isEmpty() ? join(l, r, type, null) : usingJoin(l, r, type, common);
      }
    };
  }

  /**
   * {@code l [LEFT] JOIN LATERAL (q) AS d ON cond}: q is bound as a subquery of l's scope. When it
   * reads l's columns it runs once per row of l (a correlated call giving its rows as structs,
   * unnested by a ProjectSet, then expanded into columns); a LEFT join pads a row of l that q gives
   * no rows for with NULLs, so its ON must be TRUE. A LATERAL q that reads nothing of l is a plain
   * derived table.
   */
  private From lateral(From l, TableRef.Derived d, LogicalPlan.JoinType type, Expr on) {
    String alias = d.alias() == null ? null : d.alias().name();
    Subquery sq = subquery(d.query(), "LATERAL", l.scope());
    if (!sq.correlated()) {
      BoundQuery b = bindQuery(d.query());
      if (d.alias() != null) {
        b = renamed(b, d.alias().columns(), alias);
      }
      return join(l, new From(b.plan(), scopeOf(alias, b)), type, on);
    }
    BoundQuery b = new BoundQuery(sq.plan(), sq.names());
    if (d.alias() != null) {
      b = renamed(b, d.alias().columns(), alias);
    }
    List<StructType.Field> sfs = new ArrayList<>();
    for (int i = 0; i < b.names().size(); i++) {
      sfs.add(new StructType.Field(b.names().get(i), b.types().get(i)));
    }
    StructType st = new StructType(sfs);
    Scope scope = l.scope().concat(scopeOf(alias, b));
    BoundExpr cond =
        on == null
            ? null
            : Operators.condition(
                new ExprBinder(this, scope, null, "JOIN conditions").bind(on), "JOIN/ON");
    boolean padded = type == LogicalPlan.JoinType.LEFT;
    if (padded
        && cond != null
        && !(cond instanceof BoundExpr.Literal lit && Boolean.TRUE.equals(lit.value()))) {
      throw new SqlException(
          SqlState.FEATURE_NOT_SUPPORTED,
          "LEFT JOIN LATERAL is supported with ON TRUE only (filter in the subquery instead)");
    }
    BoundExpr rows =
        ExprBinder.correlated(
            this,
            "lateral",
            DataType.list(st),
            new Subquery(null, b.types(), b.plan(), sq.outer(), b.names()),
            rs -> {
              List<Object> out = new ArrayList<>(rs.size());
              for (Object[] r : rs) {
                out.add(new dev.patina.stream.types.StructValue(java.util.Arrays.asList(r)));
              }
              if (out.isEmpty() && padded) {
                out.add(null);
              }
              return java.util.Collections.unmodifiableList(out);
            });
    int w = l.plan().schema().size();
    List<Field> setFields = new ArrayList<>(l.plan().schema());
    setFields.add(new Field("lateral", st));
    LogicalPlan.TableFunction unnest =
        new LogicalPlan.TableFunction("unnest", List.of(rows), List.of(new Field("lateral", st)));
    LogicalPlan plan = new LogicalPlan.ProjectSet(l.plan(), List.of(unnest), setFields);
    List<BoundExpr> exprs = new ArrayList<>();
    List<Field> fields = new ArrayList<>(l.plan().schema());
    for (int i = 0; i < w; i++) {
      exprs.add(new BoundExpr.InputRef(i, l.plan().schema().get(i).type()));
    }
    BoundExpr struct = new BoundExpr.InputRef(w, st);
    for (int i = 0; i < sfs.size(); i++) {
      exprs.add(new BoundExpr.FieldAccess(struct, i));
      fields.add(new Field(b.names().get(i), b.types().get(i)));
    }
    plan = new LogicalPlan.Project(plan, exprs, fields);
    if (cond != null
        && !(cond instanceof BoundExpr.Literal lit && Boolean.TRUE.equals(lit.value()))) {
      plan = new LogicalPlan.Filter(plan, cond);
    }
    return new From(plan, scope);
  }

  private From join(From l, From r, LogicalPlan.JoinType type, Expr on) {
    Scope scope = l.scope().concat(r.scope());
    BoundExpr cond = null;
    if (on != null) {
      cond =
          Operators.condition(
              new ExprBinder(this, scope, null, "JOIN conditions").bind(on), "JOIN/ON");
    }
    return new From(makeJoin(l.plan(), r.plan(), type, cond), scope);
  }

  /** A join node, with the equi-join keys of {@code cond} picked out. */
  static LogicalPlan makeJoin(
      LogicalPlan l, LogicalPlan r, LogicalPlan.JoinType type, BoundExpr cond) {
    List<Integer> lk = new ArrayList<>();
    List<Integer> rk = new ArrayList<>();
    int n = l.schema().size();
    if (cond != null) {
      List<BoundExpr> conj = cond instanceof BoundExpr.And a ? a.args() : List.of(cond);
      for (BoundExpr c : conj) {
        if (c instanceof BoundExpr.Call call
            && call.name().equals("=")
            && call.args().get(0) instanceof BoundExpr.InputRef a
            && call.args().get(1) instanceof BoundExpr.InputRef b
            && a.type().equals(b.type())) {
          if (a.index() < n && b.index() >= n) {
            lk.add(a.index());
            rk.add(b.index() - n);
          } else if (b.index() < n && a.index() >= n) {
            lk.add(b.index());
            rk.add(a.index() - n);
          }
        }
      }
    }
    return new LogicalPlan.Join(l, r, type, cond, lk, rk, LogicalPlan.Join.schemaOf(l, r, type));
  }

  private From usingJoin(From l, From r, LogicalPlan.JoinType type, List<String> columns) {
    Scope scope = l.scope().concat(r.scope());
    int n = l.scope().size();
    List<BoundExpr> conds = new ArrayList<>();
    List<int[]> pairs = new ArrayList<>();
    for (String c : columns) {
      int li = l.scope().find(null, c);
      int ri = r.scope().find(null, c);
      if (li < 0 || ri < 0) {
        throw new SqlException(
            SqlState.UNDEFINED_COLUMN,
            "column \""
                + c
                + "\" specified in USING clause does not exist in "
                + (li < 0 ? "left" : "right")
                + " table");
      }
      pairs.add(new int[] {li, n + ri});
      conds.add(
          Operators.compare(
              "=",
              new BoundExpr.InputRef(li, scope.get(li).type()),
              new BoundExpr.InputRef(n + ri, scope.get(n + ri).type())));
    }
    BoundExpr cond = conds.size() == 1 ? conds.get(0) : Operators.and(conds);
    LogicalPlan join = makeJoin(l.plan(), r.plan(), type, cond);
    // output: the merged USING columns, then the others; the sides' own columns stay addressable
    List<BoundExpr> exprs = new ArrayList<>();
    List<Field> fields = new ArrayList<>();
    List<Scope.Column> cols = new ArrayList<>();
    for (int k = 0; k < columns.size(); k++) {
      int[] p = pairs.get(k);
      BoundExpr le = new BoundExpr.InputRef(p[0], scope.get(p[0]).type());
      BoundExpr re = new BoundExpr.InputRef(p[1], scope.get(p[1]).type());
      List<BoundExpr> u = Coercion.unify(List.of(le, re), "JOIN/USING");
      BoundExpr merged =
          switch (type) {
            case RIGHT -> u.get(1);
            case FULL -> Operators.coalesce(u);
            default -> u.get(0);
          };
      exprs.add(merged);
      fields.add(new Field(columns.get(k), merged.type()));
      cols.add(new Scope.Column(null, columns.get(k), merged.type(), false));
    }
    for (int i = 0; i < scope.size(); i++) {
      Scope.Column c = scope.get(i);
      boolean isUsing = false;
      for (int[] p : pairs) {
        isUsing |= p[0] == i || p[1] == i;
      }
      exprs.add(new BoundExpr.InputRef(i, c.type()));
      fields.add(new Field(c.name(), c.type(), c.hidden() || isUsing));
      cols.add(new Scope.Column(c.qualifier(), c.name(), c.type(), c.hidden() || isUsing));
    }
    return new From(new LogicalPlan.Project(join, exprs, fields), new Scope(cols));
  }

  // ---------------------------------------------------------------------------------------------
  // Subqueries and DML helpers

  Subquery subquery(Query q, String what, Scope scope) {
    Frame frame = new Frame(scope);
    frames.add(frame);
    BoundQuery b;
    try {
      b = bindQuery(q);
    } finally {
      frames.remove(frames.size() - 1);
    }
    ranSubqueries = true;
    if (!frame.values.isEmpty()) {
      return new Subquery(null, b.types(), b.plan(), List.copyOf(frame.values), b.names());
    }
    return new Subquery(options.runner().run(b.plan()), b.types(), b.plan(), List.of(), b.names());
  }

  private static List<Expr> conjuncts(Expr e) {
    if (e instanceof Expr.Binary b && b.op() == Expr.BinaryOp.AND) {
      List<Expr> out = new ArrayList<>(conjuncts(b.left()));
      out.addAll(conjuncts(b.right()));
      return out;
    }
    return List.of(e);
  }

  /**
   * {@code left} semi-joined with an uncorrelated one-column subquery on {@code column = value}, or
   * null when the conjunct stays a filter: the operand is not a column of {@code left}, the
   * subquery reads outer columns, or the types differ. In WHERE, IN's NULL and false both drop the
   * row, and a semi join on equality drops exactly those rows.
   */
  private LogicalPlan semiJoin(LogicalPlan left, Scope scope, Expr.InSubquery in) {
    BoundExpr x = new ExprBinder(this, scope, null, "WHERE").bind(in.operand());
    if (!(x instanceof BoundExpr.InputRef column)) {
      return null;
    }
    Frame frame = new Frame(scope);
    frames.add(frame);
    BoundQuery q;
    try {
      q = bindQuery(in.query());
    } finally {
      frames.remove(frames.size() - 1);
    }
    if (!frame.values.isEmpty() || q.types().size() != 1 || !q.types().get(0).equals(x.type())) {
      return null;
    }
    int width = left.schema().size();
    BoundExpr condition =
        Operators.binary("=", column, new BoundExpr.InputRef(width, q.types().get(0)));
    return new LogicalPlan.Join(
        left,
        q.plan(),
        LogicalPlan.JoinType.SEMI,
        condition,
        List.of(column.index()),
        List.of(0),
        LogicalPlan.Join.schemaOf(left, q.plan(), LogicalPlan.JoinType.SEMI));
  }

  /**
   * {@code [NOT] EXISTS (SELECT ... FROM f WHERE inner = outer AND ...)} of a top-level query as a
   * semi (anti) join of {@code left} with {@code f} on the correlated equalities, the other
   * conjuncts filtering {@code f} (RisingWave decorrelates these into joins too). Null when the
   * subquery has another shape (aggregates, grouping, limits, other correlation, nested levels):
   * the conjunct then stays a correlated filter.
   */
  private LogicalPlan existsJoin(LogicalPlan left, Scope scope, Query q, boolean anti) {
    if (!frames.isEmpty()
        || q.with() != null
        || !q.orderBy().isEmpty()
        || q.limit() != null
        || q.offset() != null
        || q.fetch() != null
        || !(q.body() instanceof Select s)
        || s.distinct()
        || !s.distinctOn().isEmpty()
        || !s.groupBy().isEmpty()
        || s.having() != null
        || !s.windows().isEmpty()
        || s.where() == null
        || s.from().isEmpty()
        || !s.items().stream().allMatch(Binder::rowIndependent)) {
      return null;
    }
    From inner;
    try {
      inner = bindFromList(s.from());
    } catch (SqlException e) {
      return null; // the ordinary binding reports it
    }
    int width = left.schema().size();
    List<Integer> leftKeys = new ArrayList<>();
    List<Integer> rightKeys = new ArrayList<>();
    List<BoundExpr> equalities = new ArrayList<>();
    List<BoundExpr> innerFilters = new ArrayList<>();
    for (Expr c : conjuncts(s.where())) {
      BoundExpr innerOnly = bindOrNull(c, inner.scope());
      if (innerOnly != null) {
        innerFilters.add(innerOnly);
        continue;
      }
      if (!(c instanceof Expr.Binary b) || b.op() != Expr.BinaryOp.EQ) {
        return null;
      }
      BoundExpr l = bindOrNull(b.left(), inner.scope());
      BoundExpr r = bindOrNull(b.right(), inner.scope());
      BoundExpr innerSide = l != null ? l : r;
      BoundExpr outerSide = bindOrNull(l != null ? b.right() : b.left(), scope);
      if (innerSide == null
          || outerSide == null
          || !(innerSide instanceof BoundExpr.InputRef in)
          || !(outerSide instanceof BoundExpr.InputRef out)
          || !in.type().equals(out.type())) {
        return null;
      }
      leftKeys.add(out.index());
      rightKeys.add(in.index());
      equalities.add(
          Operators.binary("=", out, new BoundExpr.InputRef(width + in.index(), in.type())));
    }
    if (equalities.isEmpty()) {
      return null; // uncorrelated: a constant, as in a batch query
    }
    LogicalPlan right = inner.plan();
    if (!innerFilters.isEmpty()) {
      right =
          new LogicalPlan.Filter(
              right,
              Operators.condition(
                  innerFilters.size() == 1 ? innerFilters.get(0) : Operators.and(innerFilters),
                  "WHERE"));
    }
    LogicalPlan.JoinType type = anti ? LogicalPlan.JoinType.ANTI : LogicalPlan.JoinType.SEMI;
    return new LogicalPlan.Join(
        left,
        right,
        type,
        equalities.size() == 1 ? equalities.get(0) : Operators.and(equalities),
        List.copyOf(leftKeys),
        List.copyOf(rightKeys),
        LogicalPlan.Join.schemaOf(left, right, type));
  }

  /**
   * A select item that cannot make EXISTS's row count differ from its FROM/WHERE's: no aggregates.
   */
  private static boolean rowIndependent(Select.SelectItem item) {
    return item instanceof Select.SelectItem.Wildcard
        || (item instanceof Select.SelectItem.ExprItem e
            && (e.expr() instanceof Expr.NumberLit
                || e.expr() instanceof Expr.StringLit
                || e.expr() instanceof Expr.ColumnRef));
  }

  /** {@code e} bound over {@code scope} alone (no enclosing query), or null if it does not bind. */
  private BoundExpr bindOrNull(Expr e, Scope scope) {
    try {
      return new ExprBinder(this, scope, null, "WHERE").bind(e);
    } catch (SqlException ex) {
      return null;
    }
  }

  /**
   * Runs a correlated subquery's plan with {@code outer} (the values of {@link Subquery#outer()}
   * for the row being evaluated) as the row its outer references read.
   */
  List<Object[]> runCorrelated(LogicalPlan plan, Object[] outer) {
    return Correlation.withOuter(outer, () -> options.runner().run(plan));
  }

  /**
   * A reference to a column of an enclosing query's row (a correlated subquery), or null if no
   * enclosing scope has it. The innermost enclosing query is searched first; a column of a query
   * further out becomes a value of every subquery level in between, so that each level passes it on
   * to the next as one of its outer values.
   */
  BoundExpr outerColumn(String qualifier, String name) {
    int f = frames.size() - 1;
    int pos = position(f, qualifier, name);
    if (pos < 0) {
      return null;
    }
    return outerRef(pos, frames.get(f).values.get(pos).type(), name);
  }

  /** The position of the column in frame {@code f}'s values (added if new), or -1. */
  private int position(int f, String qualifier, String name) {
    if (f < 0) {
      return -1;
    }
    Frame frame = frames.get(f);
    int i = frame.scope.find(qualifier, name);
    if (i >= 0) {
      return frame.add("c" + i, new BoundExpr.InputRef(i, frame.scope.get(i).type()));
    }
    if (qualifier != null && frame.scope.hasQualifier(qualifier)) {
      return -1;
    }
    int p = position(f - 1, qualifier, name);
    if (p < 0) {
      return -1;
    }
    return frame.add("o" + p, outerRef(p, frames.get(f - 1).values.get(p).type(), name));
  }

  private static BoundExpr outerRef(int pos, DataType type, String name) {
    return new BoundExpr.External("outer." + name, type, () -> Correlation.outer(pos));
  }

  /** Binds an expression that reads no columns (a column DEFAULT). */
  public BoundExpr bindConstant(Expr e, String clause) {
    return new ExprBinder(this, Scope.empty(), null, clause).bind(e);
  }

  /** Binds an expression over the columns of {@code r} (UPDATE SET, DELETE WHERE, RETURNING). */
  public BoundExpr bindOver(Relation r, String alias, Expr e, String clause) {
    return new ExprBinder(this, scopeOfRelation(r, alias), null, clause).bind(e);
  }

  /** The scope of a stored relation's row under {@code alias} (or its name). */
  public static Scope scopeOfRelation(Relation r, String alias) {
    List<Scope.Column> cs = new ArrayList<>();
    for (ColumnDesc c : r.columns()) {
      cs.add(new Scope.Column(alias == null ? r.name() : alias, c.name(), c.type(), c.hidden()));
    }
    return new Scope(cs);
  }

  /** Binds a SELECT list over the columns of {@code r} (RETURNING). */
  public BoundQuery bindReturning(Relation r, LogicalPlan rows, List<Select.SelectItem> items) {
    Scope scope = scopeOfRelation(r, null);
    ExprBinder eb = new ExprBinder(this, scope, null, "RETURNING");
    List<BoundExpr> exprs = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (Select.SelectItem item : items) {
      switch (item) {
        case Select.SelectItem.ExprItem e -> {
          exprs.add(eb.bind(e.expr()));
          names.add(e.alias() != null ? e.alias() : nameOf(e.expr()));
        }
        case Select.SelectItem.Wildcard w -> expandWildcard(w, scope, exprs, names);
        case Select.SelectItem.ExprWildcard w ->
            throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "not supported in RETURNING");
      }
    }
    List<Field> fields = new ArrayList<>();
    for (int i = 0; i < exprs.size(); i++) {
      fields.add(new Field(names.get(i), exprs.get(i).type()));
    }
    return new BoundQuery(new LogicalPlan.Project(rows, exprs, fields), names);
  }
}
