package dev.patina.stream.sql;

import dev.patina.stream.sql.Select.GroupingElement;
import dev.patina.stream.sql.Select.NamedWindow;
import dev.patina.stream.sql.Select.SelectItem;
import dev.patina.stream.sql.SetExpr.SetOperator;
import dev.patina.stream.sql.TableRef.JoinCondition;
import dev.patina.stream.sql.TableRef.JoinKind;
import dev.patina.stream.sql.Token.Kind;
import java.util.ArrayList;
import java.util.List;

/** Queries: WITH, set operations, SELECT, VALUES, FROM with joins, ORDER BY, LIMIT. */
abstract class QueryParser extends ExprParser {

  QueryParser(SourceText src, List<Token> tokens) {
    super(src, tokens);
  }

  @Override
  final Query parseQuery() {
    enter(QUERY_LEVELS);
    Pos pos = pos();
    Query.With with = isKw("with") ? parseWith() : null;
    SetExpr body = parseSetExpr(0);
    Query q = parseQueryTail(pos, with, body);
    leave(QUERY_LEVELS);
    return q;
  }

  @Override
  final Query parseQueryRest(Pos pos, SetExpr left) {
    enter(QUERY_LEVELS);
    Query q = parseQueryTail(pos, null, parseSetExprRest(left, 0));
    leave(QUERY_LEVELS);
    return q;
  }

  private Query.With parseWith() {
    Pos pos = pos(next());
    boolean recursive = acceptKw("recursive");
    List<Query.Cte> ctes = new ArrayList<>();
    do {
      Pos at = pos();
      String name = colId();
      List<String> columns = is(Kind.LPAREN) ? parenNameList() : List.of();
      expectKw("as");
      if (acceptKws("changelog", "from")) {
        ctes.add(new Query.Cte(at, name, columns, null, null, objectName()));
        continue;
      }
      Boolean materialized = null;
      if (acceptKw("materialized")) {
        materialized = true;
      } else if (acceptKws("not", "materialized")) {
        materialized = false;
      }
      expect(Kind.LPAREN);
      Query q = parseQuery();
      expect(Kind.RPAREN);
      ctes.add(new Query.Cte(at, name, columns, materialized, q, null));
    } while (accept(Kind.COMMA));
    return new Query.With(pos, recursive, ctes);
  }

  private Query parseQueryTail(Pos pos, Query.With with, SetExpr body) {
    List<OrderByItem> orderBy = List.of();
    if (acceptKws("order", "by")) {
      orderBy = parseOrderByList();
    }
    Expr limit = null;
    Expr offset = null;
    Query.Fetch fetch = null;
    boolean limitSeen = false;
    while (true) {
      if (!limitSeen && fetch == null && isKw("limit")) {
        next();
        limitSeen = true;
        if (!acceptKw("all")) {
          limit = parseExpr();
        }
      } else if (offset == null && isKw("offset")) {
        next();
        offset = parseExpr();
        if (!acceptKw("rows")) {
          acceptKw("row");
        }
      } else if (!limitSeen && fetch == null && isKw("fetch")) {
        Pos at = pos(next());
        if (!acceptKw("first")) {
          expectKw("next");
        }
        Expr count = null;
        if (!isKw("row") && !isKw("rows")) {
          count = parseExpr();
        }
        if (!acceptKw("rows")) {
          expectKw("row");
        }
        boolean withTies;
        if (acceptKw("only")) {
          withTies = false;
        } else {
          expectKws("with", "ties");
          withTies = true;
        }
        fetch = new Query.Fetch(at, count, withTies);
      } else {
        break;
      }
    }
    return new Query(pos, with, body, orderBy, limit, offset, fetch);
  }

  private SetExpr parseSetExpr(int minPrecedence) {
    return parseSetExprRest(parseSetPrimary(), minPrecedence);
  }

  private static int setPrecedence(Token t) {
    if (t.isWord("union") || t.isWord("except")) {
      return 1;
    }
    return t.isWord("intersect") ? 2 : 0;
  }

  private SetExpr parseSetExprRest(SetExpr left, int minPrecedence) {
    int steps = 0;
    while (setPrecedence(peek()) > minPrecedence) {
      checkChain(++steps);
      Token t = next();
      int precedence = setPrecedence(t);
      SetOperator op = SetOperator.valueOf(t.value().toUpperCase(java.util.Locale.ROOT));
      boolean all = acceptKw("all");
      if (!all) {
        acceptKw("distinct");
      }
      List<String> corresponding = null;
      if (acceptKw("corresponding")) {
        corresponding = acceptKw("by") ? parenNameList() : List.of();
      }
      enter();
      SetExpr right = parseSetExpr(precedence);
      leave();
      left = new SetExpr.SetOperation(pos(t), op, all, corresponding, left, right);
    }
    return left;
  }

  private SetExpr parseSetPrimary() {
    if (isKw("select")) {
      return parseSelect();
    }
    if (isKw("values")) {
      return parseValues();
    }
    if (is(Kind.LPAREN)) {
      next();
      Query q = parseQuery();
      expect(Kind.RPAREN);
      return bodyOf(q);
    }
    throw unexpected();
  }

  private SetExpr.Values parseValues() {
    Pos pos = pos(next());
    List<List<Expr>> rows = new ArrayList<>();
    do {
      expect(Kind.LPAREN);
      List<Expr> row = new ArrayList<>();
      do {
        row.add(parseExpr());
      } while (accept(Kind.COMMA));
      expect(Kind.RPAREN);
      rows.add(row);
    } while (accept(Kind.COMMA));
    return new SetExpr.Values(pos, rows);
  }

  private Select parseSelect() {
    Pos pos = pos(next());
    boolean distinct = false;
    List<Expr> distinctOn = List.of();
    if (acceptKw("distinct")) {
      distinct = true;
      if (acceptKw("on")) {
        expect(Kind.LPAREN);
        distinctOn = parseExprList();
        expect(Kind.RPAREN);
      }
    } else {
      acceptKw("all");
    }
    List<SelectItem> items = new ArrayList<>();
    if (!isSelectListEnd(peek())) {
      items = parseSelectItems();
    }
    List<TableRef> from = new ArrayList<>();
    if (acceptKw("from")) {
      do {
        from.add(parseTableRef());
      } while (accept(Kind.COMMA));
    }
    Expr where = acceptKw("where") ? parseExpr() : null;
    List<GroupingElement> groupBy = new ArrayList<>();
    if (acceptKws("group", "by")) {
      if (!acceptKw("all")) {
        acceptKw("distinct");
      }
      do {
        groupBy.add(parseGroupingElement(false));
      } while (accept(Kind.COMMA));
    }
    Expr having = acceptKw("having") ? parseExpr() : null;
    List<NamedWindow> windows = new ArrayList<>();
    if (acceptKw("window")) {
      do {
        Pos at = pos();
        String name = colId();
        expectKw("as");
        windows.add(new NamedWindow(at, name, parseWindowSpec()));
      } while (accept(Kind.COMMA));
    }
    return new Select(pos, distinct, distinctOn, items, from, where, groupBy, having, windows);
  }

  private static boolean isSelectListEnd(Token t) {
    return switch (t.kind()) {
      case EOF, SEMICOLON, RPAREN -> true;
      case WORD ->
          switch (t.value()) {
            case "from",
                "where",
                "group",
                "having",
                "window",
                "union",
                "intersect",
                "except",
                "order",
                "limit",
                "offset",
                "fetch",
                "into",
                "emit" ->
                true;
            default -> false;
          };
      default -> false;
    };
  }

  final List<Expr> parseExprList() {
    List<Expr> list = new ArrayList<>();
    do {
      list.add(parseExpr());
    } while (accept(Kind.COMMA));
    return list;
  }

  final List<SelectItem> parseSelectItems() {
    List<SelectItem> items = new ArrayList<>();
    do {
      items.add(parseSelectItem());
    } while (accept(Kind.COMMA));
    return items;
  }

  private SelectItem parseSelectItem() {
    Pos pos = pos();
    if (isOp("*")) {
      next();
      return new SelectItem.Wildcard(pos, null, parseWildcardExcept());
    }
    // name.*, name.name.*
    int k = 0;
    while (isName(peek(k)) && peek(k + 1).is(Kind.DOT)) {
      k += 2;
    }
    if (k > 0 && peek(k).isOp("*") && isColId(peek())) {
      List<String> parts = new ArrayList<>();
      for (int j = 0; j < k; j += 2) {
        parts.add(next().value());
        next();
      }
      next(); // *
      return new SelectItem.Wildcard(pos, new ObjectName(pos, parts), parseWildcardExcept());
    }
    Expr expr = parseExpr();
    if (is(Kind.DOT) && peek(1).isOp("*")) {
      next();
      next();
      return new SelectItem.ExprWildcard(pos, expr);
    }
    String alias = null;
    if (acceptKw("as")) {
      alias = colLabel();
    } else if (isBareAlias(peek())) {
      alias = next().value();
    }
    return new SelectItem.ExprItem(pos, expr, alias);
  }

  private List<Expr> parseWildcardExcept() {
    if (isKw("except") && peek(1).is(Kind.LPAREN) && !isQueryStart(peek(2))) {
      next();
      next();
      List<Expr> except = parseExprList();
      expect(Kind.RPAREN);
      return except;
    }
    return List.of();
  }

  private static boolean isBareAlias(Token t) {
    return t.kind() == Kind.QUOTED_IDENT
        || (t.kind() == Kind.WORD
            && Keywords.isColId(t.value())
            && !Keywords.NOT_BARE_ALIAS.contains(t.value()));
  }

  @Override
  final List<OrderByItem> parseOrderByList() {
    List<OrderByItem> items = new ArrayList<>();
    do {
      items.add(parseOrderByItem());
    } while (accept(Kind.COMMA));
    return items;
  }

  final OrderByItem parseOrderByItem() {
    Pos pos = pos();
    Expr expr = parseExpr();
    boolean descending = false;
    if (acceptKw("desc")) {
      descending = true;
    } else {
      acceptKw("asc");
    }
    OrderByItem.NullsOrder nulls = OrderByItem.NullsOrder.DEFAULT;
    if (acceptKws("nulls", "first")) {
      nulls = OrderByItem.NullsOrder.FIRST;
    } else if (acceptKws("nulls", "last")) {
      nulls = OrderByItem.NullsOrder.LAST;
    }
    return new OrderByItem(pos, expr, descending, nulls);
  }

  private GroupingElement parseGroupingElement(boolean insideSets) {
    Pos pos = pos();
    if (is(Kind.LPAREN) && peek(1).is(Kind.RPAREN)) {
      next();
      next();
      return new GroupingElement.Set(pos, List.of());
    }
    if ((isKw("rollup") || isKw("cube")) && peek(1).is(Kind.LPAREN)) {
      boolean rollup = next().isWord("rollup");
      next();
      List<GroupingElement> elements = new ArrayList<>();
      do {
        elements.add(groupingSetItem());
      } while (accept(Kind.COMMA));
      expect(Kind.RPAREN);
      return rollup
          ? new GroupingElement.Rollup(pos, elements)
          : new GroupingElement.Cube(pos, elements);
    }
    if (isKw("grouping") && isKw(1, "sets") && peek(2).is(Kind.LPAREN)) {
      next();
      next();
      next();
      enter();
      List<GroupingElement> elements = new ArrayList<>();
      do {
        elements.add(parseGroupingElement(true));
      } while (accept(Kind.COMMA));
      expect(Kind.RPAREN);
      leave();
      return new GroupingElement.GroupingSets(pos, elements);
    }
    if (insideSets) {
      return groupingSetItem();
    }
    return new GroupingElement.Item(pos, parseExpr());
  }

  /** An element of ROLLUP, CUBE or GROUPING SETS: {@code ()}, {@code (a, b)} or {@code a}. */
  private GroupingElement groupingSetItem() {
    Pos pos = pos();
    if (is(Kind.LPAREN) && peek(1).is(Kind.RPAREN)) {
      next();
      next();
      return new GroupingElement.Set(pos, List.of());
    }
    Expr e = parseExpr();
    if (e instanceof Expr.Row row && row.fields().size() != 1) {
      return new GroupingElement.Set(pos, row.fields());
    }
    return new GroupingElement.Item(pos, e);
  }

  // ---- FROM

  final TableRef parseTableRef() {
    TableRef left = parseTablePrimary();
    int steps = 0;
    while (true) {
      Token t = peek();
      Pos pos = pos(t);
      JoinKind kind;
      boolean natural = false;
      if (isKw("cross") && isKw(1, "join")) {
        next();
        next();
        checkChain(++steps);
        TableRef right = parseTablePrimary();
        left = new TableRef.Join(pos, left, JoinKind.CROSS, right, new JoinCondition.None());
        continue;
      }
      if (isKw("natural")) {
        next();
        natural = true;
      }
      if (acceptKw("join")) {
        kind = JoinKind.INNER;
      } else if (acceptKws("inner", "join")) {
        kind = JoinKind.INNER;
      } else if (isKw("left") || isKw("right") || isKw("full")) {
        String side = next().value();
        acceptKw("outer");
        expectKw("join");
        kind =
            switch (side) {
              case "left" -> JoinKind.LEFT;
              case "right" -> JoinKind.RIGHT;
              default -> JoinKind.FULL;
            };
      } else if (!natural && isKw("asof")) {
        next();
        if (acceptKw("left")) {
          acceptKw("outer");
          kind = JoinKind.ASOF_LEFT;
        } else {
          acceptKw("inner");
          kind = JoinKind.ASOF_INNER;
        }
        expectKw("join");
      } else {
        if (natural) {
          throw unexpected();
        }
        return left;
      }
      checkChain(++steps);
      TableRef right = parseTablePrimary();
      JoinCondition condition;
      if (natural) {
        condition = new JoinCondition.Natural();
      } else if (acceptKw("on")) {
        condition = new JoinCondition.On(parseExpr());
      } else if (isKw("using")) {
        next();
        condition = new JoinCondition.Using(parenNameList());
      } else {
        throw unexpected();
      }
      left = new TableRef.Join(pos, left, kind, right, condition);
    }
  }

  private TableRef parseTablePrimary() {
    enter();
    Pos pos = pos();
    boolean lateral = acceptKw("lateral");
    TableRef ref;
    if (is(Kind.LPAREN)) {
      ref = parenthesizedTable(pos, lateral);
    } else {
      ObjectName name = objectName();
      if (is(Kind.LPAREN)) {
        Expr.FunctionCall call = parseCall(name.pos(), name);
        boolean ordinality = acceptKws("with", "ordinality");
        ref = new TableRef.Function(pos, lateral, call, ordinality, parseTableAlias());
      } else {
        if (lateral) {
          throw unexpected();
        }
        Expr asOf = null;
        if (isKw("for") && isKw(1, "system_time")) {
          next();
          next();
          expectKws("as", "of");
          asOf = parseExpr();
        }
        ref = new TableRef.Table(pos, name, asOf, parseTableAlias());
      }
    }
    leave();
    return ref;
  }

  private TableRef parenthesizedTable(Pos pos, boolean lateral) {
    if (isQueryStart(peek(1)) || lateral) {
      next();
      Query q = parseQuery();
      expect(Kind.RPAREN);
      return new TableRef.Derived(pos, lateral, q, parseTableAlias());
    }
    if (peek(1).is(Kind.LPAREN)) {
      // ((SELECT ...) UNION ...) or ((a JOIN b) JOIN c): try the query first
      int saveP = p;
      int saveDepth = depth;
      try {
        next();
        Query q = parseQuery();
        expect(Kind.RPAREN);
        return new TableRef.Derived(pos, false, q, parseTableAlias());
      } catch (ParseException e) {
        if (e.sqlState().equals(ParseException.STATEMENT_TOO_COMPLEX)) {
          throw e;
        }
        p = saveP;
        depth = saveDepth;
      }
    }
    next();
    TableRef inner = parseTableRef();
    expect(Kind.RPAREN);
    return inner;
  }

  private TableRef.Alias parseTableAlias() {
    Pos pos = pos();
    String name;
    if (acceptKw("as")) {
      name = colId();
    } else if (isBareAlias(peek())) {
      name = next().value();
    } else {
      return null;
    }
    List<String> columns = is(Kind.LPAREN) ? parenNameList() : List.of();
    return new TableRef.Alias(pos, name, columns);
  }
}
