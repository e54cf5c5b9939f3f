package dev.patina.stream.engine;

import dev.patina.stream.catalog.Catalog;
import dev.patina.stream.catalog.ColumnDesc;
import dev.patina.stream.catalog.Relation;
import dev.patina.stream.catalog.RelationKind;
import dev.patina.stream.catalog.TypeNames;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.pgwire.StatementResult;
import dev.patina.stream.plan.Binder;
import dev.patina.stream.sql.ObjectName;
import dev.patina.stream.sql.OrderByItem;
import dev.patina.stream.sql.Statement;
import dev.patina.stream.state.WriteBatch;
import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * CREATE and DROP. Every check runs before anything is written; the catalog entry (and, for DROP,
 * the deletion of the rows) then commits in one batch, so an error never leaves a half-made object.
 */
final class Ddl {
  private Ddl() {}

  static final String ROW_ID = "_row_id";

  private static String schemaOf(ObjectName n) {
    if (n.parts().size() > 2) {
      throw new SqlException(
          SqlState.FEATURE_NOT_SUPPORTED, "cross-database references are not supported");
    }
    String schema = n.parts().size() == 2 ? n.parts().get(0) : "public";
    if (!schema.equals("public")) {
      throw new SqlException("3F000", "schema \"" + schema + "\" does not exist");
    }
    return schema;
  }

  static StatementResult createTable(StreamSession s, Statement.CreateTable c) {
    if (c.formatEncode() != null) {
      throw new SqlException(
          SqlState.FEATURE_NOT_SUPPORTED, "tables with connectors are not supported yet");
    }
    String schema = schemaOf(c.name());
    String name = c.name().name();
    s.db.writeLock().lock();
    try {
      if (exists(s, schema, name, c.ifNotExists(), "CREATE TABLE")) {
        return new StatementResult.Command("CREATE TABLE");
      }
      List<ColumnDesc> cols = new ArrayList<>();
      List<Integer> pk = new ArrayList<>();
      Set<String> names = new HashSet<>();
      Binder.BoundQuery asQuery = null;
      if (c.asQuery() != null) {
        asQuery = s.binder(List.of()).bindQuery(c.asQuery());
        for (int i = 0; i < asQuery.names().size(); i++) {
          String n = i < c.columns().size() ? c.columns().get(i).name() : asQuery.names().get(i);
          addColumn(cols, names, n, asQuery.types().get(i));
        }
      } else {
        for (Statement.ColumnDef d : c.columns()) {
          DataType t = TypeNames.resolve(d.type());
          addColumn(cols, names, d.name(), t);
          for (Statement.ColumnConstraint cc : d.constraints()) {
            if (cc.kind() == Statement.ColumnConstraintKind.PRIMARY_KEY) {
              if (!pk.isEmpty()) {
                throw multiplePk(name);
              }
              pk.add(cols.size() - 1);
            }
          }
        }
      }
      for (Statement.TableConstraint tc : c.constraints()) {
        if (tc.kind() == Statement.TableConstraintKind.PRIMARY_KEY) {
          if (!pk.isEmpty()) {
            throw multiplePk(name);
          }
          for (String col : tc.columns()) {
            int i = indexOf(cols, col);
            if (i < 0) {
              throw new SqlException(
                  SqlState.UNDEFINED_COLUMN, "column \"" + col + "\" named in key does not exist");
            }
            if (pk.contains(i)) {
              throw new SqlException(
                  "42701", "column \"" + col + "\" appears twice in primary key constraint");
            }
            pk.add(i);
          }
        }
      }
      boolean declared = !pk.isEmpty();
      if (!declared) {
        cols.add(new ColumnDesc(ROW_ID, DataType.SERIAL, true));
        pk.add(cols.size() - 1);
      }
      for (int k : pk) {
        DataType kt = cols.get(k).type();
        if (kt == DataType.JSONB) {
          throw new SqlException(
              SqlState.FEATURE_NOT_SUPPORTED,
              "column \"" + cols.get(k).name() + "\" of type jsonb cannot be a primary key");
        }
      }
      Relation r =
          new Relation(
              s.db.catalog().allocateId(),
              schema,
              name,
              RelationKind.TABLE,
              cols,
              pk,
              c.appendOnly(),
              c.toSql(),
              List.of(),
              declared);
      ConflictPolicy.of(c, r);
      TableWatermarks.check(r, s.binder(List.of()));
      WriteBatch batch = new WriteBatch();
      s.db.catalog().writeCreate(r, batch);
      s.db.commit(batch, List.of(r), List.of(), Map.of());
    } finally {
      s.db.writeLock().unlock();
    }
    if (c.asQuery() != null) {
      Dml.insert(
          s, new Statement.Insert(c.pos(), c.name(), List.of(), c.asQuery(), List.of()), List.of());
    }
    return new StatementResult.Command("CREATE TABLE");
  }

  private static SqlException multiplePk(String table) {
    return new SqlException(
        "42P16", "multiple primary keys for table \"" + table + "\" are not allowed");
  }

  private static int indexOf(List<ColumnDesc> cols, String name) {
    for (int i = 0; i < cols.size(); i++) {
      if (cols.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  private static void addColumn(List<ColumnDesc> cols, Set<String> names, String n, DataType t) {
    if (!names.add(n)) {
      throw new SqlException("42701", "column \"" + n + "\" specified more than once");
    }
    if (n.equals(ROW_ID)) {
      throw new SqlException("42701", "column name \"" + ROW_ID + "\" is reserved");
    }
    cols.add(new ColumnDesc(n, t));
  }

  /** Whether the name is taken; true means skip (IF NOT EXISTS), otherwise a taken name throws. */
  private static boolean exists(
      StreamSession s, String schema, String name, boolean ifNotExists, String tag) {
    Relation old = s.db.catalog().get(schema, name);
    if (old == null) {
      return false;
    }
    if (ifNotExists) {
      s.context.notice(
          dev.patina.stream.pgwire.Notice.notice(
              "relation \"" + name + "\" already exists, skipping"));
      return true;
    }
    throw new SqlException(
        SqlState.DUPLICATE_TABLE,
        old.kind().sqlName().substring(0, 1).toUpperCase(Locale.ROOT)
            + old.kind().sqlName().substring(1)
            + " \""
            + name
            + "\" already exists");
  }

  static StatementResult createView(StreamSession s, Statement.CreateView v) {
    String tag = v.materialized() ? "CREATE MATERIALIZED VIEW" : "CREATE VIEW";
    String schema = schemaOf(v.name());
    String name = v.name().name();
    s.db.writeLock().lock();
    try {
      if (v.orReplace() && !v.materialized()) {
        Relation old = s.db.catalog().get(schema, name);
        if (old != null) {
          dropObjects(s, List.of(old), false);
        }
      }
      if (exists(s, schema, name, v.ifNotExists(), tag)) {
        return new StatementResult.Command(tag);
      }
      Binder binder = s.binder(List.of());
      if (v.materialized()) {
        binder.forMaterializedView();
      }
      Binder.BoundQuery b = binder.bindQuery(v.query());
      List<ColumnDesc> cols = new ArrayList<>();
      Set<String> names = new HashSet<>();
      if (v.materialized() && !v.columns().isEmpty() && v.columns().size() != b.names().size()) {
        throw new SqlException(
            SqlState.SYNTAX_ERROR,
            "incorrect column numbers: the query has "
                + b.names().size()
                + " columns but "
                + v.columns().size()
                + " names were given");
      }
      if (v.materialized()) {
        StreamingChecks.check(dev.patina.stream.plan.Optimizer.optimize(b.plan()));
      }
      if (v.columns().size() > b.names().size()) {
        throw new SqlException(SqlState.SYNTAX_ERROR, "too many column names were specified");
      }
      for (int i = 0; i < b.names().size(); i++) {
        String n = i < v.columns().size() ? v.columns().get(i) : b.names().get(i);
        if (!names.add(n)) {
          throw new SqlException("42701", "column \"" + n + "\" specified more than once");
        }
        cols.add(new ColumnDesc(n, b.types().get(i)));
      }
      List<Integer> deps = new ArrayList<>(binder.dependencies());
      deps.sort(null);
      boolean changelog = StreamingChecks.readsChangelog(b.plan());
      Relation r =
          new Relation(
              s.db.catalog().allocateId(),
              schema,
              name,
              v.materialized() ? RelationKind.MATERIALIZED_VIEW : RelationKind.VIEW,
              cols,
              List.of(),
              v.materialized() && changelog,
              v.toSql(),
              deps,
              false);
      if (v.materialized()) {
        r = r.withTimeZone(s.timeZone().getId());
      }
      StreamingBackend.PreparedView job = null;
      if (v.materialized() && !binder.ranSubqueries()) {
        job = s.db.backend().prepareMaterializedView(r, b, s.db.catalog()::allocateId);
        if (job != null) {
          r = r.withStateTables(job.stateTables());
        }
      }
      if (changelog && job == null) {
        // a changelog lists changes as they happen: computing the view when read cannot give it
        throw new SqlException(
            SqlState.FEATURE_NOT_SUPPORTED,
            "a changelog CTE needs a materialized view that the streaming engine maintains, and"
                + " this query cannot be maintained incrementally");
      }
      WriteBatch batch = new WriteBatch();
      s.db.catalog().writeCreate(r, batch);
      s.db.commit(batch, List.of(r), List.of(), Map.of());
      if (job != null) {
        try {
          job.start().run();
        } catch (RuntimeException e) {
          WriteBatch undo = new WriteBatch();
          Catalog.writeDrop(r, undo);
          s.db.commit(undo, List.of(), List.of(r), Map.of());
          throw e;
        }
      }
      return new StatementResult.Command(tag);
    } finally {
      s.db.writeLock().unlock();
    }
  }

  static StatementResult createIndex(StreamSession s, Statement.CreateIndex ci) {
    String schema = schemaOf(ci.table());
    s.db.writeLock().lock();
    try {
      Relation t = s.binder(List.of()).relation(ci.table());
      if (t.kind() != RelationKind.TABLE && t.kind() != RelationKind.MATERIALIZED_VIEW) {
        throw new SqlException(
            SqlState.FEATURE_NOT_SUPPORTED,
            "cannot create an index on " + t.kind().sqlName() + " \"" + t.name() + "\"");
      }
      String name = ci.name() != null ? ci.name().name() : t.name() + "_idx";
      if (exists(s, schema, name, ci.ifNotExists(), "CREATE INDEX")) {
        return new StatementResult.Command("CREATE INDEX");
      }
      List<ColumnDesc> cols = new ArrayList<>();
      for (OrderByItem o : ci.columns()) {
        if (!(o.expr() instanceof dev.patina.stream.sql.Expr.ColumnRef ref)) {
          throw new SqlException(
              SqlState.FEATURE_NOT_SUPPORTED, "index expressions are not supported yet");
        }
        int i = t.columnIndex(ref.names().getLast());
        if (i < 0) {
          throw new SqlException(
              SqlState.UNDEFINED_COLUMN, "column \"" + ref.names().getLast() + "\" does not exist");
        }
        cols.add(t.columns().get(i));
      }
      List<String> rest = new ArrayList<>(ci.include());
      if (rest.isEmpty()) {
        t.visibleColumns().forEach(cd -> rest.add(cd.name()));
      }
      for (String n : rest) {
        int i = t.columnIndex(n);
        if (i < 0) {
          throw new SqlException(SqlState.UNDEFINED_COLUMN, "column \"" + n + "\" does not exist");
        }
        if (!cols.contains(t.columns().get(i))) {
          cols.add(t.columns().get(i));
        }
      }
      Relation r =
          new Relation(
              s.db.catalog().allocateId(),
              schema,
              name,
              RelationKind.INDEX,
              cols,
              List.of(),
              false,
              ci.toSql(),
              List.of(t.id()),
              false);
      WriteBatch batch = new WriteBatch();
      s.db.catalog().writeCreate(r, batch);
      s.db.commit(batch, List.of(r), List.of(), Map.of());
      return new StatementResult.Command("CREATE INDEX");
    } finally {
      s.db.writeLock().unlock();
    }
  }

  static StatementResult drop(StreamSession s, Statement.Drop d) {
    RelationKind kind =
        switch (d.kind()) {
          case TABLE -> RelationKind.TABLE;
          case VIEW -> RelationKind.VIEW;
          case MATERIALIZED_VIEW -> RelationKind.MATERIALIZED_VIEW;
          case INDEX -> RelationKind.INDEX;
          case SOURCE -> RelationKind.SOURCE;
          case SINK -> RelationKind.SINK;
          default ->
              throw new SqlException(
                  SqlState.FEATURE_NOT_SUPPORTED, "DROP " + d.kind().sql + " is not supported yet");
        };
    String tag = "DROP " + d.kind().sql;
    s.db.writeLock().lock();
    try {
      List<Relation> targets = new ArrayList<>();
      for (ObjectName n : d.names()) {
        String schema = n.parts().size() > 1 ? n.parts().get(n.parts().size() - 2) : "public";
        Relation r = s.db.catalog().get(schema, n.name());
        if (r == null || r.kind() != kind) {
          if (d.ifExists()) {
            s.context.notice(
                dev.patina.stream.pgwire.Notice.notice(
                    kind.sqlName() + " \"" + n.name() + "\" does not exist, skipping"));
            continue;
          }
          if (r != null) {
            throw new SqlException(
                "42809",
                "\""
                    + n.name()
                    + "\" is not a "
                    + kind.sqlName()
                    + (r == null ? "" : ", it is a " + r.kind().sqlName()));
          }
          throw new SqlException(
              SqlState.UNDEFINED_TABLE, kind.sqlName() + " \"" + n.toSql() + "\" does not exist");
        }
        targets.add(r);
      }
      dropObjects(s, targets, d.cascade());
      return new StatementResult.Command(tag);
    } finally {
      s.db.writeLock().unlock();
    }
  }

  /** Drops relations and what depends on them (indexes always; others only with CASCADE). */
  private static void dropObjects(StreamSession s, List<Relation> targets, boolean cascade) {
    Map<Integer, Relation> all = new LinkedHashMap<>();
    for (Relation r : targets) {
      collect(s, r, cascade, all, targets);
    }
    if (all.isEmpty()) {
      return;
    }
    WriteBatch batch = new WriteBatch();
    for (Relation r : all.values()) {
      Catalog.writeDrop(r, batch);
    }
    for (Relation r : all.values()) {
      if (r.kind() == RelationKind.MATERIALIZED_VIEW) {
        s.db.backend().dropMaterializedView(r);
      }
    }
    s.db.commit(batch, List.of(), all.values(), Map.of());
  }

  private static void collect(
      StreamSession s,
      Relation r,
      boolean cascade,
      Map<Integer, Relation> out,
      List<Relation> targets) {
    if (out.containsKey(r.id())) {
      return;
    }
    for (Relation dep : s.db.catalog().dependents(r.id())) {
      if (dep.kind() == RelationKind.INDEX || cascade || targets.contains(dep)) {
        collect(s, dep, cascade, out, targets);
      } else {
        throw new SqlException(
                "2BP01",
                "cannot drop "
                    + r.kind().sqlName()
                    + " "
                    + r.name()
                    + " because other objects depend on it")
            .withDetail(
                dep.kind().sqlName()
                    + " "
                    + dep.name()
                    + " depends on "
                    + r.kind().sqlName()
                    + " "
                    + r.name())
            .withHint("Use DROP ... CASCADE to drop the dependent objects too.");
      }
    }
    out.put(r.id(), r);
  }
}
