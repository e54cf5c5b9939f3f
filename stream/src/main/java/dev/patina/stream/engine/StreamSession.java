package dev.patina.stream.engine;

import dev.patina.stream.batch.BatchExecutor;
import dev.patina.stream.catalog.Relation;
import dev.patina.stream.expr.BoundExpr;
import dev.patina.stream.expr.EvalContext;
import dev.patina.stream.pgwire.Prepared;
import dev.patina.stream.pgwire.RowDescription;
import dev.patina.stream.pgwire.RowStream;
import dev.patina.stream.pgwire.Session;
import dev.patina.stream.pgwire.SessionContext;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.pgwire.StatementResult;
import dev.patina.stream.plan.Binder;
import dev.patina.stream.plan.LogicalPlan;
import dev.patina.stream.sql.ParseException;
import dev.patina.stream.sql.Query;
import dev.patina.stream.sql.SetExpr;
import dev.patina.stream.sql.SqlParser;
import dev.patina.stream.sql.Statement;
import dev.patina.stream.state.ReadView;
import dev.patina.stream.types.DataType;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * One client's session: parses statements and runs them against the {@link Database}. Queries read
 * a store snapshot; DML and DDL run under the database's write lock ({@link Dml}, {@link Ddl}).
 */
final class StreamSession implements Session {
  final Database db;
  final SessionContext context;
  final Settings settings = new Settings();
  private volatile boolean cancelled;
  private boolean inTransaction;

  StreamSession(Database db, SessionContext context) {
    this.db = db;
    this.context = context;
    String tz = context.startupParameters().get("TimeZone");
    if (tz != null) {
      try {
        ZoneId.of(tz);
        settings.set("timezone", tz);
      } catch (DateTimeException e) {
        // keep UTC
      }
    }
  }

  @Override
  public ZoneId timeZone() {
    try {
      return ZoneId.of(settings.get("timezone"));
    } catch (DateTimeException e) {
      return ZoneId.of("UTC");
    }
  }

  @Override
  public void cancel() {
    cancelled = true;
  }

  @Override
  public dev.patina.stream.pgwire.TransactionStatus transactionStatus() {
    return inTransaction
        ? dev.patina.stream.pgwire.TransactionStatus.IN_TRANSACTION
        : dev.patina.stream.pgwire.TransactionStatus.IDLE;
  }

  @Override
  public Iterator<StatementResult> execute(String sql) {
    List<Statement> statements;
    try {
      statements = SqlParser.parse(sql);
    } catch (ParseException e) {
      throw syntax(e);
    }
    if (statements.isEmpty()) {
      return List.<StatementResult>of(new StatementResult.EmptyQuery()).iterator();
    }
    Iterator<Statement> it = statements.iterator();
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public StatementResult next() {
        if (!it.hasNext()) {
          throw new NoSuchElementException();
        }
        return run(it.next(), List.of(), List.of());
      }
    };
  }

  static SqlException syntax(ParseException e) {
    return new SqlException(e.sqlState(), e.getMessage()).atByteOffset(Math.max(0, e.offset()));
  }

  @Override
  public Prepared prepare(String sql, List<DataType> parameterTypes) {
    Statement st;
    try {
      List<Statement> all = SqlParser.parse(sql);
      if (all.size() > 1) {
        throw new SqlException(
            SqlState.SYNTAX_ERROR, "cannot insert multiple commands into a prepared statement");
      }
      st = all.isEmpty() ? null : all.get(0);
    } catch (ParseException e) {
      throw syntax(e);
    }
    List<DataType> types = ParamTypes.infer(this, st, parameterTypes);
    RowDescription desc = st == null ? null : describe(st, types);
    Statement statement = st;
    return new Prepared() {
      @Override
      public List<DataType> parameterTypes() {
        return types;
      }

      @Override
      public RowDescription rowDescription() {
        return desc;
      }

      @Override
      public StatementResult execute(List<Object> parameters) {
        if (statement == null) {
          return new StatementResult.EmptyQuery();
        }
        return run(statement, types, parameters);
      }
    };
  }

  /** The rows a statement returns, without running it (null: none). */
  private RowDescription describe(Statement st, List<DataType> types) {
    if (st instanceof Query q) {
      Binder.BoundQuery b = binder(types).bindQuery(q);
      return Queries.description(b);
    }
    if (st instanceof Statement.ShowVariable
        || st instanceof Statement.ShowObjects
        || st instanceof Statement.Describe
        || st instanceof Statement.ShowCreate
        || st instanceof Statement.Explain) {
      // read-only statements: their columns are known by running them
      if (run(st, types, List.of()) instanceof StatementResult.Rows r) {
        r.rows().close();
        return r.description();
      }
    }
    return null;
  }

  Binder binder(List<DataType> paramTypes) {
    return new Binder(
        db.catalog(),
        new Binder.Options(
            context.user(),
            StreamEngine.DATABASE,
            paramTypes,
            this::runPlan,
            Relation::maintained));
  }

  /** Runs a plan to completion on the latest committed state. */
  List<Object[]> runPlan(LogicalPlan plan) {
    try (ReadView view = db.store().snapshot()) {
      return new BatchExecutor(
              view,
              () -> cancelled,
              mv -> db.backend().scan(mv, view),
              mv -> db.backend().keyedLayout(mv))
          .collect(dev.patina.stream.plan.Optimizer.optimize(plan));
    }
  }

  EvalContext evalContext(List<Object> params) {
    return EvalContext.of(Instant.now(), timeZone()).withParams(params);
  }

  StatementResult run(Statement st, List<DataType> paramTypes, List<Object> params) {
    cancelled = false;
    try {
      return evalContext(params).call(() -> dispatch(st, paramTypes));
    } catch (SqlException e) {
      throw e;
    } catch (ParseException e) {
      throw syntax(e);
    } catch (dev.patina.stream.state.StateException e) {
      throw new SqlException(SqlState.INTERNAL_ERROR, "storage error: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw SqlException.internal(String.valueOf(e.getMessage()), e);
    } catch (Exception e) {
      throw SqlException.internal(String.valueOf(e.getMessage()), e);
    }
  }

  private StatementResult dispatch(Statement st, List<DataType> paramTypes) {
    return switch (st) {
      case Query q -> Queries.select(this, q, paramTypes);
      case Statement.Insert i -> Dml.insert(this, i, paramTypes);
      case Statement.Update u -> Dml.update(this, u, paramTypes);
      case Statement.Delete d -> Dml.delete(this, d, paramTypes);
      case Statement.CreateTable c -> Ddl.createTable(this, c);
      case Statement.CreateView v -> Ddl.createView(this, v);
      case Statement.CreateIndex i -> Ddl.createIndex(this, i);
      case Statement.Drop d -> Ddl.drop(this, d);
      case Statement.Flush f -> {
        flush();
        yield new StatementResult.Command("FLUSH");
      }
      case Statement.SetVariable s -> setVariable(s);
      case Statement.ShowVariable s -> showVariable(s);
      case Statement.ShowObjects s -> Queries.show(this, s);
      case Statement.Describe d -> Queries.describe(this, d);
      case Statement.ShowCreate s -> Queries.showCreate(this, s);
      case Statement.Explain e -> Queries.explain(this, e, paramTypes);
      case Statement.StartTransaction t -> {
        inTransaction = true;
        yield new StatementResult.Command("BEGIN");
      }
      case Statement.Commit c -> {
        inTransaction = false;
        yield new StatementResult.Command("COMMIT");
      }
      case Statement.Rollback r -> {
        inTransaction = false;
        yield new StatementResult.Command("ROLLBACK");
      }
      case Statement.SetTransaction t -> new StatementResult.Command("SET");
      case Statement.CreateSchema s ->
          throw new SqlException(
              SqlState.FEATURE_NOT_SUPPORTED, "CREATE SCHEMA is not supported yet");
      case Statement.CreateDatabase s ->
          throw new SqlException(
              SqlState.FEATURE_NOT_SUPPORTED, "CREATE DATABASE is not supported yet");
      case Statement.CreateSource s ->
          throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "sources are not supported yet");
      case Statement.CreateSink s ->
          throw new SqlException(SqlState.FEATURE_NOT_SUPPORTED, "sinks are not supported yet");
      case Statement.Recover r -> {
        recover();
        yield new StatementResult.Command("RECOVER");
      }
    };
  }

  /** Waits until every materialized view reflects every committed write, and makes them durable. */
  void flush() {
    db.backend().flush();
    db.store().checkpoint();
  }

  /** RECOVER: every view's job restarts from committed state, between two statements' writes. */
  private void recover() {
    db.writeLock().lock();
    try {
      db.backend().recover();
    } finally {
      db.writeLock().unlock();
    }
  }

  void afterDml() {
    if (settings.implicitFlush()) {
      db.backend().flush();
    }
  }

  private StatementResult setVariable(Statement.SetVariable s) {
    String name = s.name();
    String value = s.values().isEmpty() ? null : String.join(", ", s.values());
    if (value != null && value.equalsIgnoreCase("default")) {
      value = null;
    }
    if (Settings.key(name).equals("timezone") && value != null) {
      String zone = value.equalsIgnoreCase("local") ? "UTC" : value;
      try {
        ZoneId.of(zone);
      } catch (DateTimeException e) {
        throw new SqlException(
            SqlState.INVALID_PARAMETER_VALUE,
            "invalid value for parameter \"TimeZone\": \"" + value + "\"");
      }
      value = zone;
    }
    settings.set(name, value);
    if (Settings.key(name).equals("timezone")) {
      context.reportParameter("TimeZone", settings.get("timezone"));
    } else if (Settings.key(name).equals("application_name")) {
      context.reportParameter("application_name", settings.get(name));
    }
    return new StatementResult.Command("SET");
  }

  private StatementResult showVariable(Statement.ShowVariable s) {
    String name = s.name();
    if (name.equalsIgnoreCase("all")) {
      List<Object[]> rows = new ArrayList<>();
      settings.all().forEach((k, v) -> rows.add(new Object[] {k, v, ""}));
      return new StatementResult.Rows(
          RowDescription.of(
              "Name",
              DataType.VARCHAR,
              "Setting",
              DataType.VARCHAR,
              "Description",
              DataType.VARCHAR),
          RowStream.of(rows),
          "SHOW");
    }
    String v = settings.get(name);
    return new StatementResult.Rows(
        RowDescription.of(name.toLowerCase(java.util.Locale.ROOT), DataType.VARCHAR),
        RowStream.of(new Object[][] {{v}}),
        "SHOW");
  }

  static boolean isValues(Query q) {
    return q.isBare() && q.body() instanceof SetExpr.Values;
  }

  static List<BoundExpr> none() {
    return List.of();
  }
}
