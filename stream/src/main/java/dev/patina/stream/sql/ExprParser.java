package dev.patina.stream.sql;

import dev.patina.stream.sql.Expr.BinaryOp;
import dev.patina.stream.sql.Expr.IntervalField;
import dev.patina.stream.sql.Expr.IntervalQualifier;
import dev.patina.stream.sql.Expr.UnaryOp;
import dev.patina.stream.sql.Expr.ValueFunctionKind;
import dev.patina.stream.sql.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Expressions (precedence climbing over PostgreSQL's operator table) and data types. Subqueries are
 * delegated to the query layer through the abstract methods.
 */
abstract class ExprParser extends ParserBase {

  ExprParser(SourceText src, List<Token> tokens) {
    super(src, tokens);
  }

  abstract Query parseQuery();

  /** Continues a query whose first operand, a parenthesized query, has been parsed. */
  abstract Query parseQueryRest(Pos pos, SetExpr left);

  abstract List<OrderByItem> parseOrderByList();

  /** SELECT, VALUES or WITH: a token that starts a query rather than an expression. */
  static boolean isQueryStart(Token t) {
    return t.isWord("select") || t.isWord("values") || t.isWord("with");
  }

  /** A token that continues a query after its first operand. */
  static boolean isQueryContinuation(Token t) {
    return t.isWord("union")
        || t.isWord("intersect")
        || t.isWord("except")
        || t.isWord("order")
        || t.isWord("limit")
        || t.isWord("offset")
        || t.isWord("fetch");
  }

  // ---- expressions

  final Expr parseExpr() {
    return parseExpr(Precedence.NONE);
  }

  /** An expression whose operators all bind tighter than {@code minPrecedence}. */
  final Expr parseExpr(int minPrecedence) {
    enter();
    Expr left = parsePrefix();
    int steps = 0;
    while (infixPrecedence() > minPrecedence) {
      checkChain(++steps);
      left = parseInfix(left);
    }
    leave();
    return left;
  }

  private int infixPrecedence() {
    Token t = peek();
    switch (t.kind()) {
      case WORD -> {
        return switch (t.value()) {
          case "or" -> Precedence.OR;
          case "and" -> Precedence.AND;
          case "is", "isnull", "notnull" -> Precedence.IS;
          case "in", "between", "like", "ilike", "similar" -> Precedence.LIKE_IN_BETWEEN;
          case "not" -> {
            Token n = peek(1);
            yield n.isWord("in")
                    || n.isWord("between")
                    || n.isWord("like")
                    || n.isWord("ilike")
                    || n.isWord("similar")
                ? Precedence.LIKE_IN_BETWEEN
                : Precedence.NONE;
          }
          case "at" ->
              isKw(1, "time") && isKw(2, "zone") ? Precedence.AT_TIME_ZONE : Precedence.NONE;
          case "collate" -> Precedence.COLLATE;
          case "operator" -> peek(1).is(Kind.LPAREN) ? Precedence.OTHER : Precedence.NONE;
          default -> Precedence.NONE;
        };
      }
      case OP -> {
        BinaryOp op = BinaryOp.fromSymbol(t.value());
        return op == null ? Precedence.OTHER : op.precedence;
      }
      case LBRACKET -> {
        return Precedence.SUBSCRIPT;
      }
      case DOUBLE_COLON -> {
        return Precedence.CAST;
      }
      case DOT -> {
        return isName(peek(1)) ? Precedence.SUBSCRIPT : Precedence.NONE;
      }
      default -> {
        return Precedence.NONE;
      }
    }
  }

  private Expr parseInfix(Expr left) {
    Token t = next();
    Pos pos = pos(t);
    switch (t.kind()) {
      case OP -> {
        BinaryOp op = BinaryOp.fromSymbol(t.value());
        if (op == null) {
          throw src.error("operator does not exist: " + t.value(), "42883", t.start());
        }
        return binaryRest(pos, left, op, op.precedence);
      }
      case LBRACKET -> {
        return subscript(pos, left);
      }
      case DOUBLE_COLON -> {
        return new Expr.Cast(pos, left, parseDataType());
      }
      case DOT -> {
        return new Expr.FieldAccess(pos, left, colLabel());
      }
      default -> {}
    }
    switch (t.value()) {
      case "or" -> {
        return new Expr.Binary(pos, left, BinaryOp.OR, parseExpr(Precedence.OR));
      }
      case "and" -> {
        return new Expr.Binary(pos, left, BinaryOp.AND, parseExpr(Precedence.AND));
      }
      case "is" -> {
        return parseIs(pos, left);
      }
      case "isnull" -> {
        return new Expr.Is(pos, left, Expr.IsKind.NULL, false);
      }
      case "notnull" -> {
        return new Expr.Is(pos, left, Expr.IsKind.NULL, true);
      }
      case "not" -> {
        return parseNegatable(pos(peek()), left, next(), true);
      }
      case "at" -> {
        expectKws("time", "zone");
        return new Expr.AtTimeZone(pos, left, parseExpr(Precedence.AT_TIME_ZONE));
      }
      case "collate" -> {
        return new Expr.Collate(pos, left, objectName());
      }
      case "operator" -> {
        BinaryOp op = qualifiedOperator();
        return binaryRest(pos, left, op, Precedence.OTHER);
      }
      default -> {
        return parseNegatable(pos, left, t, false);
      }
    }
  }

  /** {@code OPERATOR(schema.op)}, the cursor after OPERATOR. */
  private BinaryOp qualifiedOperator() {
    expect(Kind.LPAREN);
    while (isName(peek()) && peek(1).is(Kind.DOT)) {
      next();
      next();
    }
    Token opToken = expect(Kind.OP);
    BinaryOp op = BinaryOp.fromSymbol(opToken.value());
    if (op == null) {
      throw src.error("operator does not exist: " + opToken.value(), "42883", opToken.start());
    }
    expect(Kind.RPAREN);
    return op;
  }

  /** {@code OPERATOR(schema.op)} used as a prefix operator, the cursor after OPERATOR. */
  private UnaryOp qualifiedPrefixOperator() {
    expect(Kind.LPAREN);
    while (isName(peek()) && peek(1).is(Kind.DOT)) {
      next();
      next();
    }
    Token opToken = expect(Kind.OP);
    UnaryOp op = UnaryOp.fromSymbol(opToken.value());
    if (op == null || op == UnaryOp.NOT) {
      throw src.error("operator does not exist: " + opToken.value(), "42883", opToken.start());
    }
    expect(Kind.RPAREN);
    return op;
  }

  private Expr binaryRest(Pos pos, Expr left, BinaryOp op, int precedence) {
    if ((isKw("any") || isKw("some") || isKw("all")) && peek(1).is(Kind.LPAREN)) {
      Expr.Quantifier q = next().isWord("all") ? Expr.Quantifier.ALL : Expr.Quantifier.ANY;
      Pos at = pos();
      Object inner = parenQueryOrExprList();
      Expr right;
      if (inner instanceof Query query) {
        right = new Expr.Subquery(at, query);
      } else {
        @SuppressWarnings("unchecked")
        List<Expr> list = (List<Expr>) inner;
        if (list.size() != 1) {
          throw src.error("syntax error" + SourceText.near(","), at.offset());
        }
        right = list.getFirst();
      }
      return new Expr.Quantified(pos, left, op, q, right);
    }
    return new Expr.Binary(pos, left, op, parseExpr(precedence));
  }

  /** IN, BETWEEN, LIKE, ILIKE, SIMILAR TO, after the keyword {@code t} (and NOT). */
  private Expr parseNegatable(Pos pos, Expr left, Token t, boolean negated) {
    switch (t.value()) {
      case "in" -> {
        Pos at = pos();
        Object inner = parenQueryOrExprList();
        if (inner instanceof Query query) {
          return new Expr.InSubquery(pos, left, query, negated);
        }
        @SuppressWarnings("unchecked")
        List<Expr> list = (List<Expr>) inner;
        if (list.isEmpty()) {
          throw src.error("syntax error" + SourceText.near(")"), at.offset() + 1);
        }
        return new Expr.InList(pos, left, list, negated);
      }
      case "between" -> {
        boolean symmetric = acceptKw("symmetric");
        if (!symmetric) {
          acceptKw("asymmetric");
        }
        Expr low = parseExpr(Precedence.LIKE_IN_BETWEEN);
        expectKw("and");
        Expr high = parseExpr(Precedence.LIKE_IN_BETWEEN);
        return new Expr.Between(pos, left, low, high, symmetric, negated);
      }
      case "like", "ilike", "similar" -> {
        Expr.LikeKind kind;
        if (t.value().equals("similar")) {
          expectKw("to");
          kind = Expr.LikeKind.SIMILAR_TO;
        } else {
          kind = t.value().equals("like") ? Expr.LikeKind.LIKE : Expr.LikeKind.ILIKE;
        }
        if ((isKw("any") || isKw("some") || isKw("all")) && peek(1).is(Kind.LPAREN)) {
          // x LIKE ANY (...) is x ~~ ANY (...)
          BinaryOp op =
              switch (kind) {
                case LIKE -> negated ? BinaryOp.NOT_LIKE_OP : BinaryOp.LIKE_OP;
                case ILIKE -> negated ? BinaryOp.NOT_ILIKE_OP : BinaryOp.ILIKE_OP;
                case SIMILAR_TO -> throw unexpected();
              };
          return binaryRest(pos, left, op, Precedence.LIKE_IN_BETWEEN);
        }
        Expr pattern = parseExpr(Precedence.LIKE_IN_BETWEEN);
        Expr escape = acceptKw("escape") ? parseExpr(Precedence.LIKE_IN_BETWEEN) : null;
        return new Expr.Like(pos, left, kind, pattern, escape, negated);
      }
      default -> throw unexpected(t);
    }
  }

  private Expr parseIs(Pos pos, Expr left) {
    boolean negated = acceptKw("not");
    Token t = next();
    switch (t.kind() == Kind.WORD ? t.value() : "") {
      case "null" -> {
        return new Expr.Is(pos, left, Expr.IsKind.NULL, negated);
      }
      case "true" -> {
        return new Expr.Is(pos, left, Expr.IsKind.TRUE, negated);
      }
      case "false" -> {
        return new Expr.Is(pos, left, Expr.IsKind.FALSE, negated);
      }
      case "unknown" -> {
        return new Expr.Is(pos, left, Expr.IsKind.UNKNOWN, negated);
      }
      case "distinct" -> {
        expectKw("from");
        return new Expr.IsDistinctFrom(pos, left, parseExpr(Precedence.IS), negated);
      }
      case "json" -> {
        Expr.JsonKind kind = Expr.JsonKind.VALUE;
        if (acceptKw("value")) {
          kind = Expr.JsonKind.VALUE;
        } else if (acceptKw("array")) {
          kind = Expr.JsonKind.ARRAY;
        } else if (acceptKw("object")) {
          kind = Expr.JsonKind.OBJECT;
        } else if (acceptKw("scalar")) {
          kind = Expr.JsonKind.SCALAR;
        }
        boolean unique = false;
        if (acceptKws("with", "unique")) {
          unique = true;
          acceptKw("keys");
        } else if (acceptKws("without", "unique")) {
          acceptKw("keys");
        }
        return new Expr.IsJson(pos, left, kind, unique, negated);
      }
      default -> throw unexpected(t);
    }
  }

  private Expr subscript(Pos pos, Expr base) {
    Expr lower = null;
    if (!is(Kind.COLON)) {
      lower = parseExpr();
    }
    if (accept(Kind.COLON)) {
      Expr upper = is(Kind.RBRACKET) ? null : parseExpr();
      expect(Kind.RBRACKET);
      return new Expr.Slice(pos, base, lower, upper);
    }
    expect(Kind.RBRACKET);
    return new Expr.Subscript(pos, base, lower);
  }

  /**
   * {@code (query)} or {@code (expr, ...)} (possibly empty), as after IN and ANY: returns a {@link
   * Query} or a {@code List<Expr>}. A list of one scalar subquery is the query itself.
   */
  final Object parenQueryOrExprList() {
    Token open = expect(Kind.LPAREN);
    if (isQueryStart(peek())) {
      Query q = parseQuery();
      expect(Kind.RPAREN);
      return q;
    }
    List<Expr> list = new ArrayList<>();
    if (accept(Kind.RPAREN)) {
      return list;
    }
    Expr first = parseExpr();
    if (first instanceof Expr.Subquery sq && isQueryContinuation(peek())) {
      Query q = parseQueryRest(pos(open), bodyOf(sq.query()));
      expect(Kind.RPAREN);
      return q;
    }
    list.add(first);
    while (accept(Kind.COMMA)) {
      list.add(parseExpr());
    }
    expect(Kind.RPAREN);
    if (list.size() == 1 && list.getFirst() instanceof Expr.Subquery sq) {
      return sq.query();
    }
    return list;
  }

  /** A parenthesized query as the operand of a set operation. */
  static SetExpr bodyOf(Query q) {
    return q.isBare() ? q.body() : new SetExpr.Parenthesized(q.pos(), q);
  }

  private Expr parsePrefix() {
    Token t = peek();
    Pos pos = pos(t);
    switch (t.kind()) {
      case NUMBER -> {
        next();
        return new Expr.NumberLit(pos, t.value());
      }
      case STRING -> {
        next();
        return new Expr.StringLit(pos, t.value());
      }
      case PARAM -> {
        next();
        return new Expr.Param(pos, Integer.parseInt(t.value()));
      }
      case LPAREN -> {
        return parseParenthesized();
      }
      case OP -> {
        UnaryOp op = UnaryOp.fromSymbol(t.value());
        if (op == null) {
          throw unexpected();
        }
        next();
        Expr operand = parseExpr(op.precedence);
        if (op == UnaryOp.MINUS && operand instanceof Expr.NumberLit n) {
          String text = n.text();
          return new Expr.NumberLit(pos, text.startsWith("-") ? text.substring(1) : "-" + text);
        }
        return new Expr.Unary(pos, op, operand);
      }
      case WORD -> {
        return parseWord(t, pos);
      }
      case QUOTED_IDENT -> {
        // "type" 'text' is a typed literal in PostgreSQL's grammar too (func_name Sconst)
        if (peek(1).is(Kind.STRING)) {
          Expr literal = tryTypedLiteral(pos);
          if (literal != null) {
            return literal;
          }
        }
        return parseName(pos);
      }
      default -> throw unexpected();
    }
  }

  private Expr parseParenthesized() {
    Token open = next();
    Pos pos = pos(open);
    if (isQueryStart(peek())) {
      Query q = parseQuery();
      expect(Kind.RPAREN);
      return new Expr.Subquery(pos, q);
    }
    Expr first = parseExpr();
    if (first instanceof Expr.Subquery sq && isQueryContinuation(peek())) {
      Query q = parseQueryRest(pos, bodyOf(sq.query()));
      expect(Kind.RPAREN);
      return new Expr.Subquery(pos, q);
    }
    if (is(Kind.COMMA)) {
      List<Expr> fields = new ArrayList<>();
      fields.add(first);
      while (accept(Kind.COMMA)) {
        fields.add(parseExpr());
      }
      expect(Kind.RPAREN);
      return new Expr.Row(pos, fields);
    }
    expect(Kind.RPAREN);
    return first;
  }

  private static final Set<String> MULTI_WORD_TYPE_STARTS =
      Set.of(
          "double",
          "character",
          "char",
          "national",
          "nchar",
          "varchar",
          "bit",
          "time",
          "timestamp",
          "numeric",
          "decimal",
          "dec",
          "float");

  private Expr parseWord(Token t, Pos pos) {
    String w = t.value();
    switch (w) {
      case "null" -> {
        next();
        return new Expr.NullLit(pos);
      }
      case "true", "false" -> {
        next();
        return new Expr.BoolLit(pos, w.equals("true"));
      }
      case "default" -> {
        next();
        return new Expr.Default(pos);
      }
      case "not" -> {
        next();
        return new Expr.Unary(pos, UnaryOp.NOT, parseExpr(Precedence.NOT));
      }
      case "case" -> {
        return parseCase(pos);
      }
      case "cast" -> {
        next();
        expect(Kind.LPAREN);
        Expr operand = parseExpr();
        expectKw("as");
        DataType type = parseDataType();
        expect(Kind.RPAREN);
        return new Expr.Cast(pos, operand, type);
      }
      case "exists" -> {
        if (peek(1).is(Kind.LPAREN)) {
          next();
          expect(Kind.LPAREN);
          Query q = parseQuery();
          expect(Kind.RPAREN);
          return new Expr.Exists(pos, q);
        }
      }
      case "array" -> {
        next();
        if (accept(Kind.LPAREN)) {
          Query q = parseQuery();
          expect(Kind.RPAREN);
          return new Expr.ArraySubquery(pos, q);
        }
        expect(Kind.LBRACKET);
        return arrayElements(pos);
      }
      case "row" -> {
        if (peek(1).is(Kind.LPAREN)) {
          next();
          next();
          List<Expr> fields = new ArrayList<>();
          if (!is(Kind.RPAREN)) {
            do {
              fields.add(parseExpr());
            } while (accept(Kind.COMMA));
          }
          expect(Kind.RPAREN);
          return new Expr.Row(pos, fields);
        }
      }
      case "interval" -> {
        if (peek(1).is(Kind.STRING)) {
          next();
          String value = next().value();
          return new Expr.IntervalLit(pos, value, intervalQualifier());
        }
      }
      case "current_date",
          "current_time",
          "current_timestamp",
          "localtime",
          "localtimestamp",
          "current_role",
          "current_user",
          "session_user",
          "system_user",
          "user",
          "current_catalog" -> {
        next();
        ValueFunctionKind kind = ValueFunctionKind.valueOf(w.toUpperCase(Locale.ROOT));
        Integer precision = null;
        if ((kind == ValueFunctionKind.CURRENT_TIME
                || kind == ValueFunctionKind.CURRENT_TIMESTAMP
                || kind == ValueFunctionKind.LOCALTIME
                || kind == ValueFunctionKind.LOCALTIMESTAMP)
            && accept(Kind.LPAREN)) {
          precision = intLiteral();
          expect(Kind.RPAREN);
        }
        return new Expr.ValueFunction(pos, kind, precision);
      }
      case "operator" -> {
        if (peek(1).is(Kind.LPAREN)) {
          next();
          UnaryOp op = qualifiedPrefixOperator();
          return new Expr.Unary(pos, op, parseExpr(Precedence.OTHER));
        }
      }
      case "current_schema" -> {
        if (!peek(1).is(Kind.LPAREN)) {
          next();
          return new Expr.ValueFunction(pos, ValueFunctionKind.CURRENT_SCHEMA, null);
        }
      }
      case "extract", "position", "substring", "trim", "overlay" -> {
        if (peek(1).is(Kind.LPAREN)) {
          return parseSpecialFunction(pos, w);
        }
      }
      default -> {}
    }
    if (Keywords.isReserved(w)) {
      throw unexpected();
    }
    Token n = peek(1);
    if (n.is(Kind.STRING)
        || (MULTI_WORD_TYPE_STARTS.contains(w) && (n.is(Kind.WORD) || n.is(Kind.LPAREN)))) {
      Expr literal = tryTypedLiteral(pos);
      if (literal != null) {
        return literal;
      }
    }
    return parseName(pos);
  }

  /** {@code type 'string'}, or null (cursor unchanged) if what follows is not one. */
  private Expr tryTypedLiteral(Pos pos) {
    int saveP = p;
    int saveDepth = depth;
    try {
      DataType type = parseBaseType();
      if (is(Kind.STRING)) {
        return new Expr.TypedLiteral(pos, type, next().value());
      }
    } catch (ParseException e) {
      if (e.sqlState().equals(ParseException.STATEMENT_TOO_COMPLEX)) {
        throw e;
      }
    }
    p = saveP;
    depth = saveDepth;
    return null;
  }

  /** A column reference or a function call, starting with a name. */
  private Expr parseName(Pos pos) {
    Token first = peek();
    List<String> parts = new ArrayList<>();
    parts.add(next().value());
    while (is(Kind.DOT) && isName(peek(1))) {
      next();
      parts.add(next().value());
    }
    if (is(Kind.LPAREN)) {
      return parseCall(pos, new ObjectName(pos, parts));
    }
    if (first.kind() == Kind.WORD && !Keywords.isColId(first.value())) {
      throw unexpected(first);
    }
    return new Expr.ColumnRef(pos, parts);
  }

  /** A function call from its opening parenthesis. */
  final Expr.FunctionCall parseCall(Pos pos, ObjectName name) {
    enter();
    Expr.FunctionCall call = parseCallArguments(pos, name);
    leave();
    return call;
  }

  private Expr.FunctionCall parseCallArguments(Pos pos, ObjectName name) {
    expect(Kind.LPAREN);
    List<Expr> args = new ArrayList<>();
    boolean star = false;
    boolean distinct = false;
    boolean variadic = false;
    List<OrderByItem> orderBy = List.of();
    if (isOp("*") && peek(1).is(Kind.RPAREN)) {
      next();
      star = true;
    } else if (!is(Kind.RPAREN)) {
      if (acceptKw("distinct")) {
        distinct = true;
      } else {
        acceptKw("all");
      }
      do {
        if (variadic) {
          throw unexpected();
        }
        variadic = acceptKw("variadic");
        args.add(parseExpr());
      } while (accept(Kind.COMMA));
      if (acceptKws("order", "by")) {
        orderBy = parseOrderByList();
      }
    }
    expect(Kind.RPAREN);
    List<OrderByItem> withinGroup = List.of();
    if (isKw("within") && isKw(1, "group") && peek(2).is(Kind.LPAREN)) {
      next();
      next();
      next();
      expectKws("order", "by");
      withinGroup = parseOrderByList();
      expect(Kind.RPAREN);
    }
    Expr filter = null;
    if (isKw("filter") && peek(1).is(Kind.LPAREN)) {
      next();
      next();
      expectKw("where");
      filter = parseExpr();
      expect(Kind.RPAREN);
    }
    Window over = null;
    if (isKw("over") && (peek(1).is(Kind.LPAREN) || isColId(peek(1)))) {
      next();
      if (is(Kind.LPAREN)) {
        over = parseWindowSpec();
      } else {
        Pos at = pos();
        over = new Window.Named(at, colId());
      }
    }
    return new Expr.FunctionCall(
        pos, name, args, star, distinct, variadic, orderBy, withinGroup, filter, over);
  }

  /** {@code ([base] [PARTITION BY ...] [ORDER BY ...] [frame])}. */
  final Window.Spec parseWindowSpec() {
    enter();
    Window.Spec spec = parseWindowSpecBody();
    leave();
    return spec;
  }

  private Window.Spec parseWindowSpecBody() {
    Pos pos = pos();
    expect(Kind.LPAREN);
    String base = null;
    Token t = peek();
    if (isColId(t)
        && !(t.kind() == Kind.WORD
            && Set.of("partition", "order", "rows", "range", "groups", "session")
                .contains(t.value()))) {
      base = colId();
    }
    List<Expr> partitionBy = new ArrayList<>();
    if (acceptKws("partition", "by")) {
      do {
        partitionBy.add(parseExpr());
      } while (accept(Kind.COMMA));
    }
    List<OrderByItem> orderBy = List.of();
    if (acceptKws("order", "by")) {
      orderBy = parseOrderByList();
    }
    Window.Frame frame = null;
    if (isKw("rows") || isKw("range") || isKw("groups")) {
      Window.Units units = Window.Units.valueOf(next().value().toUpperCase(Locale.ROOT));
      Window.Bound start;
      Window.Bound end = null;
      if (acceptKw("between")) {
        start = frameBound();
        expectKw("and");
        end = frameBound();
      } else {
        start = frameBound();
      }
      Window.Exclusion exclusion = Window.Exclusion.NONE;
      if (acceptKw("exclude")) {
        if (acceptKws("current", "row")) {
          exclusion = Window.Exclusion.CURRENT_ROW;
        } else if (acceptKw("group")) {
          exclusion = Window.Exclusion.GROUP;
        } else if (acceptKw("ties")) {
          exclusion = Window.Exclusion.TIES;
        } else {
          expectKws("no", "others");
          exclusion = Window.Exclusion.NO_OTHERS;
        }
      }
      frame = new Window.Frame(units, start, end, exclusion, null);
    } else if (acceptKw("session")) {
      expectKws("with", "gap");
      frame =
          new Window.Frame(Window.Units.SESSION, null, null, Window.Exclusion.NONE, parseExpr());
    }
    expect(Kind.RPAREN);
    return new Window.Spec(pos, base, partitionBy, orderBy, frame);
  }

  private Window.Bound frameBound() {
    if (acceptKws("unbounded", "preceding")) {
      return new Window.Bound(Window.BoundKind.UNBOUNDED_PRECEDING, null);
    }
    if (acceptKws("unbounded", "following")) {
      return new Window.Bound(Window.BoundKind.UNBOUNDED_FOLLOWING, null);
    }
    if (acceptKws("current", "row")) {
      return new Window.Bound(Window.BoundKind.CURRENT_ROW, null);
    }
    Expr offset = parseExpr();
    if (acceptKw("preceding")) {
      return new Window.Bound(Window.BoundKind.PRECEDING, offset);
    }
    expectKw("following");
    return new Window.Bound(Window.BoundKind.FOLLOWING, offset);
  }

  private Expr parseCase(Pos pos) {
    enter();
    Expr e = parseCaseBody(pos);
    leave();
    return e;
  }

  private Expr parseCaseBody(Pos pos) {
    next();
    Expr operand = isKw("when") ? null : parseExpr();
    List<Expr.When> whens = new ArrayList<>();
    do {
      expectKw("when");
      Expr condition = parseExpr();
      expectKw("then");
      whens.add(new Expr.When(condition, parseExpr()));
    } while (isKw("when"));
    Expr otherwise = acceptKw("else") ? parseExpr() : null;
    expectKw("end");
    return new Expr.Case(pos, operand, whens, otherwise);
  }

  /** The elements of {@code ARRAY[...]}, after the bracket; inner brackets nest. */
  private Expr arrayElements(Pos pos) {
    enter();
    List<Expr> elements = new ArrayList<>();
    if (!is(Kind.RBRACKET)) {
      // PostgreSQL: either all elements are bracketed sub-arrays or none is
      boolean subArrays = is(Kind.LBRACKET);
      do {
        if (subArrays) {
          Pos at = pos();
          expect(Kind.LBRACKET);
          enter(); // as much as ARRAY[...], which also passes through parseExpr
          elements.add(arrayElements(at));
          leave();
        } else if (is(Kind.LBRACKET)) {
          throw unexpected();
        } else {
          elements.add(parseExpr());
        }
      } while (accept(Kind.COMMA));
    }
    expect(Kind.RBRACKET);
    leave();
    return new Expr.ArrayLit(pos, elements);
  }

  private IntervalQualifier intervalQualifier() {
    IntervalField from = intervalField(peek());
    if (from == null) {
      return null;
    }
    next();
    Integer precision = null;
    IntervalField to = null;
    if (from == IntervalField.SECOND && is(Kind.LPAREN)) {
      next();
      precision = intLiteral();
      expect(Kind.RPAREN);
    } else if (isKw("to") && intervalField(peek(1)) != null) {
      next();
      to = intervalField(next());
      if (to == IntervalField.SECOND && is(Kind.LPAREN)) {
        next();
        precision = intLiteral();
        expect(Kind.RPAREN);
      }
    }
    return new IntervalQualifier(from, to, precision);
  }

  static IntervalField intervalField(Token t) {
    if (t.kind() != Kind.WORD) {
      return null;
    }
    return switch (t.value()) {
      case "year" -> IntervalField.YEAR;
      case "month" -> IntervalField.MONTH;
      case "day" -> IntervalField.DAY;
      case "hour" -> IntervalField.HOUR;
      case "minute" -> IntervalField.MINUTE;
      case "second" -> IntervalField.SECOND;
      default -> null;
    };
  }

  /** EXTRACT, POSITION, SUBSTRING, TRIM and OVERLAY with their keyword syntax. */
  private Expr parseSpecialFunction(Pos pos, String name) {
    int save = p;
    next();
    next(); // (
    switch (name) {
      case "extract" -> {
        Token f = next();
        String field =
            switch (f.kind()) {
              case WORD, QUOTED_IDENT, STRING -> f.value().toUpperCase(Locale.ROOT);
              default -> throw unexpected(f);
            };
        expectKw("from");
        Expr source = parseExpr();
        expect(Kind.RPAREN);
        return new Expr.Extract(pos, field, source);
      }
      case "position" -> {
        Expr needle = parseExpr(Precedence.LIKE_IN_BETWEEN);
        if (acceptKw("in")) {
          Expr haystack = parseExpr(Precedence.LIKE_IN_BETWEEN);
          expect(Kind.RPAREN);
          return new Expr.Position(pos, needle, haystack);
        }
      }
      case "substring" -> {
        Expr string = parseExpr();
        if (isKw("from") || isKw("for")) {
          Expr start = null;
          Expr length = null;
          if (acceptKw("from")) {
            start = parseExpr();
            if (acceptKw("for")) {
              length = parseExpr();
            }
          } else {
            expectKw("for");
            length = parseExpr();
            if (acceptKw("from")) {
              start = parseExpr();
            }
          }
          expect(Kind.RPAREN);
          return new Expr.Substring(pos, string, start, length);
        }
      }
      case "trim" -> {
        Expr.TrimSide side = Expr.TrimSide.BOTH;
        if (acceptKw("leading")) {
          side = Expr.TrimSide.LEADING;
        } else if (acceptKw("trailing")) {
          side = Expr.TrimSide.TRAILING;
        } else {
          acceptKw("both");
        }
        Expr characters = null;
        Expr string;
        if (acceptKw("from")) {
          string = parseExpr();
        } else {
          Expr first = parseExpr();
          if (acceptKw("from")) {
            characters = first;
            string = parseExpr();
          } else {
            string = first;
          }
        }
        if (characters == null && accept(Kind.COMMA)) {
          characters = parseExpr();
        }
        expect(Kind.RPAREN);
        return new Expr.Trim(pos, side, characters, string);
      }
      case "overlay" -> {
        Expr string = parseExpr();
        if (acceptKw("placing")) {
          Expr replacement = parseExpr();
          expectKw("from");
          Expr start = parseExpr();
          Expr length = acceptKw("for") ? parseExpr() : null;
          expect(Kind.RPAREN);
          return new Expr.Overlay(pos, string, replacement, start, length);
        }
      }
      default -> {}
    }
    // the plain call syntax: substring(s, 1, 2), overlay(a, b, c)
    p = save;
    next();
    return parseCall(pos, new ObjectName(pos, List.of(name)));
  }

  // ---- data types

  /** A type with any array suffixes: {@code int[]}, {@code varchar[][]}, {@code int ARRAY}. */
  final DataType parseDataType() {
    enter();
    Pos pos = pos();
    DataType type = parseBaseType();
    int dimensions = 0;
    while (true) {
      if (is(Kind.LBRACKET)) {
        next();
        if (is(Kind.NUMBER)) {
          intLiteral();
        }
        expect(Kind.RBRACKET);
      } else if (isKw("array")) {
        next();
        if (accept(Kind.LBRACKET)) {
          if (is(Kind.NUMBER)) {
            intLiteral();
          }
          expect(Kind.RBRACKET);
        }
      } else {
        break;
      }
      type = new DataType.Array(pos, type);
      enter();
      dimensions++;
    }
    leave(dimensions + 1);
    return type;
  }

  private static final Set<String> COL_NAME_TYPES =
      Set.of(
          "bigint",
          "bit",
          "boolean",
          "char",
          "character",
          "dec",
          "decimal",
          "float",
          "int",
          "integer",
          "interval",
          "national",
          "nchar",
          "numeric",
          "real",
          "smallint",
          "time",
          "timestamp",
          "varchar");

  /** A type without array suffixes. */
  final DataType parseBaseType() {
    Token t = peek();
    Pos pos = pos(t);
    if (t.kind() == Kind.QUOTED_IDENT) {
      return namedType(pos);
    }
    if (t.kind() != Kind.WORD) {
      throw unexpected();
    }
    String w = t.value();
    switch (w) {
      case "double" -> {
        next();
        return new DataType.Named(
            pos, null, acceptKw("precision") ? "double precision" : "double", List.of());
      }
      case "character", "char", "nchar", "national", "varchar", "bit" -> {
        next();
        StringBuilder name = new StringBuilder(w);
        if (w.equals("national")) {
          Token c = next();
          if (!c.isWord("character") && !c.isWord("char")) {
            throw unexpected(c);
          }
          name.append(' ').append(c.value());
        }
        if (!w.equals("varchar") && acceptKw("varying")) {
          name.append(" varying");
        }
        return new DataType.Named(pos, null, name.toString(), typeModifiers());
      }
      case "time", "timestamp" -> {
        next();
        List<Integer> modifiers = typeModifiers();
        String name = w;
        if (acceptKws("with", "time", "zone")) {
          name = w + " with time zone";
        } else if (acceptKws("without", "time", "zone")) {
          name = w + " without time zone";
        }
        return new DataType.Named(pos, null, name, modifiers);
      }
      case "interval" -> {
        next();
        StringBuilder name = new StringBuilder("interval");
        IntervalField from = intervalField(peek());
        if (from != null) {
          name.append(' ').append(next().value());
          if (isKw("to") && intervalField(peek(1)) != null) {
            next();
            name.append(" to ").append(next().value());
          }
        }
        return new DataType.Named(pos, null, name.toString(), typeModifiers());
      }
      case "struct" -> {
        if (peek(1).is(Kind.OP) && peek(1).value().startsWith("<")) {
          next();
          return structType(pos);
        }
      }
      case "map" -> {
        if (peek(1).is(Kind.LPAREN)) {
          next();
          next();
          DataType key = parseDataType();
          expect(Kind.COMMA);
          DataType value = parseDataType();
          expect(Kind.RPAREN);
          return new DataType.Map(pos, key, value);
        }
      }
      default -> {}
    }
    if (Keywords.isReserved(w) || (Keywords.COL_NAME.contains(w) && !COL_NAME_TYPES.contains(w))) {
      throw unexpected();
    }
    return namedType(pos);
  }

  private DataType namedType(Pos pos) {
    String schema = null;
    String name = next().value();
    if (is(Kind.DOT) && isName(peek(1))) {
      next();
      schema = name;
      name = next().value();
    }
    return new DataType.Named(pos, schema, name, typeModifiers());
  }

  /** {@code (n [, m ...])} after a type name, if it follows. */
  private List<Integer> typeModifiers() {
    boolean numberFollows =
        peek(1).is(Kind.NUMBER) || (peek(1).isOp("-") && peek(2).is(Kind.NUMBER));
    if (!is(Kind.LPAREN) || !numberFollows) {
      return List.of();
    }
    next();
    List<Integer> modifiers = new ArrayList<>();
    do {
      boolean negative = acceptOp("-");
      int v = intLiteral();
      modifiers.add(negative ? -v : v);
    } while (accept(Kind.COMMA));
    expect(Kind.RPAREN);
    return modifiers;
  }

  private DataType structType(Pos pos) {
    splitFirstChar(); // "<", or the start of "<>" or "<>>"
    List<DataType.Field> fields = new ArrayList<>();
    enter();
    if (!closeAngle()) {
      do {
        Pos at = pos();
        String name = colLabel();
        fields.add(new DataType.Field(at, name, parseDataType()));
      } while (accept(Kind.COMMA));
      if (!closeAngle()) {
        throw unexpected();
      }
    }
    leave();
    return new DataType.Struct(pos, fields);
  }

  /** Consumes one {@code >}, splitting {@code >>} and the like (nested struct types). */
  private boolean closeAngle() {
    Token t = peek();
    if (t.kind() != Kind.OP || !t.value().startsWith(">")) {
      return false;
    }
    splitFirstChar();
    return true;
  }

  /** Consumes the first character of the operator token at the cursor. */
  private void splitFirstChar() {
    Token t = peek();
    if (t.value().length() == 1) {
      next();
    } else {
      toks[p] = new Token(Kind.OP, t.value().substring(1), t.start() + 1, t.end());
    }
  }
}
