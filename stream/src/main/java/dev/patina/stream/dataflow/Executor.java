package dev.patina.stream.dataflow;

import dev.patina.stream.state.StateTable;
import dev.patina.stream.state.TableLayout;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * One operator instance of a running job (RisingWave's executor). It receives chunks and barriers
 * on numbered inputs, emits chunks and barriers to its downstream edges, and owns state tables
 * whose staged writes move into the epoch's batch at every checkpoint barrier.
 *
 * <p>Barrier alignment: once a barrier arrived on one input, chunks arriving on that input are held
 * back until the barrier arrived on every input; then {@link #onBarrier} runs, the barrier goes
 * downstream and the held chunks are processed (they belong to the next epoch).
 */
abstract class Executor {
  private record Edge(Executor target, int input) {}

  private record Held(int input, Chunk chunk) {}

  protected final ExecContext ctx;
  private final int inputs;
  private final List<Edge> downstream = new ArrayList<>();
  private final List<StateTable> tables = new ArrayList<>();
  private final boolean[] blocked;
  private int arrived;
  private final ArrayDeque<Held> held = new ArrayDeque<>();
  private final java.util.Map<Integer, Watermark> heldWatermarks = new java.util.TreeMap<>();

  Executor(ExecContext ctx, int inputs) {
    this.ctx = ctx;
    this.inputs = inputs;
    this.blocked = new boolean[inputs];
  }

  /** Sends this executor's output to input {@code input} of {@code target}. */
  final void connect(Executor target, int input) {
    downstream.add(new Edge(target, input));
  }

  final void disconnect(Executor target) {
    downstream.removeIf(e -> e.target == target);
  }

  final boolean hasDownstream() {
    return !downstream.isEmpty();
  }

  /** Opens a state table of this executor; it is flushed at every checkpoint. */
  protected final StateTable table(TableLayout layout) {
    StateTable t = ctx.open(layout);
    tables.add(t);
    return t;
  }

  final void receiveChunk(int input, Chunk chunk) {
    if (chunk.isEmpty()) {
      return;
    }
    if (inputs > 0 && blocked[input]) {
      held.add(new Held(input, chunk));
    } else {
      onChunk(input, chunk);
    }
  }

  final void receiveBarrier(int input, Barrier barrier) {
    if (inputs > 1) {
      if (blocked[input]) {
        throw new IllegalStateException("two barriers on one input before alignment");
      }
      blocked[input] = true;
      if (++arrived < inputs) {
        return;
      }
      arrived = 0;
      java.util.Arrays.fill(blocked, false);
    }
    passBarrier(barrier);
    while (!held.isEmpty()) {
      Held h = held.poll();
      onChunk(h.input, h.chunk);
    }
  }

  final void receiveWatermark(int input, Watermark watermark) {
    onWatermark(input, watermark);
  }

  /** Sends {@code watermark} (on this executor's output columns) downstream. */
  protected final void emitWatermark(Watermark watermark) {
    for (Edge e : downstream) {
      e.target.receiveWatermark(e.input, watermark);
    }
  }

  /**
   * Sends {@code watermark} downstream after this executor's output at the next barrier: what
   * operators that emit at barriers do, so that the watermark follows the rows it covers.
   */
  protected final void holdWatermark(Watermark watermark) {
    Watermark before = heldWatermarks.get(watermark.column());
    if (watermark.after(before)) {
      heldWatermarks.put(watermark.column(), watermark);
    }
  }

  /**
   * A watermark on column {@code watermark.column()} of input {@code input}. By default it is
   * dropped: only operators that know which of their output columns follow it derive one.
   */
  protected void onWatermark(int input, Watermark watermark) {}

  /** Runs the barrier through this executor: emits the epoch's results, flushes, forwards. */
  final void passBarrier(Barrier barrier) {
    onBarrier(barrier);
    if (!heldWatermarks.isEmpty()) {
      List<Watermark> ws = List.copyOf(heldWatermarks.values());
      heldWatermarks.clear();
      ws.forEach(this::emitWatermark);
    }
    if (barrier.checkpoint()) {
      for (StateTable t : tables) {
        t.writeTo(ctx.batch());
      }
    }
    for (Edge e : downstream) {
      e.target.receiveBarrier(e.input, barrier);
    }
  }

  protected final void emit(Chunk chunk) {
    if (chunk.isEmpty()) {
      return;
    }
    for (Edge e : downstream) {
      e.target.receiveChunk(e.input, chunk);
    }
  }

  /** Processes changes that arrived on {@code input}. */
  protected abstract void onChunk(int input, Chunk chunk);

  /** Emits what the closing epoch produced (aggregations, TopN); called before forwarding. */
  protected void onBarrier(Barrier barrier) {}
}
