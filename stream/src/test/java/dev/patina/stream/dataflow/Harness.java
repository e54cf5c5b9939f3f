package dev.patina.stream.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patina.stream.state.MemoryStateStore;
import dev.patina.stream.state.RocksStateStore;
import dev.patina.stream.state.StateStore;
import dev.patina.stream.types.DataType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Differential testing of streaming operators: random changes to one or two tables of {@code (id
 * bigint primary key, g int, v int, s varchar)} flow through a job under test; after every flush
 * the job's materialized rows must equal a plain-Java computation over the tables' current rows.
 * The harness can also restart the runtime over a reopened RocksDB store and crash it (close
 * without a commit), after which the tables revert to their last committed rows.
 */
final class Harness implements AutoCloseable {
  static final List<DataType> TYPES =
      List.of(DataType.INT64, DataType.INT32, DataType.INT32, DataType.VARCHAR);
  static final int MV = 50;

  /** A job under test over the table nodes (one per table). */
  interface Plan extends BiFunction<StreamGraphBuilder, List<Node>, Node> {}

  /** The expected rows of the job over the tables' current rows (one list per table). */
  interface Reference extends Function<List<List<Object[]>>, List<Object[]>> {}

  /** One random step. */
  sealed interface Action {
    record Insert(int table, Integer g, Integer v, String s) implements Action {}

    record Update(int table, int pick, Integer g, Integer v, String s) implements Action {}

    record Delete(int table, int pick) implements Action {}

    record Flush() implements Action {}

    record Restart() implements Action {}

    record Crash() implements Action {}
  }

  private final int tables;
  private final Plan plan;
  private final Reference reference;
  private final int[] pk;
  private final Path dir;
  private StateStore store;
  private StreamRuntime rt;
  private final List<Map<Long, Object[]>> live = new ArrayList<>();
  private List<Map<Long, Object[]>> committed = new ArrayList<>();
  private long nextId = 1;

  Harness(int tables, Plan plan, Reference reference, boolean rocks) {
    this(tables, plan, reference, new int[0], rocks);
  }

  /** {@code pk}: the MV's primary key (empty: a multiset). */
  Harness(int tables, Plan plan, Reference reference, int[] pk, boolean rocks) {
    this.tables = tables;
    this.plan = plan;
    this.reference = reference;
    this.pk = pk;
    try {
      this.dir = rocks ? Files.createTempDirectory("dataflow-test") : null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < tables; i++) {
      live.add(new LinkedHashMap<>());
    }
    committed = copy(live);
    open();
  }

  private static List<Map<Long, Object[]>> copy(List<Map<Long, Object[]>> m) {
    return m.stream().map(x -> (Map<Long, Object[]>) new LinkedHashMap<>(x)).toList();
  }

  private void open() {
    store = dir == null ? new MemoryStateStore() : RocksStateStore.open(dir, false);
    rt = new StreamRuntime(store, java.time.Duration.ZERO);
    createJobs();
  }

  private void createJobs() {
    for (int i = 0; i < tables; i++) {
      StreamGraphBuilder b = new StreamGraphBuilder("t" + i, ids(1000 + 100 * i));
      b.materialize(b.dml(tableId(i), TYPES), tableId(i), new int[] {0}, Conflict.OVERWRITE);
      rt.create(b.build());
    }
    StreamGraphBuilder b = new StreamGraphBuilder("mv", ids(2000));
    List<Node> ins = new ArrayList<>();
    for (int i = 0; i < tables; i++) {
      ins.add(b.table(tableId(i), TYPES));
    }
    b.materialize(plan.apply(b, ins), MV, pk, Conflict.NONE);
    rt.create(b.build());
  }

  static int tableId(int i) {
    return 10 + i;
  }

  private static java.util.function.IntSupplier ids(int from) {
    int[] next = {from};
    return () -> next[0]++;
  }

  StreamRuntime runtime() {
    return rt;
  }

  void run(List<Action> actions) {
    for (Action a : actions) {
      step(a);
    }
    step(new Action.Flush());
  }

  void step(Action a) {
    switch (a) {
      case Action.Insert i -> {
        Object[] row = {nextId++, i.g(), i.v(), i.s()};
        live.get(i.table()).put((Long) row[0], row);
        rt.write(tableId(i.table()), Chunk.inserts(List.<Object[]>of(row)));
      }
      case Action.Update u -> {
        Map<Long, Object[]> t = live.get(u.table());
        if (t.isEmpty()) {
          return;
        }
        Object[] old = pick(t, u.pick());
        Object[] row = {old[0], u.g(), u.v(), u.s()};
        t.put((Long) row[0], row);
        rt.write(tableId(u.table()), new Chunk.Builder().update(old, row).build());
      }
      case Action.Delete d -> {
        Map<Long, Object[]> t = live.get(d.table());
        if (t.isEmpty()) {
          return;
        }
        Object[] old = pick(t, d.pick());
        t.remove((Long) old[0]);
        // Only the key: the table's materialize finds the row (Conflict.OVERWRITE).
        rt.write(
            tableId(d.table()),
            Chunk.of(Op.DELETE, List.<Object[]>of(new Object[] {old[0], null, null, null})));
      }
      case Action.Flush f -> {
        rt.flush();
        committed = copy(live);
        check();
      }
      case Action.Restart r -> {
        rt.flush();
        committed = copy(live);
        reopen();
        check();
      }
      case Action.Crash c -> {
        reopen();
        live.clear();
        live.addAll(copy(committed));
        check();
      }
    }
  }

  private void reopen() {
    rt.close();
    if (dir != null) {
      store.close();
      open();
    } else {
      // A memory store survives as it is: rebuild the jobs over it.
      rt = new StreamRuntime(store, java.time.Duration.ZERO);
      createJobs();
    }
  }

  private static Object[] pick(Map<Long, Object[]> t, int pick) {
    int i = Math.floorMod(pick, t.size());
    return t.values().stream().skip(i).findFirst().orElseThrow();
  }

  /** The view equals the reference over the current tables, and the tables equal the model. */
  void check() {
    List<List<Object[]>> in =
        live.stream().map(m -> (List<Object[]>) new ArrayList<>(m.values())).toList();
    for (int i = 0; i < tables; i++) {
      assertEquals(canon(in.get(i)), canon(rt.rows(tableId(i))), "table " + i);
    }
    assertEquals(canon(reference.apply(in)), canon(rt.rows(MV)), "view");
    assertEquals(0, rt.warningCount(), "inconsistent changes were reported");
  }

  /** Rows as sorted strings, decimals without trailing zeros. */
  static List<String> canon(List<Object[]> rows) {
    return rows.stream().map(Harness::canon).sorted(Comparator.naturalOrder()).toList();
  }

  static String canon(Object[] row) {
    return Arrays.toString(Arrays.stream(row).map(Harness::canonValue).toArray());
  }

  private static Object canonValue(Object v) {
    if (v instanceof BigDecimal d) {
      return d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString();
    }
    if (v instanceof List<?> l) {
      return l.stream().map(Harness::canonValue).toList();
    }
    return v;
  }

  @Override
  public void close() {
    rt.close();
    store.close();
    if (dir != null) {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
