package dev.patina.runtime;

import org.jetbrains.lincheck.datastructures.IntGen;
import org.jetbrains.lincheck.datastructures.Operation;
import org.jetbrains.lincheck.datastructures.Param;
import org.junit.jupiter.api.Test;

/** Linearizability of watch: one value, a version, and each receiver's last seen version. */
@Param(name = "v", gen = IntGen.class, conf = "1:9")
public class WatchLincheckTest {
  private final Watch.Channel<Integer> ch = Watch.channel(0);
  private final WatchReceiver<Integer> rx = ch.rx();

  @Operation
  public int sendReplace(@Param(name = "v") int v) {
    return ch.tx().sendReplace(v);
  }

  @Operation
  public boolean send(@Param(name = "v") int v) {
    return ch.tx().send(v);
  }

  @Operation
  public int borrow() {
    return rx.borrow();
  }

  @Operation(nonParallelGroup = "rx")
  public int borrowAndUpdate() {
    return rx.borrowAndUpdate();
  }

  @Operation(nonParallelGroup = "rx")
  public boolean hasChanged() {
    return rx.hasChanged();
  }

  /** The non-blocking core of {@code changed()}: TRUE, FALSE (closed) or null (would wait). */
  @Operation(nonParallelGroup = "rx")
  public Boolean pollChanged() {
    return rx.state().pollChanged(rx.seen());
  }

  @Operation(runOnce = true)
  public void closeSender() {
    ch.tx().close();
  }

  @Test
  void modelChecking() {
    Linchecks.modelCheck(WatchLincheckTest.class, Spec.class);
  }

  @Test
  void stress() {
    Linchecks.stress(WatchLincheckTest.class, Spec.class);
  }

  public static class Spec {
    private int value;
    private long version;
    private long seen;
    private boolean closed;

    public int sendReplace(int v) {
      int old = value;
      value = v;
      version++;
      return old;
    }

    public boolean send(int v) {
      value = v; // the receiver stays open, so send always stores
      version++;
      return true;
    }

    public int borrow() {
      return value;
    }

    public int borrowAndUpdate() {
      seen = version;
      return value;
    }

    public boolean hasChanged() {
      return version != seen;
    }

    public Boolean pollChanged() {
      if (version != seen) {
        seen = version;
        return Boolean.TRUE;
      }
      return closed ? Boolean.FALSE : null;
    }

    public void closeSender() {
      closed = true;
    }
  }
}
