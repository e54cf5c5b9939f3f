package dev.patina.stream.dataflow;

import dev.patina.stream.state.CloseableIterator;
import dev.patina.stream.state.StateTable;
import dev.patina.stream.state.TableLayout;
import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A symmetric hash join (RisingWave's {@code HashJoinExecutor}): each side's rows are kept by join
 * key; a change on one side is matched against the other side's rows (equal keys, none NULL, and
 * the non-equi condition), and then recorded on its own side. The output is the change of the join
 * result: {@code Δ(L ⋈ R) = ΔL ⋈ R + L' ⋈ ΔR}.
 *
 * <p>For outer, semi and anti joins each kept row also records its degree, the number of rows of
 * the other side it matches; a degree moving between 0 and 1 turns a NULL-padded row into matched
 * ones and back, or makes a semi/anti row appear or disappear.
 *
 * <p>State: per side a table of (row, count, degree) keyed by the whole row, held in memory too.
 */
final class HashJoin extends Executor {
  private static final int LEFT = 0;
  private static final int RIGHT = 1;

  /** One distinct row of a side with its multiplicity and degree. */
  private static final class Entry {
    final Object[] row;
    long count;
    long degree;

    Entry(Object[] row) {
      this.row = row;
    }
  }

  private final JoinType type;
  private final int[][] keys = new int[2][];
  private final List<List<DataType>> types = new ArrayList<>();
  private final List<DataType> keyTypes;
  private final ScalarExpr condition;
  private final boolean tracksDegree;
  private final StateTable[] tables = new StateTable[2];
  private final List<Map<RowKey, LinkedHashMap<RowKey, Entry>>> sides =
      List.of(new HashMap<>(), new HashMap<>());
  private final int[][] allCols = new int[2][];

  HashJoin(ExecContext ctx, PlanNode.HashJoin spec) {
    super(ctx, 2);
    this.type = spec.joinType();
    this.keys[LEFT] = spec.leftKeys();
    this.keys[RIGHT] = spec.rightKeys();
    this.types.add(spec.leftTypes());
    this.types.add(spec.rightTypes());
    this.keyTypes = Rows.pickTypes(spec.leftTypes(), spec.leftKeys());
    this.condition = spec.condition();
    this.tracksDegree = type != JoinType.INNER;
    int[] ids = {spec.leftTable(), spec.rightTable()};
    for (int s = 0; s < 2; s++) {
      int n = types.get(s).size();
      allCols[s] = Rows.range(0, n);
      List<DataType> cols = Rows.plus(types.get(s), List.of(DataType.INT64, DataType.INT64));
      tables[s] = table(TableLayout.of(ids[s], cols, Rows.list(allCols[s])));
      load(s, n);
    }
  }

  private void load(int side, int n) {
    try (CloseableIterator<Object[]> it = tables[side].scan()) {
      while (it.hasNext()) {
        Object[] stored = it.next();
        Object[] row = java.util.Arrays.copyOf(stored, n);
        Entry e = new Entry(row);
        e.count = (Long) stored[n];
        e.degree = (Long) stored[n + 1];
        bucket(side, row).put(rowKey(side, row), e);
      }
    }
  }

  private RowKey joinKey(int side, Object[] row) {
    return RowKey.of(row, keys[side], keyTypes);
  }

  private RowKey rowKey(int side, Object[] row) {
    return RowKey.of(row, allCols[side], types.get(side));
  }

  private LinkedHashMap<RowKey, Entry> bucket(int side, Object[] row) {
    return sides.get(side).computeIfAbsent(joinKey(side, row), k -> new LinkedHashMap<>());
  }

  private boolean nullKey(int side, Object[] row) {
    for (int k : keys[side]) {
      if (row[k] == null) {
        return true;
      }
    }
    return false;
  }

  private Object[] pair(int side, Object[] self, Object[] other) {
    return side == LEFT ? Rows.concat(self, other) : Rows.concat(other, self);
  }

  private boolean matches(int side, Object[] self, Object[] other) {
    if (condition == null) {
      return true;
    }
    try {
      return Boolean.TRUE.equals(condition.eval(pair(side, self, other)));
    } catch (RuntimeException e) {
      ctx.warn("join condition: " + e.getMessage());
      return false;
    }
  }

  private boolean pads(int side) {
    return side == LEFT ? type.padsLeft() : type.padsRight();
  }

  /** Whether this is a semi or anti join whose output is side {@code side}'s rows. */
  private boolean semiOutput(int side) {
    return switch (type) {
      case LEFT_SEMI, LEFT_ANTI -> side == LEFT;
      case RIGHT_SEMI, RIGHT_ANTI -> side == RIGHT;
      default -> false;
    };
  }

  private boolean semiOrAnti() {
    return switch (type) {
      case LEFT_SEMI, LEFT_ANTI, RIGHT_SEMI, RIGHT_ANTI -> true;
      default -> false;
    };
  }

  private boolean anti() {
    return type == JoinType.LEFT_ANTI || type == JoinType.RIGHT_ANTI;
  }

  private Object[] padded(int side, Object[] row) {
    Object[] nulls = Rows.nulls(types.get(1 - side).size());
    return pair(side, row, nulls);
  }

  @Override
  protected void onChunk(int side, Chunk chunk) {
    Chunk.Builder out = new Chunk.Builder();
    for (int i = 0; i < chunk.size(); i++) {
      change(side, chunk.row(i), chunk.op(i).sign(), out);
    }
    emit(out.build());
  }

  private void change(int side, Object[] row, int sign, Chunk.Builder out) {
    int other = 1 - side;
    long degree = 0;
    if (!nullKey(side, row)) {
      LinkedHashMap<RowKey, Entry> candidates = sides.get(other).get(joinKey(side, row));
      if (candidates != null) {
        for (Entry e : candidates.values()) {
          if (!matches(side, row, e.row)) {
            continue;
          }
          degree += e.count;
          matched(side, row, sign, e, out);
        }
      }
    }
    if (semiOutput(side)) {
      if ((degree > 0) != anti()) {
        out.add(Op.of(sign), row);
      }
    } else if (pads(side) && degree == 0) {
      out.add(Op.of(sign), padded(side, row));
    }
    record(side, row, sign, degree);
  }

  /** {@code row} (changing with {@code sign}) matches the other side's entry {@code e}. */
  private void matched(int side, Object[] row, int sign, Entry e, Chunk.Builder out) {
    int other = 1 - side;
    long before = e.degree;
    if (tracksDegree) {
      e.degree += sign;
      persist(other, e);
    }
    if (semiOrAnti()) {
      if (semiOutput(other)) {
        boolean was = (before > 0) != anti();
        boolean now = (e.degree > 0) != anti();
        if (was != now) {
          out.addCopies((int) (now ? e.count : -e.count), e.row);
        }
      }
      return;
    }
    if (pads(other) && before == 0 && e.degree > 0) {
      out.addCopies((int) -e.count, padded(other, e.row));
    }
    Object[] joined = pair(side, row, e.row);
    out.addCopies((int) (sign * e.count), joined);
    if (pads(other) && before > 0 && e.degree == 0) {
      out.addCopies((int) e.count, padded(other, e.row));
    }
  }

  private void record(int side, Object[] row, int sign, long degree) {
    LinkedHashMap<RowKey, Entry> b = bucket(side, row);
    RowKey k = rowKey(side, row);
    Entry e = b.get(k);
    if (e == null) {
      if (sign < 0) {
        ctx.warn("join: delete of a row that is not there");
        return;
      }
      e = new Entry(row);
      e.degree = degree;
      b.put(k, e);
    }
    e.count += sign;
    if (e.count > 0) {
      persist(side, e);
    } else {
      b.remove(k);
      if (b.isEmpty()) {
        sides.get(side).remove(joinKey(side, row));
      }
      tables[side].delete(Rows.append(Rows.append(e.row, 0L), 0L));
    }
  }

  private void persist(int side, Entry e) {
    tables[side].insert(Rows.append(Rows.append(e.row, e.count), e.degree));
  }
}
