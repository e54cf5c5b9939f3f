package dev.patina.stream.sql;

import dev.patina.stream.sql.Select.SelectItem;
import java.util.List;

/** A statement of Patina's SQL dialect (PostgreSQL's, with RisingWave's streaming additions). */
public sealed interface Statement
    permits Query,
        Statement.CreateTable,
        Statement.CreateView,
        Statement.CreateIndex,
        Statement.CreateSource,
        Statement.CreateSink,
        Statement.CreateSchema,
        Statement.CreateDatabase,
        Statement.Drop,
        Statement.Insert,
        Statement.Update,
        Statement.Delete,
        Statement.Flush,
        Statement.Recover,
        Statement.SetVariable,
        Statement.SetTransaction,
        Statement.ShowVariable,
        Statement.ShowObjects,
        Statement.ShowCreate,
        Statement.Describe,
        Statement.Explain,
        Statement.StartTransaction,
        Statement.Commit,
        Statement.Rollback {
  Pos pos();

  /** This statement as SQL that parses back to an equal tree. */
  default String toSql() {
    return SqlPrinter.print(this);
  }

  /**
   * {@code CREATE [OR REPLACE] [TEMPORARY] TABLE [IF NOT EXISTS] name (elements) [APPEND ONLY] [ON
   * CONFLICT ...] [WITH VERSION COLUMN (...)] [WITH (options)] [FORMAT ... ENCODE ...] [AS query]}.
   * {@code onConflict}, {@code formatEncode} and {@code asQuery} are nullable; {@code wildcard} is
   * a {@code *} among the elements (columns taken from a schema registry).
   */
  record CreateTable(
      Pos pos,
      ObjectName name,
      boolean orReplace,
      boolean temporary,
      boolean ifNotExists,
      List<ColumnDef> columns,
      List<TableConstraint> constraints,
      List<Watermark> watermarks,
      boolean wildcard,
      boolean appendOnly,
      OnConflict onConflict,
      List<String> versionColumns,
      List<SqlOption> with,
      FormatEncode formatEncode,
      Query asQuery)
      implements Statement {
    public CreateTable {
      columns = List.copyOf(columns);
      constraints = List.copyOf(constraints);
      watermarks = List.copyOf(watermarks);
      versionColumns = List.copyOf(versionColumns);
      with = List.copyOf(with);
    }
  }

  /**
   * {@code CREATE [OR REPLACE] [MATERIALIZED] VIEW [IF NOT EXISTS] name [(columns)] [WITH
   * (options)] AS query [EMIT ON WINDOW CLOSE | EMIT IMMEDIATELY]}; {@code emit} is nullable.
   */
  record CreateView(
      Pos pos,
      ObjectName name,
      boolean materialized,
      boolean orReplace,
      boolean ifNotExists,
      List<String> columns,
      List<SqlOption> with,
      Query query,
      EmitMode emit)
      implements Statement {
    public CreateView {
      columns = List.copyOf(columns);
      with = List.copyOf(with);
    }
  }

  /**
   * {@code CREATE [UNIQUE] INDEX [IF NOT EXISTS] name ON table [USING method] (keys) [INCLUDE
   * (cols)] [DISTRIBUTED BY (exprs)] [WITH (options)]}; {@code method} nullable.
   */
  record CreateIndex(
      Pos pos,
      ObjectName name,
      boolean unique,
      boolean ifNotExists,
      ObjectName table,
      String method,
      List<OrderByItem> columns,
      List<String> include,
      List<Expr> distributedBy,
      List<SqlOption> with)
      implements Statement {
    public CreateIndex {
      columns = List.copyOf(columns);
      include = List.copyOf(include);
      distributedBy = List.copyOf(distributedBy);
      with = List.copyOf(with);
    }
  }

  /**
   * {@code CREATE SOURCE [IF NOT EXISTS] name [(elements)] WITH (options) [FORMAT ... ENCODE ...]};
   * {@code formatEncode} nullable.
   */
  record CreateSource(
      Pos pos,
      ObjectName name,
      boolean ifNotExists,
      List<ColumnDef> columns,
      List<TableConstraint> constraints,
      List<Watermark> watermarks,
      boolean wildcard,
      List<SqlOption> with,
      FormatEncode formatEncode)
      implements Statement {
    public CreateSource {
      columns = List.copyOf(columns);
      constraints = List.copyOf(constraints);
      watermarks = List.copyOf(watermarks);
      with = List.copyOf(with);
    }
  }

  /**
   * {@code CREATE SINK [IF NOT EXISTS] name [INTO table [(cols)]] {FROM relation | AS query} [EMIT
   * ...] [WITH (options)] [FORMAT ... ENCODE ...]}. Exactly one of {@code from} and {@code asQuery}
   * is set; {@code into}, {@code emit} and {@code formatEncode} are nullable.
   */
  record CreateSink(
      Pos pos,
      ObjectName name,
      boolean ifNotExists,
      ObjectName into,
      List<String> intoColumns,
      ObjectName from,
      Query asQuery,
      EmitMode emit,
      List<SqlOption> with,
      FormatEncode formatEncode)
      implements Statement {
    public CreateSink {
      intoColumns = List.copyOf(intoColumns);
      with = List.copyOf(with);
    }
  }

  /** {@code CREATE SCHEMA [IF NOT EXISTS] name [AUTHORIZATION owner]}; owner nullable. */
  record CreateSchema(Pos pos, ObjectName name, boolean ifNotExists, String owner)
      implements Statement {}

  /** {@code CREATE DATABASE [IF NOT EXISTS] name}. */
  record CreateDatabase(Pos pos, ObjectName name, boolean ifNotExists) implements Statement {}

  /** {@code DROP kind [IF EXISTS] names [CASCADE | RESTRICT]}. */
  record Drop(Pos pos, ObjectKind kind, boolean ifExists, List<ObjectName> names, boolean cascade)
      implements Statement {
    public Drop {
      names = List.copyOf(names);
    }
  }

  /**
   * {@code INSERT INTO table [(columns)] {query | DEFAULT VALUES} [RETURNING ...]}; {@code source}
   * is null for DEFAULT VALUES.
   */
  record Insert(
      Pos pos, ObjectName table, List<String> columns, Query source, List<SelectItem> returning)
      implements Statement {
    public Insert {
      columns = List.copyOf(columns);
      returning = List.copyOf(returning);
    }
  }

  /**
   * {@code UPDATE table [[AS] alias] SET assignments [WHERE ...] [RETURNING ...]}; alias and where
   * nullable.
   */
  record Update(
      Pos pos,
      ObjectName table,
      String alias,
      List<Assignment> assignments,
      Expr where,
      List<SelectItem> returning)
      implements Statement {
    public Update {
      assignments = List.copyOf(assignments);
      returning = List.copyOf(returning);
    }
  }

  /**
   * {@code column = value}, or {@code (c1, c2) = (v1, v2)} / {@code (c1, c2) = (SELECT ...)} when
   * several columns are listed.
   */
  record Assignment(Pos pos, List<String> columns, Expr value) {
    public Assignment {
      columns = List.copyOf(columns);
    }
  }

  /** {@code DELETE FROM table [[AS] alias] [WHERE ...] [RETURNING ...]}. */
  record Delete(Pos pos, ObjectName table, String alias, Expr where, List<SelectItem> returning)
      implements Statement {
    public Delete {
      returning = List.copyOf(returning);
    }
  }

  /** RisingWave's {@code FLUSH}: wait until all preceding writes are visible. */
  record Flush(Pos pos) implements Statement {}

  /** RisingWave's {@code RECOVER}: trigger a recovery of the streaming graph. */
  record Recover(Pos pos) implements Statement {}

  /**
   * {@code SET [SESSION | LOCAL] name {TO | =} {value, ... | DEFAULT}}, also {@code SET TIME ZONE
   * ...} (name {@code timezone}). Values are given as text: identifiers case-folded, strings
   * unquoted, numbers and keywords ({@code on}, {@code true}) as written; {@code DEFAULT} (and
   * {@code TIME ZONE LOCAL}) is an empty list.
   */
  record SetVariable(Pos pos, boolean local, String name, List<String> values)
      implements Statement {
    public SetVariable {
      values = List.copyOf(values);
    }
  }

  /**
   * {@code SET [SESSION CHARACTERISTICS AS] TRANSACTION modes}: modes such as {@code "ISOLATION
   * LEVEL READ COMMITTED"}, {@code "READ ONLY"}.
   */
  record SetTransaction(Pos pos, boolean session, List<String> modes) implements Statement {
    public SetTransaction {
      modes = List.copyOf(modes);
    }
  }

  /** {@code SHOW name}, {@code SHOW ALL} (name {@code all}), {@code SHOW TIME ZONE}. */
  record ShowVariable(Pos pos, String name) implements Statement {}

  /**
   * RisingWave's {@code SHOW TABLES [FROM schema]}, {@code SHOW COLUMNS FROM table} ... with an
   * optional filter; {@code from} and {@code filter} are nullable.
   */
  record ShowObjects(Pos pos, ShowKind kind, ObjectName from, ShowFilter filter)
      implements Statement {}

  enum ShowKind {
    TABLES,
    INTERNAL_TABLES,
    MATERIALIZED_VIEWS,
    VIEWS,
    SOURCES,
    SINKS,
    SUBSCRIPTIONS,
    INDEXES,
    COLUMNS,
    DATABASES,
    SCHEMAS,
    FUNCTIONS,
    CONNECTIONS,
    SECRETS,
    CLUSTER,
    JOBS,
    PROCESSLIST,
    CURSORS
  }

  /** {@code LIKE 'pattern'}, {@code ILIKE 'pattern'} or {@code WHERE expr}. */
  record ShowFilter(Pos pos, ShowFilterKind kind, String pattern, Expr where) {}

  enum ShowFilterKind {
    LIKE,
    ILIKE,
    WHERE
  }

  /** {@code SHOW CREATE kind name}. */
  record ShowCreate(Pos pos, ObjectKind kind, ObjectName name) implements Statement {}

  /** {@code DESCRIBE name}. */
  record Describe(Pos pos, ObjectName name) implements Statement {}

  /**
   * {@code EXPLAIN [ANALYZE] [(option [value], ...)] statement}; options are case-folded names
   * ({@code verbose}, {@code trace}, {@code logical}, {@code physical}, {@code distsql}, {@code
   * type}, {@code format}) and nullable values.
   */
  record Explain(Pos pos, boolean analyze, List<ExplainOption> options, Statement statement)
      implements Statement {
    public Explain {
      options = List.copyOf(options);
    }
  }

  record ExplainOption(String name, String value) {}

  /** {@code BEGIN [WORK | TRANSACTION] [modes]} and {@code START TRANSACTION [modes]}. */
  record StartTransaction(Pos pos, List<String> modes) implements Statement {
    public StartTransaction {
      modes = List.copyOf(modes);
    }
  }

  /** {@code COMMIT}, {@code END}. */
  record Commit(Pos pos) implements Statement {}

  /** {@code ROLLBACK}, {@code ABORT}. */
  record Rollback(Pos pos) implements Statement {}

  // ---- parts of DDL statements

  /** {@code name [type] [constraints]}; the type is null for RisingWave's {@code c AS expr}. */
  record ColumnDef(Pos pos, String name, DataType type, List<ColumnConstraint> constraints) {
    public ColumnDef {
      constraints = List.copyOf(constraints);
    }
  }

  /**
   * {@code [CONSTRAINT name] NOT NULL | NULL | PRIMARY KEY | UNIQUE | DEFAULT expr | CHECK (expr) |
   * AS expr}; {@code name} and {@code expr} nullable.
   */
  record ColumnConstraint(Pos pos, String name, ColumnConstraintKind kind, Expr expr) {}

  enum ColumnConstraintKind {
    NOT_NULL,
    NULL,
    PRIMARY_KEY,
    UNIQUE,
    DEFAULT,
    CHECK,
    /** RisingWave's generated column {@code c AS expr}. */
    GENERATED
  }

  /**
   * {@code [CONSTRAINT name] PRIMARY KEY (cols) | UNIQUE (cols) | CHECK (expr)}; {@code name} and
   * {@code check} nullable.
   */
  record TableConstraint(
      Pos pos, String name, TableConstraintKind kind, List<String> columns, Expr check) {
    public TableConstraint {
      columns = List.copyOf(columns);
    }
  }

  enum TableConstraintKind {
    PRIMARY_KEY,
    UNIQUE,
    CHECK
  }

  /** RisingWave's {@code WATERMARK FOR column AS expr [WITH TTL]}. */
  record Watermark(Pos pos, String column, Expr expr, boolean withTtl) {}

  /** {@code name = value} in {@code WITH (...)}: the dotted name joined with dots. */
  record SqlOption(Pos pos, String name, Expr value) {}

  /** {@code FORMAT format ENCODE encode [(options)] [KEY ENCODE keyEncode]}, names upper-cased. */
  record FormatEncode(
      Pos pos, String format, String encode, List<SqlOption> options, String keyEncode) {
    public FormatEncode {
      options = List.copyOf(options);
    }
  }

  /** RisingWave's {@code ON CONFLICT} behaviour of tables with a primary key. */
  enum OnConflict {
    /** {@code DO UPDATE FULL} (also {@code OVERWRITE}): the new row replaces the old. */
    UPDATE_FULL,
    /** {@code DO NOTHING} (also {@code IGNORE}): the old row stays. */
    NOTHING,
    /** {@code DO UPDATE IF NOT NULL}: non-null columns of the new row overwrite. */
    UPDATE_IF_NOT_NULL
  }

  enum EmitMode {
    IMMEDIATELY,
    ON_WINDOW_CLOSE
  }

  enum ObjectKind {
    TABLE("TABLE"),
    VIEW("VIEW"),
    MATERIALIZED_VIEW("MATERIALIZED VIEW"),
    INDEX("INDEX"),
    SOURCE("SOURCE"),
    SINK("SINK"),
    SUBSCRIPTION("SUBSCRIPTION"),
    CONNECTION("CONNECTION"),
    SECRET("SECRET"),
    SCHEMA("SCHEMA"),
    DATABASE("DATABASE"),
    FUNCTION("FUNCTION");

    public final String sql;

    ObjectKind(String sql) {
      this.sql = sql;
    }
  }
}
