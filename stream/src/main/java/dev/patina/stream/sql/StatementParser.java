package dev.patina.stream.sql;

import dev.patina.stream.sql.Select.SelectItem;
import dev.patina.stream.sql.Statement.ColumnConstraint;
import dev.patina.stream.sql.Statement.ColumnConstraintKind;
import dev.patina.stream.sql.Statement.ColumnDef;
import dev.patina.stream.sql.Statement.FormatEncode;
import dev.patina.stream.sql.Statement.ObjectKind;
import dev.patina.stream.sql.Statement.ShowKind;
import dev.patina.stream.sql.Statement.SqlOption;
import dev.patina.stream.sql.Statement.TableConstraint;
import dev.patina.stream.sql.Statement.TableConstraintKind;
import dev.patina.stream.sql.Statement.Watermark;
import dev.patina.stream.sql.Token.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Statements: DDL, DML, session and transaction control, SHOW, EXPLAIN. */
final class StatementParser extends QueryParser {

  StatementParser(SourceText src, List<Token> tokens) {
    super(src, tokens);
  }

  /** A script: statements separated by semicolons; empty statements are skipped. */
  List<Statement> parseScript() {
    List<Statement> statements = new ArrayList<>();
    while (true) {
      while (accept(Kind.SEMICOLON)) {
        // empty statement
      }
      if (is(Kind.EOF)) {
        return statements;
      }
      statements.add(parseStatement());
      if (!is(Kind.EOF) && !is(Kind.SEMICOLON)) {
        throw unexpected();
      }
    }
  }

  Statement parseStatement() {
    Token t = peek();
    Pos pos = pos(t);
    if (t.is(Kind.LPAREN)) {
      return parseQuery();
    }
    if (t.kind() != Kind.WORD) {
      throw unexpected();
    }
    switch (t.value()) {
      case "select", "with", "values" -> {
        return parseQuery();
      }
      case "create" -> {
        return parseCreate();
      }
      case "drop" -> {
        return parseDrop();
      }
      case "insert" -> {
        return parseInsert();
      }
      case "update" -> {
        return parseUpdate();
      }
      case "delete" -> {
        return parseDelete();
      }
      case "flush" -> {
        next();
        return new Statement.Flush(pos);
      }
      case "recover" -> {
        next();
        return new Statement.Recover(pos);
      }
      case "set" -> {
        return parseSet();
      }
      case "show" -> {
        return parseShow();
      }
      case "describe" -> {
        next();
        return new Statement.Describe(pos, objectName());
      }
      case "explain" -> {
        return parseExplain();
      }
      case "begin" -> {
        next();
        if (!acceptKw("work")) {
          acceptKw("transaction");
        }
        return new Statement.StartTransaction(pos, transactionModes());
      }
      case "start" -> {
        next();
        expectKw("transaction");
        return new Statement.StartTransaction(pos, transactionModes());
      }
      case "commit", "end" -> {
        next();
        workAndChain();
        return new Statement.Commit(pos);
      }
      case "rollback", "abort" -> {
        next();
        workAndChain();
        return new Statement.Rollback(pos);
      }
      default -> throw unexpected();
    }
  }

  private void workAndChain() {
    if (!acceptKw("work")) {
      acceptKw("transaction");
    }
    if (acceptKw("and")) {
      acceptKw("no");
      expectKw("chain");
    }
  }

  private List<String> transactionModes() {
    List<String> modes = new ArrayList<>();
    while (true) {
      if (acceptKws("isolation", "level")) {
        String level;
        if (acceptKw("serializable")) {
          level = "SERIALIZABLE";
        } else if (acceptKws("repeatable", "read")) {
          level = "REPEATABLE READ";
        } else if (acceptKws("read", "committed")) {
          level = "READ COMMITTED";
        } else {
          expectKws("read", "uncommitted");
          level = "READ UNCOMMITTED";
        }
        modes.add("ISOLATION LEVEL " + level);
      } else if (acceptKws("read", "only")) {
        modes.add("READ ONLY");
      } else if (acceptKws("read", "write")) {
        modes.add("READ WRITE");
      } else if (acceptKws("not", "deferrable")) {
        modes.add("NOT DEFERRABLE");
      } else if (acceptKw("deferrable")) {
        modes.add("DEFERRABLE");
      } else {
        return modes;
      }
      accept(Kind.COMMA);
    }
  }

  // ---- CREATE

  private Statement parseCreate() {
    Pos pos = pos(next());
    boolean orReplace = acceptKws("or", "replace");
    boolean temporary = acceptKw("temporary") || acceptKw("temp");
    if (acceptKw("table")) {
      return createTable(pos, orReplace, temporary);
    }
    if (acceptKw("view")) {
      return createView(pos, false, orReplace);
    }
    if (acceptKws("materialized", "view")) {
      return createView(pos, true, orReplace);
    }
    if (orReplace || temporary) {
      throw unexpected();
    }
    if (acceptKw("source")) {
      return createSource(pos);
    }
    if (acceptKw("sink")) {
      return createSink(pos);
    }
    if (acceptKw("index")) {
      return createIndex(pos, false);
    }
    if (acceptKws("unique", "index")) {
      return createIndex(pos, true);
    }
    if (acceptKw("schema")) {
      boolean ifNotExists = ifNotExists();
      ObjectName name = objectName();
      String owner = acceptKw("authorization") ? colId() : null;
      return new Statement.CreateSchema(pos, name, ifNotExists, owner);
    }
    if (acceptKw("database")) {
      boolean ifNotExists = ifNotExists();
      return new Statement.CreateDatabase(pos, objectName(), ifNotExists);
    }
    throw unexpected();
  }

  private boolean ifNotExists() {
    return acceptKws("if", "not", "exists");
  }

  /** Columns, constraints, watermarks and a {@code *} of a table or source. */
  private record Elements(
      List<ColumnDef> columns,
      List<TableConstraint> constraints,
      List<Watermark> watermarks,
      boolean wildcard) {}

  private Elements tableElements() {
    List<ColumnDef> columns = new ArrayList<>();
    List<TableConstraint> constraints = new ArrayList<>();
    List<Watermark> watermarks = new ArrayList<>();
    boolean wildcard = false;
    if (!accept(Kind.LPAREN)) {
      return new Elements(columns, constraints, watermarks, false);
    }
    if (accept(Kind.RPAREN)) {
      return new Elements(columns, constraints, watermarks, false);
    }
    while (true) {
      Token t = peek();
      if (t.isOp("*") && !wildcard) {
        next();
        wildcard = true;
      } else if (t.isWord("constraint")
          || t.isWord("primary")
          || t.isWord("unique")
          || t.isWord("check")
          || t.isWord("foreign")) {
        constraints.add(tableConstraint());
      } else if (t.isWord("watermark") && isKw(1, "for")) {
        Pos pos = pos(next());
        next();
        String column = colId();
        expectKw("as");
        Expr expr = parseExpr();
        boolean ttl = acceptKws("with", "ttl");
        watermarks.add(new Watermark(pos, column, expr, ttl));
      } else {
        columns.add(columnDef());
      }
      boolean comma = accept(Kind.COMMA);
      if (accept(Kind.RPAREN)) {
        break; // RisingWave allows a trailing comma
      }
      if (!comma) {
        throw unexpected();
      }
    }
    return new Elements(columns, constraints, watermarks, wildcard);
  }

  private ColumnDef columnDef() {
    Pos pos = pos();
    String name = colId();
    DataType type = null;
    Token t = peek();
    if (t.kind() == Kind.QUOTED_IDENT
        || (t.kind() == Kind.WORD && !Keywords.isReserved(t.value()))) {
      type = parseDataType();
    }
    List<ColumnConstraint> constraints = new ArrayList<>();
    while (true) {
      Pos at = pos();
      String constraintName = acceptKw("constraint") ? colId() : null;
      ColumnConstraintKind kind;
      Expr expr = null;
      if (acceptKws("not", "null")) {
        kind = ColumnConstraintKind.NOT_NULL;
      } else if (acceptKw("null")) {
        kind = ColumnConstraintKind.NULL;
      } else if (acceptKws("primary", "key")) {
        kind = ColumnConstraintKind.PRIMARY_KEY;
      } else if (acceptKw("unique")) {
        kind = ColumnConstraintKind.UNIQUE;
      } else if (acceptKw("default")) {
        kind = ColumnConstraintKind.DEFAULT;
        expr = parseExpr(Precedence.IS);
      } else if (acceptKw("check")) {
        kind = ColumnConstraintKind.CHECK;
        expect(Kind.LPAREN);
        expr = parseExpr();
        expect(Kind.RPAREN);
      } else if (acceptKw("as")) {
        kind = ColumnConstraintKind.GENERATED;
        expr = parseExpr();
      } else {
        if (constraintName != null) {
          throw unexpected();
        }
        break;
      }
      constraints.add(new ColumnConstraint(at, constraintName, kind, expr));
    }
    if (type == null
        && constraints.stream().noneMatch(c -> c.kind() == ColumnConstraintKind.GENERATED)) {
      throw unexpected();
    }
    return new ColumnDef(pos, name, type, constraints);
  }

  private TableConstraint tableConstraint() {
    Pos pos = pos();
    String name = acceptKw("constraint") ? colId() : null;
    if (acceptKws("primary", "key")) {
      return new TableConstraint(pos, name, TableConstraintKind.PRIMARY_KEY, parenNameList(), null);
    }
    if (acceptKw("unique")) {
      return new TableConstraint(pos, name, TableConstraintKind.UNIQUE, parenNameList(), null);
    }
    if (acceptKw("check")) {
      expect(Kind.LPAREN);
      Expr check = parseExpr();
      expect(Kind.RPAREN);
      return new TableConstraint(pos, name, TableConstraintKind.CHECK, List.of(), check);
    }
    throw unexpected();
  }

  private Statement createTable(Pos pos, boolean orReplace, boolean temporary) {
    boolean ifNotExists = ifNotExists();
    ObjectName name = objectName();
    Elements elements = tableElements();
    boolean appendOnly = acceptKws("append", "only");
    Statement.OnConflict onConflict = null;
    if (acceptKws("on", "conflict")) {
      if (acceptKw("overwrite") || acceptKws("do", "update", "full")) {
        onConflict = Statement.OnConflict.UPDATE_FULL;
      } else if (acceptKw("ignore") || acceptKws("do", "nothing")) {
        onConflict = Statement.OnConflict.NOTHING;
      } else {
        expectKws("do", "update", "if", "not", "null");
        onConflict = Statement.OnConflict.UPDATE_IF_NOT_NULL;
      }
    }
    List<String> versionColumns = List.of();
    if (acceptKws("with", "version", "column")) {
      versionColumns = parenNameList();
    }
    List<SqlOption> with = withOptions();
    FormatEncode formatEncode = formatEncode();
    Query asQuery = acceptKw("as") ? parseQuery() : null;
    return new Statement.CreateTable(
        pos,
        name,
        orReplace,
        temporary,
        ifNotExists,
        elements.columns(),
        elements.constraints(),
        elements.watermarks(),
        elements.wildcard(),
        appendOnly,
        onConflict,
        versionColumns,
        with,
        formatEncode,
        asQuery);
  }

  private Statement createView(Pos pos, boolean materialized, boolean orReplace) {
    boolean ifNotExists = ifNotExists();
    ObjectName name = objectName();
    List<String> columns = is(Kind.LPAREN) ? parenNameList() : List.of();
    List<SqlOption> with = withOptions();
    expectKw("as");
    Query query = parseQuery();
    Statement.EmitMode emit = materialized ? emitMode() : null;
    return new Statement.CreateView(
        pos, name, materialized, orReplace, ifNotExists, columns, with, query, emit);
  }

  private Statement.EmitMode emitMode() {
    if (!acceptKw("emit")) {
      return null;
    }
    if (acceptKw("immediately")) {
      return Statement.EmitMode.IMMEDIATELY;
    }
    expectKws("on", "window", "close");
    return Statement.EmitMode.ON_WINDOW_CLOSE;
  }

  private Statement createSource(Pos pos) {
    boolean ifNotExists = ifNotExists();
    ObjectName name = objectName();
    Elements elements = tableElements();
    List<SqlOption> with = withOptions();
    FormatEncode formatEncode = formatEncode();
    return new Statement.CreateSource(
        pos,
        name,
        ifNotExists,
        elements.columns(),
        elements.constraints(),
        elements.watermarks(),
        elements.wildcard(),
        with,
        formatEncode);
  }

  private Statement createSink(Pos pos) {
    boolean ifNotExists = ifNotExists();
    ObjectName name = objectName();
    ObjectName into = null;
    List<String> intoColumns = List.of();
    if (acceptKw("into")) {
      into = objectName();
      if (is(Kind.LPAREN)) {
        intoColumns = parenNameList();
      }
    }
    ObjectName from = null;
    Query asQuery = null;
    if (acceptKw("from")) {
      from = objectName();
    } else {
      expectKw("as");
      asQuery = parseQuery();
    }
    Statement.EmitMode emit = emitMode();
    List<SqlOption> with = withOptions();
    FormatEncode formatEncode = formatEncode();
    return new Statement.CreateSink(
        pos, name, ifNotExists, into, intoColumns, from, asQuery, emit, with, formatEncode);
  }

  private Statement createIndex(Pos pos, boolean unique) {
    boolean ifNotExists = ifNotExists();
    ObjectName name = objectName();
    expectKw("on");
    ObjectName table = objectName();
    String method = acceptKw("using") ? colId() : null;
    expect(Kind.LPAREN);
    List<OrderByItem> columns = parseOrderByList();
    expect(Kind.RPAREN);
    List<String> include = acceptKw("include") ? parenNameList() : List.of();
    List<Expr> distributedBy = List.of();
    if (acceptKws("distributed", "by")) {
      expect(Kind.LPAREN);
      distributedBy = parseExprList();
      expect(Kind.RPAREN);
    }
    List<SqlOption> with = withOptions();
    return new Statement.CreateIndex(
        pos, name, unique, ifNotExists, table, method, columns, include, distributedBy, with);
  }

  /** {@code WITH (name = value, ...)} if it follows. */
  private List<SqlOption> withOptions() {
    if (isKw("with") && peek(1).is(Kind.LPAREN)) {
      next();
      return options();
    }
    return List.of();
  }

  /** {@code (name = value, ...)}, a trailing comma allowed. */
  private List<SqlOption> options() {
    expect(Kind.LPAREN);
    List<SqlOption> options = new ArrayList<>();
    if (accept(Kind.RPAREN)) {
      return options;
    }
    while (true) {
      Pos pos = pos();
      StringBuilder name = new StringBuilder(colLabel());
      while (accept(Kind.DOT)) {
        name.append('.').append(colLabel());
      }
      expectOp("=");
      options.add(new SqlOption(pos, name.toString(), optionValue()));
      boolean comma = accept(Kind.COMMA);
      if (accept(Kind.RPAREN)) {
        return options;
      }
      if (!comma) {
        throw unexpected();
      }
    }
  }

  private Expr optionValue() {
    Token t = peek();
    Pos pos = pos(t);
    switch (t.kind()) {
      case STRING -> {
        next();
        return new Expr.StringLit(pos, t.value());
      }
      case NUMBER -> {
        next();
        return new Expr.NumberLit(pos, t.value());
      }
      case OP -> {
        if ((t.value().equals("-") || t.value().equals("+")) && peek(1).is(Kind.NUMBER)) {
          next();
          String digits = next().value();
          return new Expr.NumberLit(pos, t.value().equals("-") ? "-" + digits : digits);
        }
        throw unexpected();
      }
      case WORD, QUOTED_IDENT -> {
        if (t.isWord("true") || t.isWord("false")) {
          next();
          return new Expr.BoolLit(pos, t.isWord("true"));
        }
        if (t.isWord("null")) {
          next();
          return new Expr.NullLit(pos);
        }
        List<String> parts = new ArrayList<>();
        parts.add(colLabel());
        while (is(Kind.DOT) && isName(peek(1))) {
          next();
          parts.add(colLabel());
        }
        return new Expr.ColumnRef(pos, parts);
      }
      default -> throw unexpected();
    }
  }

  /** {@code [ROW] FORMAT f ENCODE e [(options)] [KEY ENCODE k]} if it follows. */
  private FormatEncode formatEncode() {
    Pos pos = pos();
    if (!acceptKw("format") && !acceptKws("row", "format")) {
      return null;
    }
    String format = colLabel().toUpperCase(Locale.ROOT);
    expectKw("encode");
    String encode = colLabel().toUpperCase(Locale.ROOT);
    List<SqlOption> options = is(Kind.LPAREN) ? options() : List.of();
    String keyEncode = null;
    if (acceptKws("key", "encode")) {
      keyEncode = colLabel().toUpperCase(Locale.ROOT);
    }
    return new FormatEncode(pos, format, encode, options, keyEncode);
  }

  // ---- DROP

  private Statement parseDrop() {
    Pos pos = pos(next());
    ObjectKind kind = objectKind();
    if (kind == null || kind == ObjectKind.FUNCTION) {
      throw unexpected();
    }
    boolean ifExists = acceptKws("if", "exists");
    List<ObjectName> names = new ArrayList<>();
    do {
      names.add(objectName());
    } while (accept(Kind.COMMA));
    boolean cascade = acceptKw("cascade");
    if (!cascade) {
      acceptKw("restrict");
    }
    return new Statement.Drop(pos, kind, ifExists, names, cascade);
  }

  /** The kind of object named next ({@code TABLE}, {@code MATERIALIZED VIEW} ...), or null. */
  private ObjectKind objectKind() {
    if (acceptKws("materialized", "view")) {
      return ObjectKind.MATERIALIZED_VIEW;
    }
    Token t = peek();
    if (t.kind() != Kind.WORD) {
      return null;
    }
    ObjectKind kind =
        switch (t.value()) {
          case "table" -> ObjectKind.TABLE;
          case "view" -> ObjectKind.VIEW;
          case "index" -> ObjectKind.INDEX;
          case "source" -> ObjectKind.SOURCE;
          case "sink" -> ObjectKind.SINK;
          case "subscription" -> ObjectKind.SUBSCRIPTION;
          case "connection" -> ObjectKind.CONNECTION;
          case "secret" -> ObjectKind.SECRET;
          case "schema" -> ObjectKind.SCHEMA;
          case "database" -> ObjectKind.DATABASE;
          case "function" -> ObjectKind.FUNCTION;
          default -> null;
        };
    if (kind != null) {
      next();
    }
    return kind;
  }

  // ---- DML

  private Statement parseInsert() {
    Pos pos = pos(next());
    expectKw("into");
    ObjectName table = objectName();
    List<String> columns = List.of();
    if (is(Kind.LPAREN) && !isQueryStart(peek(1)) && !peek(1).is(Kind.LPAREN)) {
      columns = parenNameList();
    }
    Query source = null;
    if (!acceptKws("default", "values")) {
      source = parseQuery();
    }
    return new Statement.Insert(pos, table, columns, source, returning());
  }

  private List<SelectItem> returning() {
    return acceptKw("returning") ? parseSelectItems() : List.of();
  }

  private String dmlAlias() {
    if (acceptKw("as")) {
      return colId();
    }
    Token t = peek();
    if (isColId(t) && !(t.kind() == Kind.WORD && Keywords.NOT_BARE_ALIAS.contains(t.value()))) {
      return next().value();
    }
    return null;
  }

  private Statement parseUpdate() {
    Pos pos = pos(next());
    ObjectName table = objectName();
    String alias = dmlAlias();
    expectKw("set");
    List<Statement.Assignment> assignments = new ArrayList<>();
    do {
      Pos at = pos();
      List<String> columns;
      if (is(Kind.LPAREN)) {
        columns = parenNameList();
      } else {
        columns = List.of(colId());
      }
      expectOp("=");
      assignments.add(new Statement.Assignment(at, columns, parseExpr()));
    } while (accept(Kind.COMMA));
    Expr where = acceptKw("where") ? parseExpr() : null;
    return new Statement.Update(pos, table, alias, assignments, where, returning());
  }

  private Statement parseDelete() {
    Pos pos = pos(next());
    expectKw("from");
    ObjectName table = objectName();
    String alias = dmlAlias();
    Expr where = acceptKw("where") ? parseExpr() : null;
    return new Statement.Delete(pos, table, alias, where, returning());
  }

  // ---- SET, SHOW, EXPLAIN

  private Statement parseSet() {
    Pos pos = pos(next());
    boolean local = false;
    if (acceptKw("local")) {
      local = true;
    } else if (isKw("session") && !isKw(1, "to") && !peek(1).isOp("=")) {
      next();
      if (acceptKws("characteristics", "as", "transaction")) {
        return new Statement.SetTransaction(pos, true, transactionModes());
      }
    }
    if (acceptKws("time", "zone")) {
      List<String> values = new ArrayList<>();
      if (!acceptKw("local") && !acceptKw("default")) {
        values.add(setValue());
      }
      return new Statement.SetVariable(pos, local, "timezone", values);
    }
    if (isKw("transaction") && !isKw(1, "to") && !peek(1).isOp("=")) {
      next();
      return new Statement.SetTransaction(pos, false, transactionModes());
    }
    String name = variableName();
    if (!acceptKw("to")) {
      expectOp("=");
    }
    List<String> values = new ArrayList<>();
    if (!acceptKw("default")) {
      do {
        if (isKw("default")) {
          throw unexpected();
        }
        values.add(setValue());
      } while (accept(Kind.COMMA));
    }
    return new Statement.SetVariable(pos, local, name, values);
  }

  private String variableName() {
    StringBuilder name = new StringBuilder(colLabel());
    while (accept(Kind.DOT)) {
      name.append('.').append(colLabel());
    }
    return name.toString();
  }

  private String setValue() {
    Token t = peek();
    switch (t.kind()) {
      case STRING, WORD, QUOTED_IDENT, NUMBER -> {
        if (t.isWord("interval") && peek(1).is(Kind.STRING)) {
          next();
          String value = next().value();
          intervalQualifierSkip();
          return value;
        }
        next();
        return t.value();
      }
      case OP -> {
        if ((t.value().equals("-") || t.value().equals("+")) && peek(1).is(Kind.NUMBER)) {
          next();
          String digits = next().value();
          return t.value().equals("-") ? "-" + digits : digits;
        }
        throw unexpected();
      }
      default -> throw unexpected();
    }
  }

  private void intervalQualifierSkip() {
    if (intervalField(peek()) != null) {
      next();
      if (isKw("to") && intervalField(peek(1)) != null) {
        next();
        next();
      }
    }
  }

  private Statement parseShow() {
    Pos pos = pos(next());
    if (acceptKw("create")) {
      ObjectKind kind = objectKind();
      if (kind == null || kind == ObjectKind.FUNCTION) {
        throw unexpected();
      }
      return new Statement.ShowCreate(pos, kind, objectName());
    }
    Token t = peek();
    if (t.kind() == Kind.WORD) {
      ShowKind kind = null;
      boolean needsFrom = false;
      boolean schemaScoped = true;
      switch (t.value()) {
        case "tables" -> kind = ShowKind.TABLES;
        case "internal" -> {
          if (isKw(1, "tables")) {
            next();
            kind = ShowKind.INTERNAL_TABLES;
          }
        }
        case "materialized" -> {
          if (isKw(1, "views")) {
            next();
            kind = ShowKind.MATERIALIZED_VIEWS;
          }
        }
        case "views" -> kind = ShowKind.VIEWS;
        case "sources" -> kind = ShowKind.SOURCES;
        case "sinks" -> kind = ShowKind.SINKS;
        case "subscriptions" -> kind = ShowKind.SUBSCRIPTIONS;
        case "connections" -> kind = ShowKind.CONNECTIONS;
        case "secrets" -> kind = ShowKind.SECRETS;
        case "functions" -> kind = ShowKind.FUNCTIONS;
        case "columns" -> {
          kind = ShowKind.COLUMNS;
          needsFrom = true;
        }
        case "indexes" -> {
          kind = ShowKind.INDEXES;
          needsFrom = true;
        }
        case "databases" -> {
          kind = ShowKind.DATABASES;
          schemaScoped = false;
        }
        case "schemas" -> {
          kind = ShowKind.SCHEMAS;
          schemaScoped = false;
        }
        case "cluster" -> {
          kind = ShowKind.CLUSTER;
          schemaScoped = false;
        }
        case "jobs" -> {
          kind = ShowKind.JOBS;
          schemaScoped = false;
        }
        case "processlist" -> {
          kind = ShowKind.PROCESSLIST;
          schemaScoped = false;
        }
        case "cursors" -> {
          kind = ShowKind.CURSORS;
          schemaScoped = false;
        }
        default -> {}
      }
      if (kind != null) {
        next();
        ObjectName from = null;
        if (needsFrom) {
          expectKw("from");
          from = objectName();
        } else if (schemaScoped && acceptKw("from")) {
          from = objectName();
        }
        return new Statement.ShowObjects(pos, kind, from, showFilter());
      }
      if (acceptKws("time", "zone")) {
        return new Statement.ShowVariable(pos, "timezone");
      }
      if (acceptKws("transaction", "isolation", "level")) {
        return new Statement.ShowVariable(pos, "transaction_isolation");
      }
    }
    return new Statement.ShowVariable(pos, variableName());
  }

  private Statement.ShowFilter showFilter() {
    Pos pos = pos();
    if (acceptKw("like")) {
      return new Statement.ShowFilter(pos, Statement.ShowFilterKind.LIKE, stringLiteral(), null);
    }
    if (acceptKw("ilike")) {
      return new Statement.ShowFilter(pos, Statement.ShowFilterKind.ILIKE, stringLiteral(), null);
    }
    if (acceptKw("where")) {
      return new Statement.ShowFilter(pos, Statement.ShowFilterKind.WHERE, null, parseExpr());
    }
    return null;
  }

  private Statement parseExplain() {
    Pos pos = pos(next());
    boolean analyze = acceptKw("analyze") || acceptKw("analyse");
    List<Statement.ExplainOption> options = new ArrayList<>();
    if (is(Kind.LPAREN) && isName(peek(1)) && !isQueryStart(peek(1))) {
      next();
      do {
        String name = colLabel();
        String value = null;
        Token v = peek();
        if (v.is(Kind.WORD) || v.is(Kind.QUOTED_IDENT) || v.is(Kind.STRING) || v.is(Kind.NUMBER)) {
          value = next().value();
        }
        options.add(new Statement.ExplainOption(name, value));
      } while (accept(Kind.COMMA));
      expect(Kind.RPAREN);
    } else if (acceptKw("verbose")) {
      options.add(new Statement.ExplainOption("verbose", null));
    }
    enter();
    Statement statement = parseStatement();
    leave();
    return new Statement.Explain(pos, analyze, options, statement);
  }
}
