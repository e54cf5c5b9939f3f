package dev.patina.stream.catalog;

import java.util.List;
import java.util.Objects;

/**
 * A catalog object that has columns: a table, a materialized view, a view, an index.
 *
 * @param id the object id, also the state table id of its rows (unique for the database's life)
 * @param schema the schema name ({@code public})
 * @param name the unqualified name, as stored (already case-folded)
 * @param kind what it is
 * @param columns every column, hidden ones included, in storage order
 * @param pk the primary-key column indexes (for a table without a declared key: {@code _row_id})
 * @param appendOnly whether the table accepts only inserts ({@code APPEND ONLY})
 * @param definition the statement that created it, re-run on recovery
 * @param dependsOn ids of the relations its query reads (views, materialized views, indexes)
 * @param primaryKeyDeclared whether {@code pk} was declared by the user (otherwise it is a row id)
 * @param stateTables the state table ids of a materialized view's streaming job, in the order the
 *     planner allocated them (empty: the view is computed when read)
 * @param timeZone the TimeZone of the session that created a materialized view, in which its
 *     expressions evaluate whoever reads it (null: none recorded, UTC)
 */
public record Relation(
    int id,
    String schema,
    String name,
    RelationKind kind,
    List<ColumnDesc> columns,
    List<Integer> pk,
    boolean appendOnly,
    String definition,
    List<Integer> dependsOn,
    boolean primaryKeyDeclared,
    List<Integer> stateTables,
    String timeZone) {
  public Relation {
    Objects.requireNonNull(name, "name");
    columns = List.copyOf(columns);
    pk = List.copyOf(pk);
    dependsOn = List.copyOf(dependsOn);
    stateTables = List.copyOf(stateTables);
  }

  /** A relation that no streaming job maintains (yet), with no TimeZone recorded. */
  public Relation(
      int id,
      String schema,
      String name,
      RelationKind kind,
      List<ColumnDesc> columns,
      List<Integer> pk,
      boolean appendOnly,
      String definition,
      List<Integer> dependsOn,
      boolean primaryKeyDeclared) {
    this(
        id,
        schema,
        name,
        kind,
        columns,
        pk,
        appendOnly,
        definition,
        dependsOn,
        primaryKeyDeclared,
        List.of(),
        null);
  }

  /** This relation maintained by a streaming job with these state tables. */
  public Relation withStateTables(List<Integer> ids) {
    return new Relation(
        id,
        schema,
        name,
        kind,
        columns,
        pk,
        appendOnly,
        definition,
        dependsOn,
        primaryKeyDeclared,
        ids,
        timeZone);
  }

  /** This materialized view created in a session whose TimeZone is {@code zone}. */
  public Relation withTimeZone(String zone) {
    return new Relation(
        id,
        schema,
        name,
        kind,
        columns,
        pk,
        appendOnly,
        definition,
        dependsOn,
        primaryKeyDeclared,
        stateTables,
        zone);
  }

  /** Whether a streaming job maintains this materialized view's rows. */
  public boolean maintained() {
    return !stateTables.isEmpty();
  }

  /** The index of column {@code name}, or -1. */
  public int columnIndex(String name) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(name)) {
        return i;
      }
    }
    return -1;
  }

  /** The columns {@code SELECT *} shows. */
  public List<ColumnDesc> visibleColumns() {
    return columns.stream().filter(c -> !c.hidden()).toList();
  }

  /** How the relation's rows lie in its state table: keyed by {@link #pk()}, ascending. */
  public dev.patina.stream.state.TableLayout layout() {
    return dev.patina.stream.state.TableLayout.of(
        id, columns.stream().map(ColumnDesc::type).toList(), pk);
  }

  /** The name qualified by its schema. */
  public String qualifiedName() {
    return schema + "." + name;
  }
}
