package dev.patina.stream.expr;

import dev.patina.stream.types.DataType;
import dev.patina.stream.types.ListType;
import dev.patina.stream.types.PgText;
import dev.patina.stream.types.StructType;
import dev.patina.stream.types.StructValue;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.IntUnaryOperator;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * A bound scalar expression: names resolved to input columns, every node typed, functions and casts
 * chosen. {@link #eval} computes its value for one input row; {@code null} is SQL NULL. Runtime
 * errors are {@link dev.patina.stream.pgwire.SqlException}s carrying PostgreSQL's SQLSTATE (22012
 * division by zero, 22003 out of range, 22P02 bad text, ...).
 *
 * <p>Nodes are immutable records. The binder builds them through {@link Functions}, {@link
 * Operators}, {@link Casts} and {@link Coercion} (which choose implementations and insert implicit
 * casts) and the constructors of the structural nodes below; it should not build {@link Call} or
 * {@link Cast} nodes by hand.
 *
 * <p>Statement-level inputs (the statement time, the session's TimeZone, {@code $n} values) come
 * from {@link EvalContext#current()}.
 */
public sealed interface BoundExpr {

  /** The type of the value. An {@link UntypedLiteral} reports varchar, what it falls back to. */
  DataType type();

  /** The value for one input row (the columns {@link InputRef}s read); null is SQL NULL. */
  Object eval(Object[] row);

  /** The direct sub-expressions, in order. */
  List<BoundExpr> children();

  /** This node with other children (same number, compatible types). */
  BoundExpr withChildren(List<BoundExpr> children);

  /** How stable this node alone is (not its children). */
  default Volatility ownVolatility() {
    return Volatility.IMMUTABLE;
  }

  /** The least stable volatility of this node and everything under it. */
  default Volatility volatility() {
    Volatility v = ownVolatility();
    for (BoundExpr c : children()) {
      v = v.max(c.volatility());
    }
    return v;
  }

  /**
   * Whether the value depends on the input row alone: no {@code now()}, {@code random()},
   * parameter, session time zone or plan-supplied value. Such expressions may be maintained
   * incrementally and folded once their inputs are constant.
   */
  default boolean isDeterministic() {
    return volatility() == Volatility.IMMUTABLE;
  }

  /** Whether this is a constant: no input reference and deterministic (it may be folded). */
  default boolean isConstant() {
    return inputRefs().isEmpty() && isDeterministic();
  }

  /** The indexes of the input columns this expression reads (for column pruning). */
  default BitSet inputRefs() {
    BitSet bits = new BitSet();
    collectInputs(this, bits);
    return bits;
  }

  private static void collectInputs(BoundExpr e, BitSet bits) {
    if (e instanceof InputRef r) {
      bits.set(r.index());
    }
    for (BoundExpr c : e.children()) {
      collectInputs(c, bits);
    }
  }

  /** Rewrites bottom-up: {@code f} sees each node after its children were rewritten. */
  default BoundExpr transform(UnaryOperator<BoundExpr> f) {
    List<BoundExpr> cs = children();
    BoundExpr node = this;
    if (!cs.isEmpty()) {
      List<BoundExpr> out = new ArrayList<>(cs.size());
      boolean changed = false;
      for (BoundExpr c : cs) {
        BoundExpr n = c.transform(f);
        changed |= n != c;
        out.add(n);
      }
      if (changed) {
        node = withChildren(out);
      }
    }
    return f.apply(node);
  }

  /** This expression reading column {@code map(i)} where it read column {@code i}. */
  default BoundExpr remapInputs(IntUnaryOperator map) {
    return transform(
        e -> e instanceof InputRef r ? new InputRef(map.applyAsInt(r.index()), r.type()) : e);
  }

  /** This expression with every {@link Param} replaced by a literal of its value (1-based). */
  default BoundExpr bindParams(List<Object> values) {
    return transform(
        e -> {
          if (e instanceof Param p) {
            if (p.index() < 1 || p.index() > values.size()) {
              throw Errors.of("08P01", "there is no parameter $" + p.index());
            }
            return new Literal(values.get(p.index() - 1), p.type());
          }
          return e;
        });
  }

  /**
   * Folds constant sub-trees into literals (those {@link #isConstant()}); errors raised while
   * folding are left to run time, as the expression might never be evaluated.
   */
  default BoundExpr fold() {
    return transform(
        e -> {
          if (e instanceof Literal || e instanceof UntypedLiteral || !e.isConstant()) {
            return e;
          }
          try {
            return new Literal(e.eval(new Object[0]), e.type());
          } catch (RuntimeException ex) {
            return e;
          }
        });
  }

  /**
   * This expression with the session TimeZone fixed to {@code zone}: the functions and casts that
   * read the TimeZone (timestamptz to text, date_trunc on timestamptz, make_timestamptz ...) use
   * {@code zone} whatever context evaluates them. RisingWave captures the creating session's
   * TimeZone in a materialized view this way, so that the view does not change with the session
   * that later reads it; streaming jobs evaluate outside any session.
   */
  default BoundExpr withTimeZone(java.time.ZoneId zone) {
    return transform(
        e ->
            switch (e) {
              case Call c when c.ownVolatility() == Volatility.STABLE ->
                  new Call(
                      c.name(),
                      c.args(),
                      c.type(),
                      inZone(c.fn(), zone),
                      c.strict(),
                      c.ownVolatility());
              case Cast c when c.ownVolatility() == Volatility.STABLE ->
                  new Cast(c.operand(), c.type(), inZone(c.fn(), zone), c.ownVolatility());
              default -> e;
            });
  }

  private static ScalarFn inZone(ScalarFn fn, java.time.ZoneId zone) {
    return args -> {
      EvalContext cur = EvalContext.current();
      EvalContext pinned = new EvalContext(cur.statementTime(), zone, cur.params(), cur.random());
      try {
        return pinned.call(() -> fn.apply(args));
      } catch (RuntimeException ex) {
        throw ex;
      } catch (Exception ex) {
        throw new IllegalStateException(ex);
      }
    };
  }

  /** A readable rendering for EXPLAIN: {@code ($0 + 1:integer)}. */
  default String explain() {
    return Explain.of(this);
  }

  // ---------------------------------------------------------------------------------------------
  // Leaves

  /** Column {@code index} of the input row ({@code $0} in EXPLAIN). */
  record InputRef(int index, DataType type) implements BoundExpr {
    public InputRef {
      Objects.requireNonNull(type, "type");
    }

    @Override
    public Object eval(Object[] row) {
      return row[index];
    }

    @Override
    public List<BoundExpr> children() {
      return List.of();
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> children) {
      return this;
    }
  }

  /** A constant runtime value (null is a typed NULL). */
  record Literal(Object value, DataType type) implements BoundExpr {
    public Literal {
      Objects.requireNonNull(type, "type");
    }

    public static Literal nullOf(DataType type) {
      return new Literal(null, type);
    }

    @Override
    public Object eval(Object[] row) {
      return value;
    }

    @Override
    public List<BoundExpr> children() {
      return List.of();
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> children) {
      return this;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Literal l
          && type.equals(l.type)
          && dev.patina.stream.types.Values.equal(value, l.value);
    }

    @Override
    public int hashCode() {
      return dev.patina.stream.types.Values.hash(value) * 31 + type.hashCode();
    }

    @Override
    public String toString() {
      return value == null ? "null:" + type : PgText.encode(type, value) + ":" + type;
    }
  }

  /**
   * A string literal or NULL whose type context has yet to decide (PostgreSQL's {@code unknown}):
   * {@code 'abc'} in {@code x = 'abc'} becomes whatever type {@code x} has. {@code text} is null
   * for an untyped NULL. Coercion turns it into a {@link Literal}; left alone it is varchar.
   */
  record UntypedLiteral(String text) implements BoundExpr {
    public static final UntypedLiteral NULL = new UntypedLiteral(null);

    @Override
    public DataType type() {
      return DataType.VARCHAR;
    }

    @Override
    public Object eval(Object[] row) {
      return text;
    }

    @Override
    public List<BoundExpr> children() {
      return List.of();
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> children) {
      return this;
    }
  }

  /**
   * A parameter {@code $index} (1-based), read from {@link EvalContext#current()} or replaced by
   * {@link #bindParams}. {@code declared} is null while its type is unknown (inferred from context
   * like an {@link UntypedLiteral}: {@code $1 + 1} makes it integer); the binder reports the final
   * types in ParameterDescription by collecting the Params of the bound statement.
   */
  record Param(int index, DataType declared) implements BoundExpr {
    @Override
    public DataType type() {
      return declared == null ? DataType.VARCHAR : declared;
    }

    @Override
    public Object eval(Object[] row) {
      return EvalContext.current().param(index);
    }

    @Override
    public Volatility ownVolatility() {
      return Volatility.STABLE;
    }

    @Override
    public List<BoundExpr> children() {
      return List.of();
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> children) {
      return this;
    }
  }

  /**
   * A value the plan computes and supplies at run time: an uncorrelated scalar subquery's result, a
   * dynamic filter's current bound, the watermark. {@code value} is called at each evaluation.
   */
  record External(String label, DataType type, Supplier<Object> value) implements BoundExpr {
    @Override
    public Object eval(Object[] row) {
      return value.get();
    }

    @Override
    public Volatility ownVolatility() {
      return Volatility.VOLATILE;
    }

    @Override
    public List<BoundExpr> children() {
      return List.of();
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> children) {
      return this;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Calls

  /**
   * A call of a scalar function or operator chosen by {@link Functions} or {@link Operators};
   * {@code name} is the function's name or the operator's symbol. A strict call returns NULL for
   * any NULL argument without calling {@code fn}.
   */
  record Call(
      String name,
      List<BoundExpr> args,
      DataType type,
      ScalarFn fn,
      boolean strict,
      Volatility ownVolatility)
      implements BoundExpr {
    public Call {
      args = List.copyOf(args);
    }

    @Override
    public Object eval(Object[] row) {
      // every argument is evaluated before the NULL check, as PostgreSQL does: an error in a
      // later argument is raised even when an earlier one is NULL
      int n = args.size();
      Object[] vals = new Object[n];
      boolean sawNull = false;
      for (int i = 0; i < n; i++) {
        Object v = args.get(i).eval(row);
        sawNull |= v == null;
        vals[i] = v;
      }
      return sawNull && strict ? null : fn.apply(vals);
    }

    @Override
    public List<BoundExpr> children() {
      return args;
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> children) {
      return new Call(name, children, type, fn, strict, ownVolatility);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Call c
          && name.equals(c.name)
          && args.equals(c.args)
          && type.equals(c.type)
          && strict == c.strict;
    }

    @Override
    public int hashCode() {
      return Objects.hash(name, args, type);
    }

    @Override
    public String toString() {
      return explain();
    }
  }

  /** A cast chosen by {@link Casts} (NULL casts to NULL). */
  record Cast(BoundExpr operand, DataType type, ScalarFn fn, Volatility ownVolatility)
      implements BoundExpr {
    @Override
    public Object eval(Object[] row) {
      Object v = operand.eval(row);
      return v == null ? null : fn.apply(new Object[] {v});
    }

    @Override
    public List<BoundExpr> children() {
      return List.of(operand);
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> children) {
      return new Cast(children.get(0), type, fn, ownVolatility);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Cast c && operand.equals(c.operand) && type.equals(c.type);
    }

    @Override
    public int hashCode() {
      return Objects.hash(operand, type);
    }

    @Override
    public String toString() {
      return explain();
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Conditionals and logic

  /** One {@code WHEN condition THEN result} of a {@link Case}. */
  record When(BoundExpr condition, BoundExpr result) {}

  /**
   * A searched CASE; {@code otherwise} may be null (ELSE NULL). Build with {@link
   * Operators#caseWhen} so that results get their common type (a simple CASE is desugared there).
   */
  record Case(List<When> whens, BoundExpr otherwise, DataType type) implements BoundExpr {
    public Case {
      whens = List.copyOf(whens);
    }

    @Override
    public Object eval(Object[] row) {
      for (When w : whens) {
        if (Boolean.TRUE.equals(w.condition.eval(row))) {
          return w.result.eval(row);
        }
      }
      return otherwise == null ? null : otherwise.eval(row);
    }

    @Override
    public List<BoundExpr> children() {
      List<BoundExpr> out = new ArrayList<>();
      for (When w : whens) {
        out.add(w.condition);
        out.add(w.result);
      }
      if (otherwise != null) {
        out.add(otherwise);
      }
      return out;
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> c) {
      List<When> ws = new ArrayList<>();
      for (int i = 0; i < whens.size(); i++) {
        ws.add(new When(c.get(2 * i), c.get(2 * i + 1)));
      }
      return new Case(ws, otherwise == null ? null : c.get(2 * whens.size()), type);
    }
  }

  /** AND of two or more booleans, with three-valued logic (false wins over NULL). */
  record And(List<BoundExpr> args) implements BoundExpr {
    public And {
      args = List.copyOf(args);
    }

    @Override
    public DataType type() {
      return DataType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row) {
      boolean sawNull = false;
      for (BoundExpr a : args) {
        Object v = a.eval(row);
        if (v == null) {
          sawNull = true;
        } else if (!(Boolean) v) {
          return Boolean.FALSE;
        }
      }
      return sawNull ? null : Boolean.TRUE;
    }

    @Override
    public List<BoundExpr> children() {
      return args;
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> children) {
      return new And(children);
    }
  }

  /** OR of two or more booleans, with three-valued logic (true wins over NULL). */
  record Or(List<BoundExpr> args) implements BoundExpr {
    public Or {
      args = List.copyOf(args);
    }

    @Override
    public DataType type() {
      return DataType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row) {
      boolean sawNull = false;
      for (BoundExpr a : args) {
        Object v = a.eval(row);
        if (v == null) {
          sawNull = true;
        } else if ((Boolean) v) {
          return Boolean.TRUE;
        }
      }
      return sawNull ? null : Boolean.FALSE;
    }

    @Override
    public List<BoundExpr> children() {
      return args;
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> children) {
      return new Or(children);
    }
  }

  /** NOT (NULL stays NULL). */
  record Not(BoundExpr arg) implements BoundExpr {
    @Override
    public DataType type() {
      return DataType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row) {
      Object v = arg.eval(row);
      return v == null ? null : !(Boolean) v;
    }

    @Override
    public List<BoundExpr> children() {
      return List.of(arg);
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> children) {
      return new Not(children.get(0));
    }
  }

  /** {@code arg IS [NOT] NULL} (for a struct: whether the struct value itself is NULL). */
  record IsNull(BoundExpr arg, boolean negated) implements BoundExpr {
    @Override
    public DataType type() {
      return DataType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row) {
      return (arg.eval(row) == null) != negated;
    }

    @Override
    public List<BoundExpr> children() {
      return List.of(arg);
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> children) {
      return new IsNull(children.get(0), negated);
    }
  }

  /** {@code arg IS [NOT] TRUE | FALSE} (IS UNKNOWN is {@link IsNull}); never NULL. */
  record IsBool(BoundExpr arg, boolean value, boolean negated) implements BoundExpr {
    @Override
    public DataType type() {
      return DataType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row) {
      Object v = arg.eval(row);
      return (v != null && (Boolean) v == value) != negated;
    }

    @Override
    public List<BoundExpr> children() {
      return List.of(arg);
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> children) {
      return new IsBool(children.get(0), value, negated);
    }
  }

  /**
   * {@code left IS [NOT] DISTINCT FROM right}: NULL-safe equality, never NULL. Both sides have the
   * same type (build with {@link Operators#isDistinctFrom}).
   */
  record IsDistinctFrom(BoundExpr left, BoundExpr right, boolean negated) implements BoundExpr {
    @Override
    public DataType type() {
      return DataType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row) {
      Object a = left.eval(row);
      Object b = right.eval(row);
      boolean distinct = a == null || b == null ? a != b : !Ordering.equal(a, b);
      return distinct != negated;
    }

    @Override
    public List<BoundExpr> children() {
      return List.of(left, right);
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> c) {
      return new IsDistinctFrom(c.get(0), c.get(1), negated);
    }
  }

  /**
   * {@code arg [NOT] IN (list)} with SQL's NULL rules; all items have {@code arg}'s type (build
   * with {@link Operators#in}).
   */
  record InList(BoundExpr arg, List<BoundExpr> list, boolean negated) implements BoundExpr {
    public InList {
      list = List.copyOf(list);
    }

    @Override
    public DataType type() {
      return DataType.BOOLEAN;
    }

    @Override
    public Object eval(Object[] row) {
      // every item is evaluated, as PostgreSQL evaluates the array of x = ANY(ARRAY[...])
      Object v = arg.eval(row);
      boolean sawNull = false;
      boolean found = false;
      for (BoundExpr e : list) {
        Object x = e.eval(row);
        if (x == null) {
          sawNull = true;
        } else if (v != null && !found && Ordering.equal(v, x)) {
          found = true;
        }
      }
      if (v == null || (!found && sawNull)) {
        return null;
      }
      return found != negated;
    }

    @Override
    public List<BoundExpr> children() {
      List<BoundExpr> out = new ArrayList<>(list.size() + 1);
      out.add(arg);
      out.addAll(list);
      return out;
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> c) {
      return new InList(c.get(0), c.subList(1, c.size()), negated);
    }
  }

  /** {@code COALESCE(args)}: the first non-NULL (arguments of the common type). */
  record Coalesce(List<BoundExpr> args, DataType type) implements BoundExpr {
    public Coalesce {
      args = List.copyOf(args);
    }

    @Override
    public Object eval(Object[] row) {
      for (BoundExpr a : args) {
        Object v = a.eval(row);
        if (v != null) {
          return v;
        }
      }
      return null;
    }

    @Override
    public List<BoundExpr> children() {
      return args;
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> children) {
      return new Coalesce(children, type);
    }
  }

  /** {@code NULLIF(left, right)}: NULL when equal, else {@code left}. */
  record NullIf(BoundExpr left, BoundExpr right) implements BoundExpr {
    @Override
    public DataType type() {
      return left.type();
    }

    @Override
    public Object eval(Object[] row) {
      Object a = left.eval(row);
      Object b = right.eval(row); // evaluated even when a is NULL, as PostgreSQL does
      if (a == null) {
        return null;
      }
      return b != null && Ordering.equal(a, b) ? null : a;
    }

    @Override
    public List<BoundExpr> children() {
      return List.of(left, right);
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> c) {
      return new NullIf(c.get(0), c.get(1));
    }
  }

  /** {@code GREATEST(args)} or {@code LEAST(args)}: NULLs are ignored. */
  record GreatestLeast(List<BoundExpr> args, boolean greatest, DataType type) implements BoundExpr {
    public GreatestLeast {
      args = List.copyOf(args);
    }

    @Override
    public Object eval(Object[] row) {
      Object best = null;
      for (BoundExpr a : args) {
        Object v = a.eval(row);
        if (v != null) {
          if (best == null) {
            best = v;
          } else {
            int c = Ordering.compare(v, best);
            if (greatest ? c > 0 : c < 0) {
              best = v;
            }
          }
        }
      }
      return best;
    }

    @Override
    public List<BoundExpr> children() {
      return args;
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> children) {
      return new GreatestLeast(children, greatest, type);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Arrays and structs

  /** {@code ARRAY[e1, e2, ...]} (elements of the element type; build with {@link Operators}). */
  record ArrayConstructor(List<BoundExpr> elements, ListType type) implements BoundExpr {
    public ArrayConstructor {
      elements = List.copyOf(elements);
    }

    @Override
    public Object eval(Object[] row) {
      List<Object> out = new ArrayList<>(elements.size());
      for (BoundExpr e : elements) {
        out.add(e.eval(row));
      }
      return Collections.unmodifiableList(out);
    }

    @Override
    public List<BoundExpr> children() {
      return elements;
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> children) {
      return new ArrayConstructor(children, type);
    }
  }

  /** {@code array[index]} (1-based; NULL when out of bounds). */
  record Subscript(BoundExpr array, BoundExpr index) implements BoundExpr {
    @Override
    public DataType type() {
      return ((ListType) array.type()).element();
    }

    @Override
    public Object eval(Object[] row) {
      Object a = array.eval(row);
      if (a == null) {
        return null;
      }
      Object i = index.eval(row);
      if (i == null) {
        return null;
      }
      List<?> l = (List<?>) a;
      long k = ((Number) i).longValue();
      return k < 1 || k > l.size() ? null : l.get((int) k - 1);
    }

    @Override
    public List<BoundExpr> children() {
      return List.of(array, index);
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> c) {
      return new Subscript(c.get(0), c.get(1));
    }
  }

  /** {@code array[lower:upper]}; an omitted bound is null (open). */
  record Slice(BoundExpr array, BoundExpr lower, BoundExpr upper) implements BoundExpr {
    @Override
    public DataType type() {
      return array.type();
    }

    @Override
    public Object eval(Object[] row) {
      Object a = array.eval(row);
      if (a == null) {
        return null;
      }
      List<?> l = (List<?>) a;
      long lo = 1;
      long hi = l.size();
      if (lower != null) {
        Object v = lower.eval(row);
        if (v == null) {
          return null;
        }
        lo = Math.max(1, ((Number) v).longValue());
      }
      if (upper != null) {
        Object v = upper.eval(row);
        if (v == null) {
          return null;
        }
        hi = Math.min(l.size(), ((Number) v).longValue());
      }
      if (lo > hi) {
        return List.of();
      }
      return Collections.unmodifiableList(new ArrayList<>(l.subList((int) lo - 1, (int) hi)));
    }

    @Override
    public List<BoundExpr> children() {
      List<BoundExpr> out = new ArrayList<>(3);
      out.add(array);
      if (lower != null) {
        out.add(lower);
      }
      if (upper != null) {
        out.add(upper);
      }
      return out;
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> c) {
      int i = 1;
      BoundExpr lo = lower == null ? null : c.get(i++);
      BoundExpr hi = upper == null ? null : c.get(i);
      return new Slice(c.get(0), lo, hi);
    }
  }

  /** {@code ROW(a, b)} as a struct of the given type. */
  record RowConstructor(List<BoundExpr> fields, StructType type) implements BoundExpr {
    public RowConstructor {
      fields = List.copyOf(fields);
    }

    @Override
    public Object eval(Object[] row) {
      List<Object> out = new ArrayList<>(fields.size());
      for (BoundExpr f : fields) {
        out.add(f.eval(row));
      }
      return new StructValue(out);
    }

    @Override
    public List<BoundExpr> children() {
      return fields;
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> children) {
      return new RowConstructor(children, type);
    }
  }

  /** {@code (struct).field}: field {@code index} of a struct (NULL when the struct is NULL). */
  record FieldAccess(BoundExpr struct, int index) implements BoundExpr {
    @Override
    public DataType type() {
      return ((StructType) struct.type()).fields().get(index).type();
    }

    @Override
    public Object eval(Object[] row) {
      Object s = struct.eval(row);
      return s == null ? null : ((StructValue) s).fields().get(index);
    }

    @Override
    public List<BoundExpr> children() {
      return List.of(struct);
    }

    @Override
    public BoundExpr withChildren(List<BoundExpr> c) {
      return new FieldAccess(c.get(0), index);
    }
  }
}
