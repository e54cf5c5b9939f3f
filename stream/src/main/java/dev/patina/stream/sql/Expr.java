package dev.patina.stream.sql;

import java.util.List;

/**
 * A scalar expression as written. Parentheses leave no node: the tree's shape carries them.
 * Nullable components are documented as such; lists are never null.
 *
 * <p>{@code pos} is where PostgreSQL points its errors: the operator of {@link Binary}, {@link
 * Unary} and the other operator forms, the first token of everything else.
 */
public sealed interface Expr {
  Pos pos();

  /** This expression as SQL that parses back to an equal tree. */
  default String toSql() {
    return SqlPrinter.print(this);
  }

  /** A column or a qualified column: {@code c}, {@code t.c}, {@code s.t.c} (case-folded). */
  record ColumnRef(Pos pos, List<String> names) implements Expr {
    public ColumnRef {
      names = List.copyOf(names);
    }
  }

  /**
   * A numeric literal as written (digit separators removed, radix prefixes converted to decimal); a
   * minus sign applied to a number is folded in, as PostgreSQL does: {@code -3} is {@code "-3"}.
   */
  record NumberLit(Pos pos, String text) implements Expr {}

  /** A string literal, its escapes and quote doubling resolved. */
  record StringLit(Pos pos, String value) implements Expr {}

  record BoolLit(Pos pos, boolean value) implements Expr {}

  record NullLit(Pos pos) implements Expr {}

  /** A typed literal: {@code DATE '2020-01-01'}, {@code TIMESTAMP '...'}, {@code INT '1'}. */
  record TypedLiteral(Pos pos, DataType type, String value) implements Expr {}

  /**
   * An interval literal: {@code INTERVAL '1 day'}, {@code INTERVAL '1' HOUR}, {@code INTERVAL '1'
   * DAY TO SECOND(3)}; {@code qualifier} is null when not written.
   */
  record IntervalLit(Pos pos, String value, IntervalQualifier qualifier) implements Expr {}

  /** The fields after an interval literal; {@code to} and {@code precision} are nullable. */
  record IntervalQualifier(IntervalField from, IntervalField to, Integer precision) {}

  enum IntervalField {
    YEAR,
    MONTH,
    DAY,
    HOUR,
    MINUTE,
    SECOND
  }

  /** A parameter {@code $n} (1-based). */
  record Param(Pos pos, int index) implements Expr {}

  /** {@code DEFAULT} in INSERT ... VALUES and UPDATE ... SET. */
  record Default(Pos pos) implements Expr {}

  record Unary(Pos pos, UnaryOp op, Expr operand) implements Expr {}

  record Binary(Pos pos, Expr left, BinaryOp op, Expr right) implements Expr {}

  /** {@code x IS [NOT] NULL | TRUE | FALSE | UNKNOWN} (and {@code ISNULL}, {@code NOTNULL}). */
  record Is(Pos pos, Expr operand, IsKind kind, boolean negated) implements Expr {}

  enum IsKind {
    NULL,
    TRUE,
    FALSE,
    UNKNOWN
  }

  /** {@code x IS [NOT] JSON [VALUE | ARRAY | OBJECT | SCALAR] [WITH UNIQUE [KEYS]]}. */
  record IsJson(Pos pos, Expr operand, JsonKind kind, boolean uniqueKeys, boolean negated)
      implements Expr {}

  enum JsonKind {
    VALUE,
    ARRAY,
    OBJECT,
    SCALAR
  }

  /** {@code a IS [NOT] DISTINCT FROM b}. */
  record IsDistinctFrom(Pos pos, Expr left, Expr right, boolean negated) implements Expr {}

  /** {@code x [NOT] BETWEEN [SYMMETRIC] low AND high}. */
  record Between(Pos pos, Expr operand, Expr low, Expr high, boolean symmetric, boolean negated)
      implements Expr {}

  /** {@code x [NOT] LIKE | ILIKE | SIMILAR TO pattern [ESCAPE e]}; {@code escape} is nullable. */
  record Like(Pos pos, Expr operand, LikeKind kind, Expr pattern, Expr escape, boolean negated)
      implements Expr {}

  enum LikeKind {
    LIKE,
    ILIKE,
    SIMILAR_TO
  }

  /** {@code x [NOT] IN (a, b, ...)}. */
  record InList(Pos pos, Expr operand, List<Expr> list, boolean negated) implements Expr {
    public InList {
      list = List.copyOf(list);
    }
  }

  /** {@code x [NOT] IN (SELECT ...)}. */
  record InSubquery(Pos pos, Expr operand, Query query, boolean negated) implements Expr {}

  /**
   * {@code left op ANY|SOME|ALL (right)}: {@code right} is a {@link Subquery} or an array
   * expression.
   */
  record Quantified(Pos pos, Expr left, BinaryOp op, Quantifier quantifier, Expr right)
      implements Expr {}

  enum Quantifier {
    ANY,
    ALL
  }

  record Exists(Pos pos, Query query) implements Expr {}

  /** A scalar subquery {@code (SELECT ...)}. */
  record Subquery(Pos pos, Query query) implements Expr {}

  /** {@code ARRAY(SELECT ...)}. */
  record ArraySubquery(Pos pos, Query query) implements Expr {}

  /** {@code CAST(x AS t)} and {@code x::t}. */
  record Cast(Pos pos, Expr operand, DataType type) implements Expr {}

  /** {@code CASE [operand] WHEN ... THEN ... [ELSE ...] END}; operand and else are nullable. */
  record Case(Pos pos, Expr operand, List<When> whens, Expr otherwise) implements Expr {
    public Case {
      whens = List.copyOf(whens);
    }
  }

  record When(Expr condition, Expr result) {}

  /**
   * A function call, aggregate or window function: {@code name([DISTINCT] args [ORDER BY ...])
   * [WITHIN GROUP (ORDER BY ...)] [FILTER (WHERE ...)] [OVER ...]}. {@code star} is {@code
   * count(*)}; {@code variadic} marks the last argument as {@code VARIADIC}. {@code filter} and
   * {@code over} are nullable.
   */
  record FunctionCall(
      Pos pos,
      ObjectName name,
      List<Expr> args,
      boolean star,
      boolean distinct,
      boolean variadic,
      List<OrderByItem> orderBy,
      List<OrderByItem> withinGroup,
      Expr filter,
      Window over)
      implements Expr {
    public FunctionCall {
      args = List.copyOf(args);
      orderBy = List.copyOf(orderBy);
      withinGroup = List.copyOf(withinGroup);
    }

    /** A plain call {@code name(args)}. */
    public static FunctionCall of(Pos pos, ObjectName name, List<Expr> args) {
      return new FunctionCall(
          pos, name, args, false, false, false, List.of(), List.of(), null, null);
    }
  }

  /**
   * SQL's niladic functions, written without parentheses: {@code CURRENT_DATE}, {@code
   * CURRENT_TIMESTAMP[(p)]} ...; {@code precision} is nullable.
   */
  record ValueFunction(Pos pos, ValueFunctionKind kind, Integer precision) implements Expr {}

  enum ValueFunctionKind {
    CURRENT_DATE,
    CURRENT_TIME,
    CURRENT_TIMESTAMP,
    LOCALTIME,
    LOCALTIMESTAMP,
    CURRENT_ROLE,
    CURRENT_USER,
    SESSION_USER,
    SYSTEM_USER,
    USER,
    CURRENT_CATALOG,
    CURRENT_SCHEMA
  }

  /** {@code EXTRACT(field FROM source)}; the field is upper-cased ({@code "EPOCH"}). */
  record Extract(Pos pos, String field, Expr source) implements Expr {}

  /** {@code POSITION(substring IN string)}. */
  record Position(Pos pos, Expr substring, Expr string) implements Expr {}

  /** {@code SUBSTRING(string [FROM start] [FOR length])}; start and length nullable. */
  record Substring(Pos pos, Expr string, Expr start, Expr length) implements Expr {}

  /**
   * {@code TRIM([BOTH | LEADING | TRAILING] [characters] FROM string)}, also {@code TRIM(string,
   * characters)}; {@code characters} is nullable.
   */
  record Trim(Pos pos, TrimSide side, Expr characters, Expr string) implements Expr {}

  enum TrimSide {
    BOTH,
    LEADING,
    TRAILING
  }

  /** {@code OVERLAY(string PLACING replacement FROM start [FOR length])}; length nullable. */
  record Overlay(Pos pos, Expr string, Expr replacement, Expr start, Expr length) implements Expr {}

  /** {@code timestamp AT TIME ZONE zone}. */
  record AtTimeZone(Pos pos, Expr operand, Expr zone) implements Expr {}

  /** {@code x COLLATE name}. */
  record Collate(Pos pos, Expr operand, ObjectName collation) implements Expr {}

  /** {@code ARRAY[a, b]}; nested brackets inside ({@code ARRAY[[1], [2]]}) are ArrayLits too. */
  record ArrayLit(Pos pos, List<Expr> elements) implements Expr {
    public ArrayLit {
      elements = List.copyOf(elements);
    }
  }

  /** {@code base[index]}. */
  record Subscript(Pos pos, Expr base, Expr index) implements Expr {}

  /** {@code base[lower:upper]}; either bound nullable ({@code a[:2]}, {@code a[2:]}). */
  record Slice(Pos pos, Expr base, Expr lower, Expr upper) implements Expr {}

  /** A row constructor: {@code ROW(a, b)}, {@code ROW()} or {@code (a, b)}. */
  record Row(Pos pos, List<Expr> fields) implements Expr {
    public Row {
      fields = List.copyOf(fields);
    }
  }

  /** A field of a composite value: {@code (x).field}. */
  record FieldAccess(Pos pos, Expr base, String field) implements Expr {}

  /** Unary operators; {@link #precedence} is the binding strength of the operand. */
  enum UnaryOp {
    NOT("NOT", Precedence.NOT),
    PLUS("+", Precedence.UNARY),
    MINUS("-", Precedence.UNARY),
    BITWISE_NOT("~", Precedence.OTHER),
    SQUARE_ROOT("|/", Precedence.OTHER),
    CUBE_ROOT("||/", Precedence.OTHER),
    ABS("@", Precedence.OTHER);

    public final String symbol;
    final int precedence;

    UnaryOp(String symbol, int precedence) {
      this.symbol = symbol;
      this.precedence = precedence;
    }

    static UnaryOp fromSymbol(String s) {
      for (UnaryOp op : values()) {
        if (op.symbol.equals(s)) {
          return op;
        }
      }
      return null;
    }
  }

  /** Binary operators, with PostgreSQL's precedence. */
  enum BinaryOp {
    OR("OR", Precedence.OR),
    AND("AND", Precedence.AND),
    EQ("=", Precedence.COMPARISON),
    NE("<>", Precedence.COMPARISON),
    LT("<", Precedence.COMPARISON),
    LE("<=", Precedence.COMPARISON),
    GT(">", Precedence.COMPARISON),
    GE(">=", Precedence.COMPARISON),
    PLUS("+", Precedence.ADDITIVE),
    MINUS("-", Precedence.ADDITIVE),
    MULTIPLY("*", Precedence.MULTIPLICATIVE),
    DIVIDE("/", Precedence.MULTIPLICATIVE),
    MODULO("%", Precedence.MULTIPLICATIVE),
    POWER("^", Precedence.EXPONENT),
    CONCAT("||", Precedence.OTHER),
    BITWISE_AND("&", Precedence.OTHER),
    BITWISE_OR("|", Precedence.OTHER),
    BITWISE_XOR("#", Precedence.OTHER),
    SHIFT_LEFT("<<", Precedence.OTHER),
    SHIFT_RIGHT(">>", Precedence.OTHER),
    REGEX_MATCH("~", Precedence.OTHER),
    REGEX_IMATCH("~*", Precedence.OTHER),
    REGEX_NOT_MATCH("!~", Precedence.OTHER),
    REGEX_NOT_IMATCH("!~*", Precedence.OTHER),
    LIKE_OP("~~", Precedence.OTHER),
    ILIKE_OP("~~*", Precedence.OTHER),
    NOT_LIKE_OP("!~~", Precedence.OTHER),
    NOT_ILIKE_OP("!~~*", Precedence.OTHER),
    JSON_GET("->", Precedence.OTHER),
    JSON_GET_TEXT("->>", Precedence.OTHER),
    JSON_PATH("#>", Precedence.OTHER),
    JSON_PATH_TEXT("#>>", Precedence.OTHER),
    JSON_DELETE_PATH("#-", Precedence.OTHER),
    CONTAINS("@>", Precedence.OTHER),
    CONTAINED_BY("<@", Precedence.OTHER),
    HAS_KEY("?", Precedence.OTHER),
    HAS_ANY_KEY("?|", Precedence.OTHER),
    HAS_ALL_KEYS("?&", Precedence.OTHER),
    JSON_PATH_EXISTS("@?", Precedence.OTHER),
    MATCH("@@", Precedence.OTHER),
    OVERLAPS("&&", Precedence.OTHER),
    STARTS_WITH("^@", Precedence.OTHER),
    DISTANCE("<->", Precedence.OTHER);

    public final String symbol;
    final int precedence;

    BinaryOp(String symbol, int precedence) {
      this.symbol = symbol;
      this.precedence = precedence;
    }

    /** The operator spelled {@code s} ({@code !=} is {@code <>}), or null. */
    static BinaryOp fromSymbol(String s) {
      if (s.equals("!=")) {
        return NE;
      }
      for (BinaryOp op : values()) {
        if (op.symbol.equals(s) && op != OR && op != AND) {
          return op;
        }
      }
      return null;
    }
  }
}
