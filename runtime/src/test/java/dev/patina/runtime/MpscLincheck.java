package dev.patina.runtime;

import java.util.ArrayDeque;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of the mpsc channel's non-blocking operations against a sequential queue.
 * Blocking send/recv are built from the same operations plus the wait list (see the stress tests),
 * so the state machine checked here is the one they rely on. The consumer-side operations share a
 * non-parallel group: an mpsc channel has one consumer.
 */
@Param(name = "v", gen = IntGen.class, conf = "1:9")
public abstract class MpscLincheck {
  static final int CAPACITY = 2;

  private final MpscState<Integer> state;

  protected MpscLincheck(int capacity) {
    state = new MpscState<>(capacity);
  }

  @Operation
  public TrySend trySend(@Param(name = "v") int v) {
    return state.trySend(v);
  }

  @Operation(nonParallelGroup = "consumer")
  public Recv<Integer> tryRecv() {
    return state.tryRecv();
  }

  @Operation(nonParallelGroup = "consumer")
  public void closeReceiver() {
    state.closeReceiver();
  }

  @Operation(runOnce = true)
  public void dropSender() {
    state.dropSender();
  }

  @Operation
  public int len() {
    return state.len();
  }

  abstract Class<?> spec();

  @Test
  void modelChecking() {
    Linchecks.modelCheck(getClass(), spec());
  }

  @Test
  void stress() {
    Linchecks.stress(getClass(), spec());
  }

  /** What the channel must look like to a caller: a bounded FIFO with two close flags. */
  public static class Spec {
    private final int capacity;
    private final ArrayDeque<Integer> queue = new ArrayDeque<>();
    private boolean receiverClosed;
    private boolean senderGone;

    public Spec(int capacity) {
      this.capacity = capacity;
    }

    public TrySend trySend(int v) {
      if (receiverClosed) {
        return TrySend.CLOSED;
      }
      if (queue.size() >= capacity) {
        return TrySend.FULL;
      }
      queue.add(v);
      return TrySend.SENT;
    }

    public Recv<Integer> tryRecv() {
      Integer v = queue.poll();
      if (v != null) {
        return Recv.value(v);
      }
      return receiverClosed || senderGone ? Recv.closed() : Recv.empty();
    }

    public void closeReceiver() {
      receiverClosed = true;
    }

    public void dropSender() {
      senderGone = true;
    }

    public int len() {
      return queue.size();
    }
  }
}
