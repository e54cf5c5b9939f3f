package dev.patina.runtime;

import java.util.ArrayList;
import java.util.List;
import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/**
 * Linearizability of broadcast with two receivers and a ring of two, so that lagging happens in
 * most scenarios: the spec keeps the full history and derives what each receiver may still see.
 */
@Param(name = "v", gen = IntGen.class, conf = "1:9")
public class BroadcastLincheckTest {
  static final int CAPACITY = 2;

  private final Broadcast.Channel<Integer> ch = Broadcast.channel(CAPACITY);
  private final BroadcastReceiver<Integer> a = ch.rx();
  private final BroadcastReceiver<Integer> b = ch.tx().subscribe();
  private final BroadcastSender<Integer> extra = ch.tx().copy();

  @Operation
  public int send(@Param(name = "v") int v) {
    return extra.send(v);
  }

  @Operation(nonParallelGroup = "a")
  public Recv<Integer> recvA() {
    return a.tryRecv();
  }

  @Operation(nonParallelGroup = "b")
  public Recv<Integer> recvB() {
    return b.tryRecv();
  }

  @Operation(nonParallelGroup = "b")
  public void closeB() {
    b.close();
  }

  @Operation(runOnce = true)
  public void closeFirstSender() {
    ch.tx().close();
  }

  @Test
  void modelChecking() {
    Linchecks.modelCheck(BroadcastLincheckTest.class, Spec.class);
  }

  @Test
  void stress() {
    Linchecks.stress(BroadcastLincheckTest.class, Spec.class);
  }

  public static class Spec {
    private final List<Integer> history = new ArrayList<>();
    private long cursorA;
    private long cursorB;
    private boolean bClosed;

    public int send(int v) {
      int receivers = bClosed ? 1 : 2;
      history.add(v);
      return receivers;
    }

    public Recv<Integer> recvA() {
      Recv<Integer> r = recv(cursorA);
      cursorA = advance(cursorA, r);
      return r;
    }

    public Recv<Integer> recvB() {
      Recv<Integer> r = recv(cursorB);
      cursorB = advance(cursorB, r);
      return r;
    }

    public void closeB() {
      bClosed = true;
    }

    public void closeFirstSender() {}

    private Recv<Integer> recv(long cursor) {
      long oldest = Math.max(0, history.size() - CAPACITY);
      if (cursor < oldest) {
        return new Recv.Lagged<>(oldest - cursor);
      }
      if (cursor < history.size()) {
        return Recv.value(history.get((int) cursor));
      }
      return Recv.empty(); // one sender handle stays open throughout
    }

    private long advance(long cursor, Recv<Integer> r) {
      return switch (r) {
        case Recv.Lagged<Integer> l -> cursor + l.missed();
        case Recv.Value<Integer> v -> cursor + 1;
        default -> cursor;
      };
    }
  }
}
