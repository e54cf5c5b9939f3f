package dev.patina.stream.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.stream.expr.Casts;
import dev.patina.stream.state.MemoryStateStore;
import dev.patina.stream.types.DataType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The ChangeLog operator and the projection's noop update elimination, fed chunks directly. */
class ChangelogOperatorTest {
  static final int TABLE = 1;
  static final int VIEW = 100;
  static final List<DataType> TYPES = List.of(DataType.INT32, DataType.VARCHAR);

  /** The view's rows ordered by changelog row id (its last column). */
  static List<Object[]> byRowId(StreamRuntime rt) {
    List<Object[]> rows = new ArrayList<>(rt.rows(VIEW));
    rows.sort(Comparator.comparingLong(r -> (Long) r[r.length - 1]));
    return rows;
  }

  static void commit(StreamRuntime rt, Chunk chunk) {
    rt.commit(new dev.patina.stream.state.WriteBatch(), Map.of(TABLE, List.of(chunk)));
  }

  @Test
  void everyChangeBecomesAnInsertWithItsOpCode() {
    try (StreamRuntime rt = new StreamRuntime(new MemoryStateStore(), Duration.ZERO)) {
      int[] ids = {10};
      StreamGraphBuilder b = new StreamGraphBuilder("log", () -> ids[0]++);
      Node log = b.changelog(b.dml(TABLE, TYPES));
      assertEquals(
          List.of(DataType.INT32, DataType.VARCHAR, DataType.INT16, DataType.SERIAL), log.types());
      b.materialize(log, VIEW, new int[0], Conflict.NONE);
      rt.create(b.build());
      long before = System.currentTimeMillis();
      commit(rt, new Chunk.Builder().add(Op.INSERT, new Object[] {1, "a"}).build());
      commit(
          rt,
          new Chunk.Builder()
              .update(new Object[] {1, "a"}, new Object[] {1, "b"})
              .add(Op.DELETE, new Object[] {1, "b"})
              .build());
      List<Object[]> rows = byRowId(rt);
      assertEquals(4, rows.size());
      // 1 insert, 2 delete, 3 update-insert, 4 update-delete (RisingWave's Op::to_i16)
      assertEquals(List.of(1, "a", (short) 1), List.of(rows.get(0)).subList(0, 3));
      assertEquals(List.of(1, "a", (short) 4), List.of(rows.get(1)).subList(0, 3));
      assertEquals(List.of(1, "b", (short) 3), List.of(rows.get(2)).subList(0, 3));
      assertEquals(List.of(1, "b", (short) 2), List.of(rows.get(3)).subList(0, 3));
      // the row ids are distinct, increasing, and read as the time of the change
      for (int i = 1; i < rows.size(); i++) {
        assertTrue((Long) rows.get(i)[3] > (Long) rows.get(i - 1)[3]);
      }
      Instant t = Casts.rowIdTime((Long) rows.get(0)[3]);
      assertTrue(Math.abs(t.toEpochMilli() - before) < 60_000, t.toString());
    }
  }

  @Test
  void projectionDropsUpdatesOfColumnsProjectedOut() {
    try (StreamRuntime rt = new StreamRuntime(new MemoryStateStore(), Duration.ZERO)) {
      int[] ids = {10};
      StreamGraphBuilder b = new StreamGraphBuilder("log", () -> ids[0]++);
      Node p = b.project(b.dml(TABLE, TYPES), List.of(ScalarExpr.column(0, DataType.INT32)));
      b.materialize(b.changelog(p), VIEW, new int[0], Conflict.NONE);
      rt.create(b.build());
      commit(rt, new Chunk.Builder().add(Op.INSERT, new Object[] {1, "a"}).build());
      // only the projected-out column changes: nothing reaches the changelog
      commit(rt, new Chunk.Builder().update(new Object[] {1, "a"}, new Object[] {1, "b"}).build());
      assertEquals(1, rt.rows(VIEW).size());
      // a change of the projected column stays an update pair
      commit(rt, new Chunk.Builder().update(new Object[] {1, "b"}, new Object[] {2, "b"}).build());
      List<Object[]> rows = byRowId(rt);
      assertEquals(3, rows.size());
      assertEquals(List.of(1, (short) 4), List.of(rows.get(1)).subList(0, 2));
      assertEquals(List.of(2, (short) 3), List.of(rows.get(2)).subList(0, 2));
      // plain deletes and inserts of equal rows are not updates: both pass
      commit(
          rt,
          new Chunk.Builder()
              .add(Op.DELETE, new Object[] {2, "b"})
              .add(Op.INSERT, new Object[] {2, "c"})
              .build());
      assertEquals(5, rt.rows(VIEW).size());
    }
  }

  @Test
  void explainNamesTheOperator() {
    int[] ids = {10};
    StreamGraphBuilder b = new StreamGraphBuilder("log", () -> ids[0]++);
    b.materialize(b.changelog(b.dml(TABLE, TYPES)), VIEW, new int[0], Conflict.NONE);
    String plan = b.build().explain();
    assertTrue(plan.contains("StreamChangeLog"), plan);
  }
}
