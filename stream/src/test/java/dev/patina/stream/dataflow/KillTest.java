package dev.patina.stream.dataflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.stream.state.RocksStateStore;
import dev.patina.stream.state.StateStore;
import dev.patina.stream.state.StateTable;
import dev.patina.stream.state.WriteBatch;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9: a child JVM commits statements (one new row each, its table write and the view's state
 * in one commit) and reports each committed id; it is killed mid-stream. Reopened, the store holds
 * every reported row, and the view equals its definition over the table's rows.
 */
class KillTest {
  @TempDir Path dir;

  /** The child: commits statements until killed. */
  public static void main(String[] args) {
    StateStore store = RocksStateStore.open(Path.of(args[0]), false);
    StreamRuntime rt = new EngineSourceTest().start(store);
    for (long id = 1; ; id++) {
      Object[] row = {id, (int) (id % 3), (int) (id % 10), "k"};
      StateTable table = new StateTable(EngineSourceTest.T, store.latest());
      table.insert(row);
      if (id % 7 == 0) {
        Object[] old = table.get(new Object[] {id - 3});
        if (old != null) {
          table.delete(old);
        }
      }
      WriteBatch batch = new WriteBatch();
      table.writeTo(batch);
      Chunk.Builder changes = new Chunk.Builder().add(Op.INSERT, row);
      if (id % 7 == 0) {
        changes.add(
            Op.DELETE, new Object[] {id - 3, (int) ((id - 3) % 3), (int) ((id - 3) % 10), "k"});
      }
      rt.commit(batch, Map.of(EngineSourceTest.T.tableId(), List.of(changes.build())));
      System.out.println("committed " + id);
      System.out.flush();
    }
  }

  @Test
  void killedWriterLosesNothingCommitted() throws Exception {
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                KillTest.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    long lastCommitted = 0;
    try (var stdin = child.getOutputStream();
        BufferedReader out =
            new BufferedReader(
                new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = out.readLine()) != null) {
        if (line.startsWith("committed ")) {
          lastCommitted = Long.parseLong(line.substring(10));
          if (lastCommitted >= 300) {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
            break;
          }
        }
      }
    } finally {
      child.destroyForcibly();
    }
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    assertTrue(lastCommitted >= 300, "the child committed " + lastCommitted);
    try (StateStore store = RocksStateStore.open(dir, false);
        StreamRuntime rt = new EngineSourceTest().start(store)) {
      List<Object[]> rows = EngineSourceTest.tableRows(store);
      long maxId = rows.stream().mapToLong(r -> (Long) r[0]).max().orElse(0);
      assertTrue(maxId >= lastCommitted, "rows up to " + lastCommitted + " survive, got " + maxId);
      assertEquals(
          Harness.canon(EngineSourceTest.expected(rows)),
          Harness.canon(rt.rows(EngineSourceTest.MV)));
    }
  }
}
