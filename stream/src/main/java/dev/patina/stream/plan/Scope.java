package dev.patina.stream.plan;

import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.List;

/**
 * The columns a name can refer to in one FROM clause, in the order of the plan's output row. {@code
 * hidden} columns resolve by name but are left out of {@code *} (a table's {@code _row_id}, the
 * duplicate sides of a USING join).
 */
public final class Scope {
  /** One column: the table alias it came from (null: none), its name and type. */
  public record Column(String qualifier, String name, DataType type, boolean hidden) {}

  private final List<Column> columns;

  public Scope(List<Column> columns) {
    this.columns = List.copyOf(columns);
  }

  public static Scope empty() {
    return new Scope(List.of());
  }

  /** The plan's fields under one table alias. */
  public static Scope of(String qualifier, List<Field> fields) {
    List<Column> cs = new ArrayList<>();
    for (Field f : fields) {
      cs.add(new Column(qualifier, f.name(), f.type(), f.hidden()));
    }
    return new Scope(cs);
  }

  public List<Column> columns() {
    return columns;
  }

  public int size() {
    return columns.size();
  }

  /** This scope's columns followed by {@code other}'s (a join). */
  public Scope concat(Scope other) {
    List<Column> cs = new ArrayList<>(columns);
    cs.addAll(other.columns);
    return new Scope(cs);
  }

  /** Whether some column has this qualifier. */
  public boolean hasQualifier(String qualifier) {
    return columns.stream().anyMatch(c -> qualifier.equals(c.qualifier()));
  }

  /**
   * The index of the column {@code qualifier.name} (qualifier null: any), -1 if none.
   *
   * @throws SqlException 42702 when the name is ambiguous
   */
  public int find(String qualifier, String name) {
    int found = -1;
    int foundVisible = -1;
    int visibleCount = 0;
    int count = 0;
    for (int i = 0; i < columns.size(); i++) {
      Column c = columns.get(i);
      if (c.name().equals(name) && (qualifier == null || qualifier.equals(c.qualifier()))) {
        count++;
        found = i;
        if (!c.hidden() || qualifier != null) {
          visibleCount++;
          foundVisible = i;
        }
      }
    }
    if (visibleCount > 1) {
      throw new SqlException(
          "42702",
          "column reference \""
              + (qualifier == null ? "" : qualifier + ".")
              + name
              + "\" is ambiguous");
    }
    if (visibleCount == 1) {
      return foundVisible;
    }
    return count >= 1 ? found : -1;
  }

  public Column get(int i) {
    return columns.get(i);
  }

  /** Thrown for a name no column matches. */
  static SqlException unknownColumn(String qualifier, String name) {
    return new SqlException(
        SqlState.UNDEFINED_COLUMN,
        "column \"" + (qualifier == null ? "" : qualifier + ".") + name + "\" does not exist");
  }
}
