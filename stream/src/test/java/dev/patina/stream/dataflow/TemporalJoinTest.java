package dev.patina.stream.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patina.stream.state.MemoryStateStore;
import dev.patina.stream.state.RocksStateStore;
import dev.patina.stream.state.StateStore;
import dev.patina.stream.state.TableLayout;
import dev.patina.stream.types.DataType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The temporal join: a left row meets the right table as it is when the row arrives, and later
 * changes of the table leave earlier results alone. Differential against a plain-Java model that
 * remembers what each left row produced; with restarts over RocksDB and crashes (the model reverts
 * to the last commit).
 */
class TemporalJoinTest {
  private static final List<DataType> TYPES = Harness.TYPES; // (id, g, v, s)
  private static final int LEFT = 10;
  private static final int RIGHT = 11;
  private static final int MV = 50;

  /** {@code left.v < right.v}: the non-key condition. */
  private static final ScalarExpr LESS =
      new ScalarExpr(
          DataType.BOOLEAN,
          r -> r[2] == null || r[6] == null ? null : (Integer) r[2] < (Integer) r[6]);

  /** A runtime with the two tables and a temporal join of them on g (and {@code cond}). */
  private static final class Rig implements AutoCloseable {
    final JoinType type;
    final boolean appendOnly;
    final ScalarExpr cond;
    final Path dir;
    StateStore store;
    StreamRuntime rt;

    Rig(JoinType type, boolean appendOnly, ScalarExpr cond, boolean rocks) throws IOException {
      this.type = type;
      this.appendOnly = appendOnly;
      this.cond = cond;
      this.dir = rocks ? Files.createTempDirectory("temporal-join-test") : null;
      store = rocks ? RocksStateStore.open(dir, false) : new MemoryStateStore();
      start();
    }

    void start() {
      rt = new StreamRuntime(store, java.time.Duration.ZERO);
      for (int t : new int[] {LEFT, RIGHT}) {
        StreamGraphBuilder b = new StreamGraphBuilder("t" + t, ids(100 * t));
        b.materialize(b.dml(t, TYPES), t, new int[] {0}, Conflict.OVERWRITE);
        rt.create(b.build());
      }
      StreamGraphBuilder b = new StreamGraphBuilder("mv", ids(5000));
      Node left = b.table(LEFT, TYPES);
      Node j =
          b.temporalJoin(
              type,
              left,
              TableLayout.of(RIGHT, TYPES, List.of(0)),
              new int[] {1},
              new int[] {1},
              cond,
              appendOnly);
      b.materialize(j, MV, new int[0], Conflict.NONE);
      rt.create(b.build());
    }

    void restart(boolean commit) {
      if (commit) {
        rt.flush();
      }
      rt.close();
      if (dir != null) {
        store.close();
        store = RocksStateStore.open(dir, false);
      }
      start();
    }

    void insert(int table, Object... row) {
      rt.write(table, Chunk.inserts(List.<Object[]>of(row)));
    }

    void delete(int table, Object... row) {
      rt.write(table, Chunk.of(Op.DELETE, List.<Object[]>of(row)));
    }

    void update(int table, Object[] old, Object[] row) {
      rt.write(table, new Chunk.Builder().update(old, row).build());
    }

    List<String> view() {
      rt.flush();
      return Harness.canon(rt.rows(MV));
    }

    @Override
    public void close() throws IOException {
      rt.close();
      store.close();
      if (dir != null) {
        try (Stream<Path> s = Files.walk(dir)) {
          s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
    }
  }

  private static java.util.function.IntSupplier ids(int from) {
    int[] next = {from};
    return () -> next[0]++;
  }

  private static Object[] row(long id, Integer g, Integer v) {
    return new Object[] {id, g, v, null};
  }

  private static List<String> rows(Object[]... rows) {
    return Harness.canon(List.of(rows));
  }

  private static Object[] joined(Object[] l, Object[] r) {
    return Rows.concat(l, r == null ? Rows.nulls(4) : r);
  }

  @Test
  void laterTableChangesDoNotTouchEarlierResults() throws IOException {
    try (Rig rig = new Rig(JoinType.LEFT_OUTER, true, null, false)) {
      Object[] l1 = row(1, 7, 0);
      rig.insert(LEFT, l1); // nothing to meet yet
      Object[] r1 = row(1, 7, 100);
      rig.insert(RIGHT, r1);
      Object[] l2 = row(2, 7, 0);
      rig.insert(LEFT, l2);
      assertEquals(rows(joined(l1, null), joined(l2, r1)), rig.view());
      Object[] r1b = row(1, 7, 200);
      rig.update(RIGHT, r1, r1b);
      rig.insert(RIGHT, row(2, 8, 1));
      assertEquals(rows(joined(l1, null), joined(l2, r1)), rig.view(), "results are final");
      Object[] l3 = row(3, 7, 0);
      rig.insert(LEFT, l3);
      rig.delete(RIGHT, r1b);
      Object[] l4 = row(4, 7, 0);
      rig.insert(LEFT, l4);
      assertEquals(
          rows(joined(l1, null), joined(l2, r1), joined(l3, r1b), joined(l4, null)), rig.view());
    }
  }

  @Test
  void nonKeyConditionFiltersMatchesAndKeepsOuterPadding() throws IOException {
    try (Rig rig = new Rig(JoinType.LEFT_OUTER, true, LESS, false)) {
      Object[] r = row(1, 1, 12);
      rig.insert(RIGHT, r);
      Object[] fails = row(1, 1, 13); // 13 < 12 is false: padded
      Object[] passes = row(2, 1, 11);
      rig.insert(LEFT, fails);
      rig.insert(LEFT, passes);
      assertEquals(rows(joined(fails, null), joined(passes, r)), rig.view());
    }
    try (Rig rig = new Rig(JoinType.INNER, true, LESS, false)) {
      Object[] r = row(1, 1, 12);
      rig.insert(RIGHT, r);
      rig.insert(LEFT, row(1, 1, 13));
      Object[] passes = row(2, 1, 11);
      rig.insert(LEFT, passes);
      rig.insert(LEFT, row(3, null, 0)); // NULL keys never match
      assertEquals(rows(joined(passes, r)), rig.view());
    }
  }

  @Test
  void deletingALeftRowRetractsWhatItProducedThen() throws IOException {
    try (Rig rig = new Rig(JoinType.LEFT_OUTER, false, null, true)) {
      Object[] r = row(1, 1, 5);
      rig.insert(RIGHT, r);
      Object[] l = row(1, 1, 0);
      rig.insert(LEFT, l);
      rig.delete(RIGHT, r);
      rig.restart(true); // the memo survives a restart, the index is reloaded from the table
      assertEquals(rows(joined(l, r)), rig.view());
      Object[] l2 = row(1, 1, 9);
      rig.update(LEFT, l, l2); // retracts the match made then; the table has nothing now
      assertEquals(rows(joined(l2, null)), rig.view());
      rig.delete(LEFT, l2);
      assertEquals(List.of(), rig.view());
    }
  }

  @Test
  void onlyInnerAndLeftOuterJoins() {
    StreamGraphBuilder b = new StreamGraphBuilder("x", ids(1));
    Node left = b.dml(1, TYPES);
    TableLayout right = TableLayout.of(2, TYPES, List.of(0));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            b.temporalJoin(
                JoinType.FULL_OUTER, left, right, new int[] {1}, new int[] {1}, null, true));
    assertThrows(
        IllegalArgumentException.class,
        () -> b.temporalJoin(JoinType.INNER, left, right, new int[0], new int[0], null, true));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            b.temporalJoin(JoinType.INNER, left, right, new int[] {1}, new int[] {3}, null, true));
  }

  // ---------------------------------------------------------------------------------------------
  // Differential: random changes of both tables against a model with memory.

  /** What the view must hold: each live arrival's results. */
  private static final class Model {
    final Map<Long, Object[]> left = new LinkedHashMap<>();
    final Map<Long, Object[]> right = new LinkedHashMap<>();
    final Map<Long, List<Object[]>> produced = new HashMap<>();

    Model copy() {
      Model m = new Model();
      m.left.putAll(left);
      m.right.putAll(right);
      m.produced.putAll(produced);
      return m;
    }

    void arrive(Object[] l, JoinType type, boolean cond) {
      List<Object[]> out = new ArrayList<>();
      for (Object[] r : right.values()) {
        if (l[1] != null
            && Objects.equals(l[1], r[1])
            && (!cond || Boolean.TRUE.equals(LESS.eval(Rows.concat(l, r))))) {
          out.add(joined(l, r));
        }
      }
      if (out.isEmpty() && type == JoinType.LEFT_OUTER) {
        out.add(joined(l, null));
      }
      left.put((Long) l[0], l);
      produced.put((Long) l[0], out);
    }

    List<String> view() {
      List<Object[]> all = new ArrayList<>();
      produced.values().forEach(all::addAll);
      return Harness.canon(all);
    }
  }

  @Provide
  Arbitrary<List<Harness.Action>> changes() {
    return Gen.actions(2, true);
  }

  @Property(tries = 40)
  void matchesAModelWithMemory(
      @ForAll boolean leftOuter,
      @ForAll boolean appendOnly,
      @ForAll boolean cond,
      @ForAll boolean rocks,
      @ForAll("changes") List<Harness.Action> actions)
      throws IOException {
    JoinType type = leftOuter ? JoinType.LEFT_OUTER : JoinType.INNER;
    try (Rig rig = new Rig(type, appendOnly, cond ? LESS : null, rocks)) {
      Model live = new Model();
      Model committed = live.copy();
      long[] nextId = {1};
      for (Harness.Action a : actions) {
        switch (a) {
          case Harness.Action.Insert i -> {
            Object[] r = {nextId[0]++, i.g(), i.v(), i.s()};
            rig.insert(i.table() == 0 ? LEFT : RIGHT, r);
            if (i.table() == 0) {
              live.arrive(r, type, cond);
            } else {
              live.right.put((Long) r[0], r);
            }
          }
          case Harness.Action.Update u -> {
            Map<Long, Object[]> t = u.table() == 0 ? live.left : live.right;
            if (t.isEmpty() || (u.table() == 0 && appendOnly)) {
              continue;
            }
            Object[] old = pick(t, u.pick());
            Object[] r = {old[0], u.g(), u.v(), u.s()};
            rig.update(u.table() == 0 ? LEFT : RIGHT, old, r);
            if (u.table() == 0) {
              live.arrive(r, type, cond);
            } else {
              live.right.put((Long) r[0], r);
            }
          }
          case Harness.Action.Delete d -> {
            Map<Long, Object[]> t = d.table() == 0 ? live.left : live.right;
            if (t.isEmpty() || (d.table() == 0 && appendOnly)) {
              continue;
            }
            Object[] old = pick(t, d.pick());
            rig.delete(d.table() == 0 ? LEFT : RIGHT, old);
            t.remove((Long) old[0]);
            if (d.table() == 0) {
              live.produced.remove((Long) old[0]);
            }
          }
          case Harness.Action.Flush f -> {
            assertEquals(live.view(), rig.view());
            committed = live.copy();
          }
          case Harness.Action.Restart r -> {
            rig.restart(true);
            committed = live.copy();
            assertEquals(live.view(), rig.view());
          }
          case Harness.Action.Crash c -> {
            rig.restart(false);
            live = committed.copy();
            assertEquals(live.view(), rig.view());
          }
        }
      }
      assertEquals(live.view(), rig.view());
      assertEquals(0, rig.rt.warningCount(), "inconsistent changes were reported");
    }
  }

  private static Object[] pick(Map<Long, Object[]> t, int pick) {
    int i = Math.floorMod(pick, t.size());
    return t.values().stream().skip(i).findFirst().orElseThrow();
  }
}
