package dev.patina.runtime;

import org.jetbrains.lincheck.datastructures.Operation;
import org.junit.jupiter.api.Test;

/** Linearizability of oneshot: the race between send, close on either side, and receive. */
public class OneshotLincheckTest {
  private final Oneshot.Channel<Integer> ch = Oneshot.channel();

  @Operation(runOnce = true, nonParallelGroup = "tx")
  public boolean send() {
    return ch.tx().send(42);
  }

  @Operation(runOnce = true, nonParallelGroup = "tx")
  public void closeSender() {
    ch.tx().close();
  }

  @Operation(nonParallelGroup = "rx")
  public Recv<Integer> tryRecv() {
    return ch.rx().tryRecv();
  }

  @Operation(runOnce = true, nonParallelGroup = "rx")
  public void closeReceiver() {
    ch.rx().close();
  }

  @Operation
  public boolean senderSeesClosed() {
    return ch.tx().isClosed();
  }

  @Test
  void modelChecking() {
    Linchecks.modelCheck(OneshotLincheckTest.class, Spec.class, 2);
  }

  @Test
  void stress() {
    Linchecks.stress(OneshotLincheckTest.class, Spec.class, 2);
  }

  public static class Spec {
    private boolean senderDone;
    private boolean sent;
    private boolean taken;
    private boolean receiverClosed;

    public boolean send() {
      if (senderDone) {
        throw new IllegalStateException("oneshot sender already used");
      }
      senderDone = true;
      if (receiverClosed) {
        return false;
      }
      sent = true;
      return true;
    }

    public void closeSender() {
      senderDone = true;
    }

    public Recv<Integer> tryRecv() {
      if (sent && !taken) {
        taken = true;
        return Recv.value(42);
      }
      return senderDone || receiverClosed ? Recv.closed() : Recv.empty();
    }

    public void closeReceiver() {
      receiverClosed = true;
    }

    public boolean senderSeesClosed() {
      return receiverClosed;
    }
  }
}
