package dev.patina.stream.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patina.stream.pgwire.PgServer;
import dev.patina.stream.pgwire.PgServerConfig;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code RECOVER}, RisingWave's statement that rebuilds every streaming job from its last
 * checkpoint: the views' operators must come back from their state tables alone and go on
 * maintaining the same rows.
 */
class RecoverTest {
  @TempDir Path dir;

  private static final String[] VIEWS = {
    "select k, count(*) as n, sum(v) as s, max(v) as m, count(distinct v) as d from t group by k",
    "select a.k, a.v, b.v as w from t a join t b on a.k = b.k and a.v < b.v",
    "select k, v from t order by v desc, k limit 3",
    "select k, v, row_number() over (partition by k order by v) as r from t"
  };

  @Test
  void viewsKeepMaintainingTheSameRowsAfterRecover() throws Exception {
    AtomicInteger recovers = new AtomicInteger();
    try (Database db =
            Database.open(
                dir,
                store ->
                    new CountingRecover(new DataflowBackend(store), recovers::incrementAndGet));
        PgServer server =
            PgServer.start(
                PgServerConfig.defaults().withHost("127.0.0.1").withPort(0), new StreamEngine(db));
        Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:" + server.port() + "/dev", "root", null);
        Statement st = c.createStatement()) {
      st.execute("set rw_implicit_flush to true");
      st.execute("create table t (id int primary key, k int, v int)");
      for (int i = 0; i < VIEWS.length; i++) {
        st.execute("create materialized view mv" + i + " as " + VIEWS[i]);
      }
      st.execute("insert into t select x, x % 4, (x * 7) % 11 from generate_series(1, 40) g(x)");
      st.execute("recover");
      // changes after the recovery retract and extend state the operators reloaded
      st.execute("delete from t where id % 3 = 0");
      st.execute("update t set v = v + 5 where id % 5 = 1");
      st.execute("insert into t select x, x % 6, x % 13 from generate_series(41, 60) g(x)");
      st.execute("recover");
      st.execute("delete from t where k = 2");
      assertEquals(2, recovers.get());
      for (int i = 0; i < VIEWS.length; i++) {
        assertEquals(
            StreamEngineTest.rows(st, VIEWS[i]).stream().sorted().toList(),
            StreamEngineTest.rows(st, "select * from mv" + i).stream().sorted().toList(),
            VIEWS[i]);
      }
    }
  }

  /** The dataflow backend, counting RECOVER calls: the statement must reach it. */
  private record CountingRecover(DataflowBackend inner, Runnable onRecover)
      implements StreamingBackend {
    @Override
    public long commit(
        dev.patina.stream.state.StateStore store,
        dev.patina.stream.state.WriteBatch batch,
        java.util.Map<Integer, java.util.List<RowChange>> changes) {
      return inner.commit(store, batch, changes);
    }

    @Override
    public PreparedView prepareMaterializedView(
        dev.patina.stream.catalog.Relation mv,
        dev.patina.stream.plan.Binder.BoundQuery query,
        java.util.function.IntSupplier ids) {
      return inner.prepareMaterializedView(mv, query, ids);
    }

    @Override
    public void dropMaterializedView(dev.patina.stream.catalog.Relation mv) {
      inner.dropMaterializedView(mv);
    }

    @Override
    public java.util.List<Object[]> scan(
        dev.patina.stream.catalog.Relation mv, dev.patina.stream.state.ReadView view) {
      return inner.scan(mv, view);
    }

    @Override
    public dev.patina.stream.state.TableLayout keyedLayout(dev.patina.stream.catalog.Relation mv) {
      return inner.keyedLayout(mv);
    }

    @Override
    public void flush() {
      inner.flush();
    }

    @Override
    public void recover() {
      onRecover.run();
      inner.recover();
    }

    @Override
    public void close() {
      inner.close();
    }
  }
}
