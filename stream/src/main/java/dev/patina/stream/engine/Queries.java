package dev.patina.stream.engine;

import dev.patina.stream.catalog.ColumnDesc;
import dev.patina.stream.catalog.Relation;
import dev.patina.stream.catalog.RelationKind;
import dev.patina.stream.catalog.TypeNames;
import dev.patina.stream.pgwire.RowDescription;
import dev.patina.stream.pgwire.RowStream;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.pgwire.StatementResult;
import dev.patina.stream.plan.Binder;
import dev.patina.stream.plan.LogicalPlan;
import dev.patina.stream.sql.Query;
import dev.patina.stream.sql.Statement;
import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** Statements that only read: SELECT, SHOW, DESCRIBE, EXPLAIN. */
final class Queries {
  private Queries() {}

  static RowDescription description(Binder.BoundQuery b) {
    List<RowDescription.Column> cols = new ArrayList<>();
    for (int i = 0; i < b.names().size(); i++) {
      int[] origin = dev.patina.stream.plan.Provenance.origin(b.plan(), i);
      cols.add(
          new RowDescription.Column(
              b.names().get(i),
              b.plan().schema().get(i).type(),
              origin == null ? 0 : origin[0],
              (short) (origin == null ? 0 : origin[1])));
    }
    return new RowDescription(cols);
  }

  static StatementResult select(StreamSession s, Query q, List<DataType> paramTypes) {
    Binder.BoundQuery b = s.binder(paramTypes).bindQuery(q);
    List<Object[]> rows = s.runPlan(b.plan());
    return new StatementResult.Rows(description(b), RowStream.of(rows), "SELECT");
  }

  static StatementResult show(StreamSession s, Statement.ShowObjects show) {
    RelationKind kind =
        switch (show.kind()) {
          case TABLES -> RelationKind.TABLE;
          case MATERIALIZED_VIEWS -> RelationKind.MATERIALIZED_VIEW;
          case VIEWS -> RelationKind.VIEW;
          case INDEXES -> RelationKind.INDEX;
          case SOURCES -> RelationKind.SOURCE;
          case SINKS -> RelationKind.SINK;
          default -> null;
        };
    List<Object[]> rows = new ArrayList<>();
    if (kind != null) {
      for (Relation r : s.db.catalog().byName(kind, "public").values()) {
        if (matches(show, r.name())) {
          rows.add(new Object[] {r.name()});
        }
      }
      return nameRows(rows);
    }
    switch (show.kind()) {
      case DATABASES -> rows.add(new Object[] {StreamEngine.DATABASE});
      case SCHEMAS -> {
        for (String n : List.of("information_schema", "pg_catalog", "public", "rw_catalog")) {
          rows.add(new Object[] {n});
        }
      }
      case COLUMNS -> {
        return describeRows(s, new Binder(s.db.catalog(), null).relation(show.from()), false);
      }
      default ->
          throw new SqlException(
              SqlState.FEATURE_NOT_SUPPORTED,
              "SHOW " + show.kind().name().toLowerCase(Locale.ROOT) + " is not supported yet");
    }
    return nameRows(rows.stream().filter(r -> matches(show, (String) r[0])).toList());
  }

  private static StatementResult nameRows(List<Object[]> rows) {
    return new StatementResult.Rows(
        RowDescription.of("Name", DataType.VARCHAR), RowStream.of(rows), "SHOW");
  }

  private static boolean matches(Statement.ShowObjects show, String name) {
    if (show.filter() == null || show.filter().pattern() == null) {
      return true;
    }
    String p = show.filter().pattern();
    StringBuilder re = new StringBuilder();
    for (char c : p.toCharArray()) {
      re.append(c == '%' ? ".*" : c == '_' ? "." : Pattern.quote(String.valueOf(c)));
    }
    int flags =
        show.filter().kind() == Statement.ShowFilterKind.ILIKE ? Pattern.CASE_INSENSITIVE : 0;
    return Pattern.compile(re.toString(), flags | Pattern.DOTALL).matcher(name).matches();
  }

  static StatementResult describe(StreamSession s, Statement.Describe d) {
    Relation r = new Binder(s.db.catalog(), null).relation(d.name());
    return describeRows(s, r, true);
  }

  private static StatementResult describeRows(StreamSession s, Relation r, boolean withKeys) {
    List<Object[]> rows = new ArrayList<>();
    for (ColumnDesc c : r.columns()) {
      rows.add(
          new Object[] {c.name(), TypeNames.toSql(c.type()), c.hidden() ? "true" : "false", null});
    }
    if (withKeys && !r.pk().isEmpty() && r.kind() != RelationKind.VIEW) {
      List<String> names = r.pk().stream().map(i -> r.columns().get(i).name()).toList();
      rows.add(new Object[] {"primary key", String.join(", ", names), null, null});
      rows.add(new Object[] {"distribution key", String.join(", ", names), null, null});
    }
    if (withKeys) {
      rows.add(new Object[] {"table description", null, null, null});
    }
    return new StatementResult.Rows(
        RowDescription.of(
            "Name", DataType.VARCHAR,
            "Type", DataType.VARCHAR,
            "Is Hidden", DataType.VARCHAR,
            "Description", DataType.VARCHAR),
        RowStream.of(rows),
        "DESCRIBE");
  }

  static StatementResult showCreate(StreamSession s, Statement.ShowCreate sc) {
    Relation r = new Binder(s.db.catalog(), null).relation(sc.name());
    return new StatementResult.Rows(
        RowDescription.of("Name", DataType.VARCHAR, "Create Sql", DataType.VARCHAR),
        RowStream.of(new Object[][] {{r.qualifiedName(), r.definition()}}),
        "SHOW");
  }

  /** A line per filtered scan that reads by primary key ({@link KeyLookup}) when run in batch. */
  private static void keyLookups(StreamSession s, LogicalPlan p, List<Object[]> rows) {
    if (p instanceof LogicalPlan.Filter f && f.input() instanceof LogicalPlan.Scan sc) {
      Relation r = sc.table();
      String d =
          dev.patina.stream.batch.KeyLookup.describe(
              r.maintained() ? s.db.backend().keyedLayout(r) : r.layout(), f.predicate());
      if (d != null) {
        rows.add(new Object[] {"Key lookup on " + r.name() + ": " + d});
      }
      return;
    }
    for (LogicalPlan in : p.inputs()) {
      keyLookups(s, in, rows);
    }
  }

  /**
   * The dataflow a CREATE MATERIALIZED VIEW would run (RisingWave's EXPLAIN prints the streaming
   * plan), or, for a view computed when read, why, followed by the query's logical plan.
   */
  private static String streamingPlan(
      StreamSession s, Statement.CreateView v, Binder.BoundQuery b, boolean ranSubqueries) {
    String why;
    if (ranSubqueries) {
      why = "subqueries that are not semi joins";
    } else {
      List<dev.patina.stream.catalog.ColumnDesc> cols = new ArrayList<>();
      for (int i = 0; i < b.names().size(); i++) {
        cols.add(new dev.patina.stream.catalog.ColumnDesc(b.names().get(i), b.types().get(i)));
      }
      dev.patina.stream.catalog.Relation r =
          new dev.patina.stream.catalog.Relation(
                  Integer.MAX_VALUE, // not in the catalog: the plan is only printed
                  "public",
                  v.name().name(),
                  dev.patina.stream.catalog.RelationKind.MATERIALIZED_VIEW,
                  cols,
                  List.of(),
                  false,
                  v.toSql(),
                  List.of(),
                  false)
              .withTimeZone(s.timeZone().getId());
      int[] ids = {0};
      try {
        return dev.patina.stream.plan.StreamPlanner.plan(
                r,
                b.plan(),
                () -> ++ids[0],
                dev.patina.stream.batch.BatchExecutor::overWindow,
                dev.patina.stream.batch.BatchExecutor::aggregateValues)
            .explain();
      } catch (dev.patina.stream.plan.StreamPlanner.Unsupported e) {
        why = e.getMessage();
      }
    }
    return "(not maintained incrementally, computed when read: "
        + why
        + ")\n"
        + LogicalPlan.explain(b.plan());
  }

  static StatementResult explain(StreamSession s, Statement.Explain e, List<DataType> types) {
    Statement inner = e.statement();
    Query q =
        switch (inner) {
          case Query qq -> qq;
          case Statement.CreateView v -> v.query();
          default ->
              throw new SqlException(
                  SqlState.FEATURE_NOT_SUPPORTED, "EXPLAIN supports queries and views only");
        };
    Binder.BoundQuery b;
    String text;
    if (inner instanceof Statement.CreateView v && v.materialized()) {
      Binder binder = s.binder(types).forMaterializedView();
      b = binder.bindQuery(q);
      text = streamingPlan(s, v, b, binder.ranSubqueries());
    } else {
      b = s.binder(types).bindQuery(q);
      text = LogicalPlan.explain(b.plan());
    }
    List<Object[]> rows = new ArrayList<>();
    for (String line : text.split("\n")) {
      rows.add(new Object[] {line});
    }
    if (inner instanceof Query) {
      keyLookups(s, dev.patina.stream.plan.Optimizer.optimize(b.plan()), rows);
    }
    return new StatementResult.Rows(
        RowDescription.of("QUERY PLAN", DataType.VARCHAR), RowStream.of(rows), "EXPLAIN");
  }
}
