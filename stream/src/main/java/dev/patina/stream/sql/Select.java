package dev.patina.stream.sql;

import java.util.List;

/**
 * {@code SELECT [DISTINCT [ON (...)]] items [FROM ...] [WHERE ...] [GROUP BY ...] [HAVING ...]
 * [WINDOW ...]}. {@code where} and {@code having} are nullable; {@code distinctOn} is non-empty
 * only when {@code distinct} is set.
 */
public record Select(
    Pos pos,
    boolean distinct,
    List<Expr> distinctOn,
    List<SelectItem> items,
    List<TableRef> from,
    Expr where,
    List<GroupingElement> groupBy,
    Expr having,
    List<NamedWindow> windows)
    implements SetExpr {
  public Select {
    distinctOn = List.copyOf(distinctOn);
    items = List.copyOf(items);
    from = List.copyOf(from);
    groupBy = List.copyOf(groupBy);
    windows = List.copyOf(windows);
  }

  /** An item of a select list (or of RETURNING). */
  public sealed interface SelectItem {
    Pos pos();

    /** {@code expr [[AS] alias]}; alias nullable. */
    record ExprItem(Pos pos, Expr expr, String alias) implements SelectItem {}

    /**
     * {@code *} or {@code t.*} ({@code qualifier} nullable), with RisingWave's {@code EXCEPT
     * (cols)}.
     */
    record Wildcard(Pos pos, ObjectName qualifier, List<Expr> except) implements SelectItem {
      public Wildcard {
        except = List.copyOf(except);
      }
    }

    /** {@code (expr).*}: every field of a composite value. */
    record ExprWildcard(Pos pos, Expr expr) implements SelectItem {}
  }

  /** An element of GROUP BY. */
  public sealed interface GroupingElement {
    Pos pos();

    /** A grouping expression. */
    record Item(Pos pos, Expr expr) implements GroupingElement {}

    /** A parenthesized list inside ROLLUP, CUBE or GROUPING SETS, or {@code ()} (the empty set). */
    record Set(Pos pos, List<Expr> exprs) implements GroupingElement {
      public Set {
        exprs = List.copyOf(exprs);
      }
    }

    /** {@code ROLLUP (...)}: elements are {@link Item}s or {@link Set}s. */
    record Rollup(Pos pos, List<GroupingElement> elements) implements GroupingElement {
      public Rollup {
        elements = List.copyOf(elements);
      }
    }

    /** {@code CUBE (...)}: elements are {@link Item}s or {@link Set}s. */
    record Cube(Pos pos, List<GroupingElement> elements) implements GroupingElement {
      public Cube {
        elements = List.copyOf(elements);
      }
    }

    /** {@code GROUPING SETS (...)}, which may nest any element. */
    record GroupingSets(Pos pos, List<GroupingElement> elements) implements GroupingElement {
      public GroupingSets {
        elements = List.copyOf(elements);
      }
    }
  }

  /** {@code WINDOW name AS (spec)}. */
  public record NamedWindow(Pos pos, String name, Window.Spec spec) {}
}
