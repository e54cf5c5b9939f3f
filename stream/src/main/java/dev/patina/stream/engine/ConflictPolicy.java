package dev.patina.stream.engine;

import dev.patina.stream.catalog.Relation;
import dev.patina.stream.expr.Ordering;
import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.sql.SqlParser;
import dev.patina.stream.sql.Statement;
import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * What an INSERT of a present primary key does to a table (RisingWave's {@code ON CONFLICT} and
 * {@code WITH VERSION COLUMN}): overwrite the row (the default), keep the old row ({@code DO
 * NOTHING}), or overwrite only the new non-NULL values ({@code DO UPDATE IF NOT NULL}); with
 * version columns the new row wins only if its versions are not older than the stored ones.
 */
record ConflictPolicy(Statement.OnConflict action, int[] versionColumns) {
  static final ConflictPolicy OVERWRITE =
      new ConflictPolicy(Statement.OnConflict.UPDATE_FULL, new int[0]);

  /** The policy declared in the table's CREATE TABLE statement. */
  static ConflictPolicy of(Relation t) {
    if (!t.primaryKeyDeclared()
        || !(SqlParser.parseOne(t.definition()) instanceof Statement.CreateTable c)) {
      return OVERWRITE;
    }
    return of(c, t);
  }

  /** Checks and resolves the policy of a CREATE TABLE against the table's columns. */
  static ConflictPolicy of(Statement.CreateTable c, Relation t) {
    Statement.OnConflict action =
        c.onConflict() == null ? Statement.OnConflict.UPDATE_FULL : c.onConflict();
    List<Integer> versions = new ArrayList<>();
    for (String v : c.versionColumns()) {
      int i = t.columnIndex(v);
      if (i < 0) {
        throw new SqlException(SqlState.UNDEFINED_COLUMN, "Version column " + v + " not found");
      }
      DataType type = t.columns().get(i).type();
      if (type == DataType.BOOLEAN
          || type == DataType.JSONB
          || !(type instanceof dev.patina.stream.types.ScalarType)) {
        throw new SqlException(
            SqlState.DATATYPE_MISMATCH,
            "Version column " + v + " must be of a comparable data type");
      }
      versions.add(i);
    }
    if (!versions.isEmpty() && action == Statement.OnConflict.NOTHING) {
      throw new SqlException(
          SqlState.SYNTAX_ERROR,
          "The with version column syntax cannot be used with the ignore behavior of on conflict");
    }
    return new ConflictPolicy(action, versions.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * The row to store when {@code row} meets {@code old} of the same key; null keeps {@code old}.
   */
  Object[] resolve(Object[] old, Object[] row) {
    if (action == Statement.OnConflict.NOTHING) {
      return null;
    }
    if (versionColumns.length > 0 && olderVersion(old, row)) {
      return null;
    }
    if (action == Statement.OnConflict.UPDATE_IF_NOT_NULL) {
      Object[] merged = old.clone();
      for (int i = 0; i < row.length; i++) {
        if (row[i] != null) {
          merged[i] = row[i];
        }
      }
      return merged;
    }
    return row;
  }

  private boolean olderVersion(Object[] old, Object[] row) {
    for (int v : versionColumns) {
      int c = Ordering.NULLS_LAST.compare(row[v], old[v]);
      if (row[v] == null || old[v] == null) {
        c = row[v] == null ? (old[v] == null ? 0 : -1) : 1;
      }
      if (c != 0) {
        return c < 0;
      }
    }
    return false;
  }
}
