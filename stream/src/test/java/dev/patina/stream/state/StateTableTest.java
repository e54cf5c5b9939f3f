package dev.patina.stream.state;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patina.stream.types.DataType;
import dev.patina.stream.types.Interval;
import dev.patina.stream.types.NonFiniteDecimal;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateTableTest {
  static final List<DataType> TYPES = List.of(DataType.INT32, DataType.VARCHAR);

  static List<Object[]> all(StateTable t) {
    List<Object[]> out = new ArrayList<>();
    try (CloseableIterator<Object[]> it = t.scan()) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  @Test
  void memcomparableOrdersLikeSql() {
    Object[] decimals = {
      NonFiniteDecimal.NEGATIVE_INFINITY,
      new BigDecimal("-100"),
      new BigDecimal("-1.55"),
      new BigDecimal("-1.5"),
      new BigDecimal("-0.05"),
      BigDecimal.ZERO,
      new BigDecimal("0.05"),
      new BigDecimal("0.5"),
      new BigDecimal("9"),
      new BigDecimal("10"),
      NonFiniteDecimal.POSITIVE_INFINITY,
      NonFiniteDecimal.NAN
    };
    assertAscending(DataType.DECIMAL, decimals);
    assertAscending(DataType.INT32, -5, -1, 0, 1, 7, Integer.MAX_VALUE);
    assertAscending(DataType.FLOAT64, Double.NEGATIVE_INFINITY, -2.5, 0.0, 1e-9, 3.0, Double.NaN);
    assertAscending(DataType.VARCHAR, "", "a", "a\0", "a\1", "ab", "b", "é");
    assertAscending(
        DataType.INTERVAL,
        new Interval(0, -1, 0),
        Interval.ZERO,
        new Interval(0, 0, 1),
        new Interval(0, 29, 0),
        new Interval(1, 0, 1));
    assertArrayEquals(
        Memcomparable.encode(DataType.DECIMAL, new BigDecimal("1.0"), OrderType.ASC),
        Memcomparable.encode(DataType.DECIMAL, new BigDecimal("1.000"), OrderType.ASC));
    assertArrayEquals(
        Memcomparable.encode(DataType.INTERVAL, new Interval(1, 0, 0), OrderType.ASC),
        Memcomparable.encode(DataType.INTERVAL, new Interval(0, 30, 0), OrderType.ASC));
    assertArrayEquals(
        Memcomparable.encode(DataType.FLOAT64, -0.0, OrderType.ASC),
        Memcomparable.encode(DataType.FLOAT64, 0.0, OrderType.ASC));
  }

  static void assertAscending(DataType type, Object... values) {
    for (OrderType o : List.of(OrderType.ASC, OrderType.DESC)) {
      for (int i = 0; i + 1 < values.length; i++) {
        byte[] a = Memcomparable.encode(type, values[i], o);
        byte[] b = Memcomparable.encode(type, values[i + 1], o);
        int c = Arrays.compareUnsigned(a, b);
        assertEquals(
            o.descending() ? 1 : -1, Integer.signum(c), values[i] + " vs " + values[i + 1]);
      }
      byte[] nul = Memcomparable.encode(type, null, o);
      byte[] v = Memcomparable.encode(type, values[0], o);
      assertEquals(o.nullsFirst() ? -1 : 1, Integer.signum(Arrays.compareUnsigned(nul, v)));
    }
  }

  @Test
  void stagedWritesMergeWithCommittedRows() {
    MemoryStateStore store = new MemoryStateStore();
    TableLayout layout = TableLayout.of(7, TYPES, List.of(0));
    StateTable t = new StateTable(layout, store.latest());
    t.insert(new Object[] {2, "b"});
    t.insert(new Object[] {1, "a"});
    WriteBatch batch = new WriteBatch();
    t.writeTo(batch);
    store.commit(batch, 1);
    t.insert(new Object[] {3, "c"});
    t.delete(new Object[] {1, null});
    t.update(new Object[] {2, "b"}, new Object[] {2, "bb"});
    List<Object[]> rows = all(t);
    assertEquals(2, rows.size());
    assertArrayEquals(new Object[] {2, "bb"}, rows.get(0));
    assertArrayEquals(new Object[] {3, "c"}, rows.get(1));
    assertNull(t.get(new Object[] {1}));
    try (ReadView snap = store.snapshot()) {
      StateTable old = new StateTable(layout, snap);
      batch = new WriteBatch();
      t.writeTo(batch);
      store.commit(batch, 2);
      assertEquals(2, all(old).size());
      assertArrayEquals(new Object[] {1, "a"}, old.get(new Object[] {1}));
    }
    assertEquals(2, all(new StateTable(layout, store.latest())).size());
    assertThrows(IllegalArgumentException.class, () -> store.commit(new WriteBatch(), 2));
  }

  @Test
  void rocksStoreRecoversCommits(@TempDir Path dir) {
    TableLayout layout =
        new TableLayout(9, TYPES, List.of(1, 0), List.of(OrderType.DESC, OrderType.ASC));
    try (RocksStateStore store = RocksStateStore.open(dir, true)) {
      StateTable t = new StateTable(layout, store.latest());
      for (int i = 0; i < 100; i++) {
        t.insert(new Object[] {i, "k" + (i % 10)});
      }
      WriteBatch b = new WriteBatch();
      t.writeTo(b);
      store.commit(b, 5);
    }
    try (RocksStateStore store = RocksStateStore.open(dir, true)) {
      assertEquals(5, store.committedEpoch());
      StateTable t = new StateTable(layout, store.latest());
      List<Object[]> rows = all(t);
      assertEquals(100, rows.size());
      assertEquals("k9", rows.get(0)[1]);
      assertEquals(9, rows.get(0)[0]);
      List<Object[]> k3 = new ArrayList<>();
      try (CloseableIterator<Object[]> it = t.scanPrefix(new Object[] {"k3"})) {
        it.forEachRemaining(k3::add);
      }
      assertEquals(10, k3.size());
      assertEquals(3, k3.get(0)[0]);
      WriteBatch b = new WriteBatch();
      StateTable.truncate(9, b);
      store.commit(b, 6);
      assertEquals(0, all(t).size());
    }
  }
}
