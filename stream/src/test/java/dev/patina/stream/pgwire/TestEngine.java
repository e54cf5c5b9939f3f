package dev.patina.stream.pgwire;

import dev.patina.stream.types.DataType;
import dev.patina.stream.types.Interval;
import dev.patina.stream.types.Jsonb;
import dev.patina.stream.types.PgText;
import dev.patina.stream.types.StructType;
import dev.patina.stream.types.StructValue;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * A tiny engine for testing the protocol: {@code SELECT} of literals, casts and parameters, {@code
 * generate_series}, {@code pg_sleep}, a table of every common type, canned DDL/DML tags,
 * transactions, SET/SHOW. Not a SQL engine.
 */
public final class TestEngine implements QueryEngine {
  final AtomicInteger openSessions = new AtomicInteger();
  final AtomicInteger closedSessions = new AtomicInteger();

  public TestEngine() {}

  @Override
  public Session open(SessionContext context) {
    if (context.database().equals("nosuchdb")) {
      throw new SqlException(
          SqlState.INVALID_CATALOG_NAME, "database \"" + context.database() + "\" does not exist");
    }
    openSessions.incrementAndGet();
    return new TestSession(context);
  }

  static final RowDescription ALL_TYPES =
      RowDescription.of(
          "b", DataType.BOOLEAN,
          "i2", DataType.INT16,
          "i4", DataType.INT32,
          "i8", DataType.INT64,
          "f4", DataType.FLOAT32,
          "f8", DataType.FLOAT64,
          "n", DataType.DECIMAL,
          "s", DataType.VARCHAR,
          "by", DataType.BYTEA,
          "d", DataType.DATE,
          "t", DataType.TIME,
          "ts", DataType.TIMESTAMP,
          "tz", DataType.TIMESTAMPTZ,
          "iv", DataType.INTERVAL,
          "j", DataType.JSONB,
          "arr", DataType.list(DataType.INT32),
          "sarr", DataType.list(DataType.VARCHAR),
          "st", StructType.of("x", DataType.INT32, "y", DataType.VARCHAR));

  static final Object[] ALL_VALUES = {
    true,
    (short) -12,
    123456,
    9_000_000_000L,
    1.5f,
    0.1 + 0.2,
    new BigDecimal("12345.678"),
    "héllo wörld",
    new byte[] {0, 1, (byte) 0xFF},
    LocalDate.of(2024, 2, 29),
    LocalTime.of(12, 34, 56, 789_000),
    LocalDateTime.of(2024, 2, 29, 12, 34, 56, 789_000),
    Instant.parse("2024-02-29T12:34:56.789Z"),
    new Interval(14, 3, 7_200_000_000L),
    Jsonb.parse("{\"a\": [1, true, null], \"b\": \"x\"}"),
    Arrays.asList(1, null, 3),
    Arrays.asList("a b", "", null),
    StructValue.of(7, "seven")
  };

  /** One select item: name, type and how to compute it from the parameters. */
  private record Item(String name, DataType type, Function<List<Object>, Object> eval) {}

  /** A planned statement. */
  private sealed interface Plan {}

  private record Select(List<Item> items, Function<List<Object>, RowStream> source, int width)
      implements Plan {
    RowDescription description() {
      List<RowDescription.Column> cs = new ArrayList<>();
      for (Item i : items) {
        cs.add(new RowDescription.Column(i.name(), i.type()));
      }
      return new RowDescription(cs);
    }
  }

  private record Canned(String tag, long rows, Runnable effect) implements Plan {}

  private record Show(String name) implements Plan {}

  private record Empty() implements Plan {}

  final class TestSession implements Session {
    private final SessionContext context;
    private volatile boolean cancelled;
    private TransactionStatus status = TransactionStatus.IDLE;
    private ZoneId zone = ZoneId.of("UTC");
    private final Map<String, String> settings = new java.util.HashMap<>();

    TestSession(SessionContext context) {
      this.context = context;
      String tz = context.startupParameters().get("TimeZone");
      if (tz != null) {
        try {
          zone = ZoneId.of(tz);
        } catch (RuntimeException e) {
          // keep UTC
        }
      }
    }

    @Override
    public Iterator<StatementResult> execute(String sql) {
      List<int[]> spans = split(sql);
      return new Iterator<>() {
        int next = 0;
        boolean emptyDone;

        @Override
        public boolean hasNext() {
          return next < spans.size() || (spans.isEmpty() && !emptyDone);
        }

        @Override
        public StatementResult next() {
          if (spans.isEmpty()) {
            if (emptyDone) {
              throw new NoSuchElementException();
            }
            emptyDone = true;
            return new StatementResult.EmptyQuery();
          }
          int[] span = spans.get(next++);
          cancelled = false;
          return run(plan(sql, span[0], span[1], List.of()), List.of());
        }
      };
    }

    @Override
    public Prepared prepare(String sql, List<DataType> parameterTypes) {
      List<int[]> spans = split(sql);
      if (spans.size() > 1) {
        throw SqlException.syntax("cannot insert multiple commands into a prepared statement");
      }
      List<DataType> declared = new ArrayList<>(parameterTypes);
      Plan plan =
          spans.isEmpty() ? new Empty() : plan(sql, spans.get(0)[0], spans.get(0)[1], declared);
      List<DataType> types = new ArrayList<>();
      for (DataType t : declared) {
        types.add(t == null ? DataType.VARCHAR : t);
      }
      return new Prepared() {
        @Override
        public List<DataType> parameterTypes() {
          return types;
        }

        @Override
        public RowDescription rowDescription() {
          return switch (plan) {
            case Select s -> s.description();
            case Show s -> RowDescription.of(s.name(), DataType.VARCHAR);
            default -> null;
          };
        }

        @Override
        public StatementResult execute(List<Object> parameters) {
          cancelled = false;
          return run(plan, parameters);
        }
      };
    }

    private StatementResult run(Plan plan, List<Object> params) {
      if (status == TransactionStatus.FAILED
          && !(plan instanceof Canned c
              && (c.tag().equals("ROLLBACK") || c.tag().equals("COMMIT")))) {
        throw new SqlException(
            SqlState.IN_FAILED_SQL_TRANSACTION,
            "current transaction is aborted, commands ignored until end of transaction block");
      }
      try {
        return switch (plan) {
          case Select s -> new StatementResult.Rows(s.description(), s.source().apply(params));
          case Canned c -> {
            c.effect().run();
            yield new StatementResult.Command(c.tag(), c.rows());
          }
          case Show s ->
              new StatementResult.Rows(
                  RowDescription.of(s.name(), DataType.VARCHAR),
                  RowStream.of(new Object[][] {{show(s.name())}}),
                  "SHOW");
          case Empty e -> new StatementResult.EmptyQuery();
        };
      } catch (SqlException e) {
        throw e;
      }
    }

    @Override
    public void errorOccurred(SqlException error) {
      if (status == TransactionStatus.IN_TRANSACTION) {
        status = TransactionStatus.FAILED;
      }
    }

    private String show(String name) {
      return switch (name.toLowerCase(Locale.ROOT)) {
        case "timezone" -> zone.getId();
        case "server_version" -> PgServerConfig.DEFAULT_SERVER_VERSION;
        default -> {
          String v = settings.get(name.toLowerCase(Locale.ROOT));
          if (v == null) {
            throw new SqlException(
                SqlState.UNDEFINED_OBJECT, "unrecognized configuration parameter \"" + name + "\"");
          }
          yield v;
        }
      };
    }

    @Override
    public TransactionStatus transactionStatus() {
      return status;
    }

    @Override
    public ZoneId timeZone() {
      return zone;
    }

    @Override
    public void cancel() {
      cancelled = true;
    }

    @Override
    public void close() {
      closedSessions.incrementAndGet();
    }

    // -------------------------------------------------------------------------------------------

    private Plan plan(String sql, int start, int end, List<DataType> params) {
      Lexer lx = new Lexer(sql, start, end);
      Token first = lx.next();
      String kw = first.text.toLowerCase(Locale.ROOT);
      switch (kw) {
        case "select" -> {
          return select(lx, params);
        }
        case "begin", "start" -> {
          return new Canned("BEGIN", 0, () -> status = TransactionStatus.IN_TRANSACTION);
        }
        case "commit", "end" -> {
          return new Canned(
              status == TransactionStatus.FAILED ? "ROLLBACK" : "COMMIT",
              0,
              () -> status = TransactionStatus.IDLE);
        }
        case "rollback" -> {
          return new Canned("ROLLBACK", 0, () -> status = TransactionStatus.IDLE);
        }
        case "create" -> {
          return new Canned("CREATE " + lx.next().text.toUpperCase(Locale.ROOT), 0, () -> {});
        }
        case "drop" -> {
          String what = lx.next().text.toUpperCase(Locale.ROOT);
          Token t = lx.next();
          if (t.text.equalsIgnoreCase("if")) {
            lx.next();
            String name = lx.next().text;
            return new Canned(
                "DROP " + what,
                0,
                () ->
                    context.notice(
                        Notice.notice(
                            what.toLowerCase(Locale.ROOT)
                                + " \""
                                + name
                                + "\" does not exist, skipping")));
          }
          return new Canned("DROP " + what, 0, () -> {});
        }
        case "insert" -> {
          int groups = 0;
          int depth = 0;
          for (Token t = lx.next(); t.kind != Kind.END; t = lx.next()) {
            if (t.text.equals("(")) {
              if (depth++ == 0) {
                groups++;
              }
            } else if (t.text.equals(")")) {
              depth--;
            }
          }
          // "insert into t (a, b) values (1, 2)" has a column list group too
          String lower = sql.substring(start, end).toLowerCase(Locale.ROOT);
          int beforeValues = lower.indexOf("values");
          if (beforeValues > 0 && lower.substring(0, beforeValues).contains("(")) {
            groups--;
          }
          return new Canned("INSERT", groups, () -> {});
        }
        case "update" -> {
          return new Canned("UPDATE", 2, () -> {});
        }
        case "delete" -> {
          return new Canned("DELETE", 1, () -> {});
        }
        case "flush" -> {
          return new Canned("FLUSH", 0, () -> {});
        }
        case "set" -> {
          String name = lx.next().text;
          Token t = lx.next();
          if (t.text.equalsIgnoreCase("to") || t.text.equals("=")) {
            t = lx.next();
          }
          String value = t.kind == Kind.STRING ? t.value : t.text;
          String lname = name.toLowerCase(Locale.ROOT);
          return new Canned(
              "SET",
              0,
              () -> {
                if (lname.equals("timezone")) {
                  try {
                    zone = ZoneId.of(value);
                  } catch (RuntimeException e) {
                    throw new SqlException(
                        SqlState.INVALID_PARAMETER_VALUE,
                        "invalid value for parameter \"TimeZone\": \"" + value + "\"");
                  }
                  context.reportParameter("TimeZone", zone.getId());
                } else {
                  settings.put(lname, value);
                  if (lname.equals("application_name")) {
                    context.reportParameter("application_name", value);
                  }
                }
              });
        }
        case "show" -> {
          return new Show(lx.next().text);
        }
        default -> {
          throw SqlException.syntax("syntax error at or near \"" + first.text + "\"")
              .atByteOffset(byteOffset(sql, first.start));
        }
      }
    }

    private Plan select(Lexer lx, List<DataType> params) {
      List<Item> items = new ArrayList<>();
      Token t = lx.peek();
      if (t.text.equals("*")) {
        lx.next();
        expect(lx, "from");
        Token fn = lx.next();
        String name = fn.text.toLowerCase(Locale.ROOT);
        if (name.equals("all_types")) {
          List<Item> cols = new ArrayList<>();
          for (RowDescription.Column c : ALL_TYPES.columns()) {
            cols.add(new Item(c.name(), c.type(), p -> null));
          }
          return new Select(
              cols,
              p -> RowStream.of(ALL_VALUES, new Object[ALL_VALUES.length]),
              ALL_VALUES.length);
        }
        if (name.equals("generate_series")) {
          expect(lx, "(");
          Item from = expr(lx, params);
          expect(lx, ",");
          Item to = expr(lx, params);
          expect(lx, ")");
          return new Select(
              List.of(new Item("generate_series", DataType.INT32, p -> null)),
              p ->
                  series(
                      ((Number) from.eval().apply(p)).intValue(),
                      ((Number) to.eval().apply(p)).intValue()),
              1);
        }
        throw new SqlException(
                SqlState.UNDEFINED_TABLE, "relation \"" + fn.text + "\" does not exist")
            .atByteOffset(byteOffset(lx.sql, fn.start));
      }
      while (true) {
        Item item = expr(lx, params);
        Token n = lx.peek();
        if (n.text.equalsIgnoreCase("as")) {
          lx.next();
          item = new Item(lx.next().text, item.type(), item.eval());
        }
        items.add(item);
        Token sep = lx.next();
        if (sep.kind == Kind.END) {
          break;
        }
        if (!sep.text.equals(",")) {
          throw SqlException.syntax("syntax error at or near \"" + sep.text + "\"")
              .atByteOffset(byteOffset(lx.sql, sep.start));
        }
      }
      List<Item> fixed = List.copyOf(items);
      return new Select(
          fixed,
          p -> {
            Object[] row = new Object[fixed.size()];
            for (int i = 0; i < row.length; i++) {
              row[i] = fixed.get(i).eval().apply(p);
            }
            return RowStream.of(new Object[][] {row});
          },
          fixed.size());
    }

    private RowStream series(int from, int to) {
      return new RowStream() {
        long next = from;

        @Override
        public Object[] next() {
          if (cancelled) {
            throw SqlException.canceled();
          }
          return next > to ? null : new Object[] {(int) next++};
        }
      };
    }

    private Item expr(Lexer lx, List<DataType> params) {
      Token t = lx.next();
      Item item;
      switch (t.kind) {
        case SYMBOL -> {
          if (!t.text.equals("(")) {
            throw SqlException.syntax("syntax error at or near \"" + t.text + "\"")
                .atByteOffset(byteOffset(lx.sql, t.start));
          }
          item = expr(lx, params);
          expect(lx, ")");
        }
        case STRING -> item = new Item("?column?", DataType.VARCHAR, p -> t.value);
        case NUMBER -> {
          Object v;
          DataType type;
          if (t.text.contains(".") || t.text.contains("e") || t.text.contains("E")) {
            v = new BigDecimal(t.text);
            type = DataType.DECIMAL;
          } else {
            long l = Long.parseLong(t.text);
            if (l == (int) l) {
              v = (int) l;
              type = DataType.INT32;
            } else {
              v = l;
              type = DataType.INT64;
            }
          }
          item = new Item("?column?", type, p -> v);
        }
        case PARAM -> {
          int index = Integer.parseInt(t.text.substring(1)) - 1;
          while (params.size() <= index) {
            params.add(null);
          }
          DataType declared = params.get(index);
          Token cast = lx.peek();
          if (declared == null && cast.text.equals("::")) {
            lx.next();
            declared = typeName(lx);
            params.set(index, declared);
            DataType ty = declared;
            return new Item(ty.sqlName(), ty, p -> p.get(index));
          }
          if (declared == null) {
            params.set(index, DataType.VARCHAR);
            declared = DataType.VARCHAR;
          }
          item = new Item("?column?", declared, p -> p.get(index));
        }
        case WORD -> {
          String w = t.text.toLowerCase(Locale.ROOT);
          switch (w) {
            case "null" -> item = new Item("?column?", DataType.VARCHAR, p -> null);
            case "true", "false" -> {
              boolean b = w.equals("true");
              item = new Item("bool", DataType.BOOLEAN, p -> b);
            }
            case "pg_sleep" -> {
              expect(lx, "(");
              Item secs = expr(lx, params);
              expect(lx, ")");
              item =
                  new Item(
                      "pg_sleep",
                      DataType.VARCHAR,
                      p -> {
                        long until =
                            System.nanoTime()
                                + (long) (((Number) secs.eval().apply(p)).doubleValue() * 1e9);
                        while (System.nanoTime() < until) {
                          if (cancelled) {
                            throw SqlException.canceled();
                          }
                          try {
                            Thread.sleep(5);
                          } catch (InterruptedException e) {
                            throw SqlException.canceled();
                          }
                        }
                        return "";
                      });
            }
            default ->
                throw new SqlException(
                        SqlState.UNDEFINED_COLUMN, "column \"" + t.text + "\" does not exist")
                    .atByteOffset(byteOffset(lx.sql, t.start));
          }
        }
        default ->
            throw SqlException.syntax("syntax error at or near \"" + t.text + "\"")
                .atByteOffset(byteOffset(lx.sql, t.start));
      }
      while (true) {
        Token op = lx.peek();
        if (op.text.equals("::")) {
          lx.next();
          DataType target = typeName(lx);
          Item from = item;
          item =
              new Item(
                  from.name().equals("?column?") ? target.sqlName() : from.name(),
                  target,
                  p -> {
                    Object v = from.eval().apply(p);
                    if (v == null) {
                      return null;
                    }
                    String text = v instanceof String s ? s : PgText.encode(from.type(), v, zone);
                    return PgText.decode(target, text, zone);
                  });
        } else if (op.text.equals("/")) {
          lx.next();
          Item left = item;
          Item right = expr(lx, params);
          item =
              new Item(
                  "?column?",
                  left.type(),
                  p -> {
                    int r = ((Number) right.eval().apply(p)).intValue();
                    if (r == 0) {
                      throw new SqlException(SqlState.DIVISION_BY_ZERO, "division by zero");
                    }
                    return ((Number) left.eval().apply(p)).intValue() / r;
                  });
        } else {
          return item;
        }
      }
    }

    private DataType typeName(Lexer lx) {
      Token t = lx.next();
      String name = t.text.toLowerCase(Locale.ROOT);
      if (name.equals("double")) {
        lx.next();
        name = "float8";
      }
      DataType type =
          switch (name) {
            case "bool", "boolean" -> DataType.BOOLEAN;
            case "int2", "smallint" -> DataType.INT16;
            case "int", "int4", "integer" -> DataType.INT32;
            case "int8", "bigint" -> DataType.INT64;
            case "float4", "real" -> DataType.FLOAT32;
            case "float8", "float" -> DataType.FLOAT64;
            case "numeric", "decimal" -> DataType.DECIMAL;
            case "varchar", "text" -> DataType.VARCHAR;
            case "bytea" -> DataType.BYTEA;
            case "date" -> DataType.DATE;
            case "time" -> DataType.TIME;
            case "timestamp" -> DataType.TIMESTAMP;
            case "timestamptz" -> DataType.TIMESTAMPTZ;
            case "interval" -> DataType.INTERVAL;
            case "jsonb" -> DataType.JSONB;
            default ->
                throw new SqlException(
                        SqlState.UNDEFINED_OBJECT, "type \"" + t.text + "\" does not exist")
                    .atByteOffset(byteOffset(lx.sql, t.start));
          };
      while (lx.peek().text.equals("[")) {
        lx.next();
        expect(lx, "]");
        type = DataType.list(type);
      }
      return type;
    }

    private void expect(Lexer lx, String text) {
      Token t = lx.next();
      if (!t.text.equalsIgnoreCase(text)) {
        throw SqlException.syntax(
                "syntax error at or near \""
                    + (t.kind == Kind.END ? "end of input" : t.text)
                    + "\"")
            .atByteOffset(byteOffset(lx.sql, t.start));
      }
    }
  }

  static int byteOffset(String sql, int charIndex) {
    return sql.substring(0, Math.min(charIndex, sql.length()))
        .getBytes(StandardCharsets.UTF_8)
        .length;
  }

  /** Statement spans separated by semicolons outside quotes; blank statements dropped. */
  static List<int[]> split(String sql) {
    List<int[]> out = new ArrayList<>();
    int start = 0;
    boolean quoted = false;
    for (int i = 0; i <= sql.length(); i++) {
      if (i < sql.length() && sql.charAt(i) == '\'') {
        quoted = !quoted;
      }
      if (i == sql.length() || (!quoted && sql.charAt(i) == ';')) {
        if (!sql.substring(start, i).isBlank()) {
          out.add(new int[] {start, i});
        }
        start = i + 1;
      }
    }
    return out;
  }

  private enum Kind {
    WORD,
    NUMBER,
    STRING,
    PARAM,
    SYMBOL,
    END
  }

  private record Token(Kind kind, String text, String value, int start) {}

  private static final class Lexer {
    final String sql;
    final int end;
    int pos;
    Token peeked;

    Lexer(String sql, int start, int end) {
      this.sql = sql;
      this.pos = start;
      this.end = end;
    }

    Token peek() {
      if (peeked == null) {
        peeked = lex();
      }
      return peeked;
    }

    Token next() {
      Token t = peek();
      peeked = null;
      return t;
    }

    private Token lex() {
      while (pos < end && Character.isWhitespace(sql.charAt(pos))) {
        pos++;
      }
      if (pos >= end) {
        return new Token(Kind.END, "", null, end);
      }
      int s = pos;
      char c = sql.charAt(pos);
      if (c == '\'') {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
          if (pos >= end) {
            throw SqlException.syntax(
                    "unterminated quoted string at or near \"" + sql.substring(s, end) + "\"")
                .atByteOffset(byteOffset(sql, s));
          }
          char d = sql.charAt(pos++);
          if (d == '\'') {
            if (pos < end && sql.charAt(pos) == '\'') {
              sb.append('\'');
              pos++;
              continue;
            }
            break;
          }
          sb.append(d);
        }
        return new Token(Kind.STRING, sql.substring(s, pos), sb.toString(), s);
      }
      if (Character.isDigit(c)
          || (c == '-' && pos + 1 < end && Character.isDigit(sql.charAt(pos + 1)))) {
        pos++;
        while (pos < end && (Character.isDigit(sql.charAt(pos)) || sql.charAt(pos) == '.')) {
          pos++;
        }
        return new Token(Kind.NUMBER, sql.substring(s, pos), null, s);
      }
      if (c == '$') {
        pos++;
        while (pos < end && Character.isDigit(sql.charAt(pos))) {
          pos++;
        }
        return new Token(Kind.PARAM, sql.substring(s, pos), null, s);
      }
      if (Character.isLetter(c) || c == '_' || c == '"') {
        if (c == '"') {
          pos++;
          while (pos < end && sql.charAt(pos) != '"') {
            pos++;
          }
          pos++;
          return new Token(Kind.WORD, sql.substring(s + 1, pos - 1), null, s);
        }
        while (pos < end
            && (Character.isLetterOrDigit(sql.charAt(pos)) || sql.charAt(pos) == '_')) {
          pos++;
        }
        return new Token(Kind.WORD, sql.substring(s, pos), null, s);
      }
      if (c == ':' && pos + 1 < end && sql.charAt(pos + 1) == ':') {
        pos += 2;
        return new Token(Kind.SYMBOL, "::", null, s);
      }
      pos++;
      return new Token(Kind.SYMBOL, String.valueOf(c), null, s);
    }
  }
}
