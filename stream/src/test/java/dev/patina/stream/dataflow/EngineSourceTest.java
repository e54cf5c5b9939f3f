package dev.patina.stream.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patina.stream.state.CloseableIterator;
import dev.patina.stream.state.RocksStateStore;
import dev.patina.stream.state.StateStore;
import dev.patina.stream.state.StateTable;
import dev.patina.stream.state.TableLayout;
import dev.patina.stream.state.WriteBatch;
import dev.patina.stream.types.DataType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A table the engine stores itself, whose statements commit through {@link StreamRuntime#commit}:
 * table rows and view state land in the same store write, so after any restart or crash the view
 * equals its definition over the table's committed rows.
 */
class EngineSourceTest {
  static final TableLayout T = TableLayout.of(7, Harness.TYPES, List.of(0));
  static final int MV = 8;

  @TempDir Path dir;

  StreamRuntime start(StateStore store) {
    StreamRuntime rt = new StreamRuntime(store, Duration.ZERO);
    int[] ids = {100};
    StreamGraphBuilder b = new StreamGraphBuilder("counts", () -> ids[0]++);
    Node agg =
        b.hashAgg(
            b.source(T),
            new int[] {1},
            List.of(AggCall.countStar(), AggCall.of(AggKind.SUM, DataType.INT64, 2)));
    b.materialize(agg, MV, new int[] {0}, Conflict.NONE);
    rt.create(b.build());
    return rt;
  }

  static List<Object[]> tableRows(StateStore store) {
    List<Object[]> rows = new ArrayList<>();
    try (CloseableIterator<Object[]> it = new StateTable(T, store.latest()).scan()) {
      it.forEachRemaining(rows::add);
    }
    return rows;
  }

  static List<Object[]> expected(List<Object[]> rows) {
    Map<Object, long[]> groups = new LinkedHashMap<>();
    Map<Object, Long> sums = new LinkedHashMap<>();
    for (Object[] r : rows) {
      groups.computeIfAbsent(java.util.Arrays.asList(r[1]), k -> new long[1])[0]++;
      if (r[2] != null) {
        sums.merge(java.util.Arrays.asList(r[1]), (long) (Integer) r[2], Long::sum);
      }
    }
    List<Object[]> out = new ArrayList<>();
    groups.forEach((k, n) -> out.add(new Object[] {((List<?>) k).get(0), n[0], sums.get(k)}));
    return out;
  }

  @Test
  void viewAndTableCommitTogetherAcrossRestarts() {
    Random rnd = new Random(42);
    StateStore store = RocksStateStore.open(dir, false);
    StreamRuntime rt = start(store);
    long nextId = 1;
    for (int round = 0; round < 12; round++) {
      for (int stmt = 0; stmt < 15; stmt++) {
        // One statement: a few inserts, updates or deletes, written to the table and passed on.
        StateTable table = new StateTable(T, store.latest());
        List<Object[]> current = tableRows(store);
        Chunk.Builder changes = new Chunk.Builder();
        for (int i = 0; i < 1 + rnd.nextInt(4); i++) {
          int what = rnd.nextInt(3);
          if (what == 0 || current.isEmpty()) {
            Object[] row = {nextId++, rnd.nextInt(3), rnd.nextInt(10), "x"};
            table.insert(row);
            changes.add(Op.INSERT, row);
            current.add(row);
          } else {
            Object[] old = current.remove(rnd.nextInt(current.size()));
            if (what == 1) {
              table.delete(old);
              changes.add(Op.DELETE, old);
            } else {
              Object[] row = {old[0], rnd.nextInt(3), rnd.nextInt(10), "y"};
              table.insert(row);
              changes.update(old, row);
              current.add(row);
            }
          }
        }
        WriteBatch batch = new WriteBatch();
        table.writeTo(batch);
        rt.commit(batch, Map.of(T.tableId(), List.of(changes.build())));
      }
      assertEquals(
          Harness.canon(expected(tableRows(store))), Harness.canon(rt.rows(MV)), "round " + round);
      // Writes that never commit: lost on the crash below, together with their view changes.
      rt.write(T.tableId(), Chunk.inserts(List.<Object[]>of(new Object[] {nextId++, 1, 1, "z"})));
      rt.close();
      store.close();
      store = RocksStateStore.open(dir, false);
      rt = start(store);
      assertEquals(Harness.canon(expected(tableRows(store))), Harness.canon(rt.rows(MV)));
    }
    rt.close();
    store.close();
  }
}
