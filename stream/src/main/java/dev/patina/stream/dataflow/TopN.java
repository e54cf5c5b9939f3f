package dev.patina.stream.dataflow;

import dev.patina.stream.state.CloseableIterator;
import dev.patina.stream.state.OrderType;
import dev.patina.stream.state.StateTable;
import dev.patina.stream.state.TableLayout;
import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * ORDER BY ... LIMIT/OFFSET per group (RisingWave's {@code TopNExecutor} and {@code
 * GroupTopNExecutor}; no group keys: one group). At a barrier each changed group's window {@code
 * [offset, offset + limit)} is computed again and the difference to what it emitted before goes
 * downstream. With ties, rows equal in the order columns to the last row in the window also belong
 * to it ({@code FETCH FIRST n ROWS WITH TIES}, {@code rank() <= n}).
 *
 * <p>State: the input rows with a count, keyed by group, order columns and the whole row, so that a
 * scan of a group returns its rows in order. Memory holds, per group touched, only a cache of its
 * first rows (twice the window); when deletions drain the cache it is refilled from the table, as
 * RisingWave's TopN cache is.
 */
final class TopN extends Executor {
  private final PlanNode.TopN spec;
  private final List<DataType> types;
  private final List<DataType> groupTypes;
  private final List<DataType> orderTypes;
  private final List<DataType> sortTypes;
  private final List<OrderType> sortOrders;
  private final int[] sortCols;
  private final int[] pkCols;
  private final int[] allCols;
  private final int width;
  private final StateTable table;
  private final Map<RowKey, Group> groups = new HashMap<>();
  private final Map<RowKey, Group> dirty = new LinkedHashMap<>();

  private final class Group {
    final Object[] key;

    /** The group's first rows: sort key (order columns, whole row) to {row ++ count}. */
    TreeMap<RowKey, Object[]> cache = new TreeMap<>();

    /** Whether the cache holds every row of the group. */
    boolean complete;

    int capacity = initialCapacity();
    List<Object[]> emitted;

    Group(Object[] key) {
      this.key = key;
    }
  }

  TopN(ExecContext ctx, PlanNode.TopN spec) {
    super(ctx, 1);
    this.spec = spec;
    this.types = spec.types();
    this.width = types.size();
    this.groupTypes = Rows.pickTypes(types, spec.groupKeys());
    this.orderTypes = Rows.pickTypes(types, spec.orderCols());
    this.allCols = Rows.range(0, width);
    this.sortCols = concat(spec.orderCols(), allCols);
    this.sortTypes = Rows.pickTypes(types, sortCols);
    this.sortOrders = Rows.plus(spec.orders(), RowKey.ascending(width));
    this.pkCols = concat(spec.groupKeys(), sortCols);
    this.table =
        table(
            new TableLayout(
                spec.table(),
                Rows.plus(types, List.of(DataType.INT64)),
                Rows.list(pkCols),
                Rows.plus(RowKey.ascending(spec.groupKeys().length), sortOrders)));
  }

  private static int[] concat(int[] a, int[] b) {
    int[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  /** The least cache size; tests lower it to drive eviction and refills. */
  static volatile int minCapacity = 16;

  private int initialCapacity() {
    if (spec.limit() < 0) {
      return Integer.MAX_VALUE;
    }
    return (int) Math.min(1 << 20, Math.max(minCapacity, 2 * (spec.offset() + spec.limit())));
  }

  /** The group of {@code row}, its cache loaded and its emitted window known. */
  private Group group(Object[] row) {
    RowKey gk = RowKey.of(row, spec.groupKeys(), groupTypes);
    Group g = groups.get(gk);
    if (g == null) {
      g = new Group(Rows.pick(row, spec.groupKeys()));
      fill(g);
      // What is committed and staged was emitted: the window over it is the group's output.
      g.emitted = window(g);
      groups.put(gk, g);
    }
    return g;
  }

  /** Loads the group's first {@code capacity} rows from the table (staged writes included). */
  private void fill(Group g) {
    TreeMap<RowKey, Object[]> cache = new TreeMap<>();
    boolean complete = true;
    try (CloseableIterator<Object[]> it = table.scanPrefix(g.key)) {
      while (it.hasNext()) {
        if (cache.size() >= g.capacity) {
          complete = false;
          break;
        }
        Object[] stored = it.next();
        cache.put(sortKey(stored), stored);
      }
    }
    g.cache = cache;
    g.complete = complete;
  }

  private RowKey sortKey(Object[] row) {
    return RowKey.of(row, sortCols, sortTypes, sortOrders);
  }

  private RowKey orderKey(Object[] row) {
    return RowKey.of(row, spec.orderCols(), orderTypes, spec.orders());
  }

  @Override
  protected void onChunk(int input, Chunk chunk) {
    for (int i = 0; i < chunk.size(); i++) {
      Object[] row = Rows.prefix(chunk.row(i), width);
      Group g = group(row);
      RowKey k = sortKey(row);
      Object[] stored = g.cache.get(k);
      boolean cached = stored != null;
      if (!cached && !g.complete) {
        stored = table.get(Rows.pick(row, pkCols));
      }
      long count = (stored == null ? 0 : (Long) stored[width]) + chunk.op(i).sign();
      if (count > 0) {
        Object[] s = Rows.append(row, count);
        table.insert(s);
        if (cached || g.complete || (!g.cache.isEmpty() && k.compareTo(g.cache.lastKey()) < 0)) {
          g.cache.put(k, s);
          while (g.cache.size() > g.capacity) {
            g.cache.pollLastEntry();
            g.complete = false;
          }
        }
      } else if (stored != null) {
        table.delete(stored);
        if (cached) {
          g.cache.remove(k);
        }
      } else {
        ctx.warn("top-n: delete of a row that is not there");
      }
      dirty.put(RowKey.of(row, spec.groupKeys(), groupTypes), g);
    }
  }

  /** The rows of the group's window, duplicates repeated, in order; refills a short cache. */
  private List<Object[]> window(Group g) {
    while (true) {
      List<Object[]> out = windowOfCache(g);
      if (out != null) {
        return out;
      }
      g.capacity = g.capacity > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : g.capacity * 2;
      fill(g);
    }
  }

  /** The window if the cache decides it, null if rows beyond the cache may belong to it. */
  private List<Object[]> windowOfCache(Group g) {
    List<Object[]> out = new ArrayList<>();
    long skip = spec.offset();
    long limit = spec.limit() < 0 ? Long.MAX_VALUE : spec.limit();
    RowKey lastOrder = null;
    for (Object[] stored : g.cache.values()) {
      long count = (Long) stored[width];
      Object[] row = Arrays.copyOf(stored, width);
      for (long c = 0; c < count; c++) {
        if (skip > 0) {
          skip--;
          continue;
        }
        if (out.size() >= limit) {
          if (!spec.withTies() || !orderKey(row).equals(lastOrder)) {
            return out;
          }
        }
        out.add(row);
        lastOrder = spec.withTies() ? orderKey(row) : null;
      }
    }
    // The cache ran out before the window was decided: only a complete cache decides it.
    return g.complete ? out : null;
  }

  /** A watermark on a group key column holds for the output after this barrier. */
  @Override
  protected void onWatermark(int input, Watermark watermark) {
    for (int k : spec.groupKeys()) {
      if (k == watermark.column()) {
        holdWatermark(watermark);
      }
    }
  }

  @Override
  protected void onBarrier(Barrier barrier) {
    if (dirty.isEmpty()) {
      return;
    }
    Chunk.Builder out = new Chunk.Builder();
    for (Map.Entry<RowKey, Group> e : dirty.entrySet()) {
      Group g = e.getValue();
      List<Object[]> now = window(g);
      diff(g.emitted, now, out);
      g.emitted = now;
      if (g.complete && g.cache.isEmpty()) {
        groups.remove(e.getKey());
      }
    }
    dirty.clear();
    emit(out.build());
  }

  /** Deletes of rows no longer in the window, then inserts of the new ones (as multisets). */
  private void diff(List<Object[]> before, List<Object[]> after, Chunk.Builder out) {
    Map<RowKey, long[]> delta = new LinkedHashMap<>();
    Map<RowKey, Object[]> rows = new HashMap<>();
    for (Object[] r : before) {
      RowKey k = RowKey.of(r, allCols, types);
      delta.computeIfAbsent(k, x -> new long[1])[0]--;
      rows.put(k, r);
    }
    for (Object[] r : after) {
      RowKey k = RowKey.of(r, allCols, types);
      delta.computeIfAbsent(k, x -> new long[1])[0]++;
      rows.put(k, r);
    }
    for (Map.Entry<RowKey, long[]> d : delta.entrySet()) {
      if (d.getValue()[0] < 0) {
        out.addCopies((int) d.getValue()[0], rows.get(d.getKey()));
      }
    }
    for (Map.Entry<RowKey, long[]> d : delta.entrySet()) {
      if (d.getValue()[0] > 0) {
        out.addCopies((int) d.getValue()[0], rows.get(d.getKey()));
      }
    }
  }
}
