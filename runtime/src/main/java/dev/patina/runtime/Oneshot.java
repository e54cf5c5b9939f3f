package dev.patina.runtime;

import dev.patina.runtime.internal.Blocking;
import dev.patina.runtime.internal.WaitList;
import java.util.Objects;

/**
 * A channel for exactly one value, as {@code tokio::sync::oneshot}.
 *
 * <p>The sender either {@link OneshotSender#send sends} once or {@link OneshotSender#close closes}
 * without sending, in which case the receiver sees {@link Recv.Closed} (Tokio's {@code RecvError}).
 * A closed receiver makes the send fail and hand the value back to the caller's control flow.
 */
public final class Oneshot {
  private Oneshot() {}

  public record Channel<T>(OneshotSender<T> tx, OneshotReceiver<T> rx) {}

  public static <T> Channel<T> channel() {
    State<T> s = new State<>();
    return new Channel<>(new OneshotSender<>(s), new OneshotReceiver<>(s));
  }

  static final class State<T> {
    final WaitList readable = new WaitList();
    final WaitList receiverGone = new WaitList();
    private T value;
    private boolean sent;
    private boolean taken;
    private boolean senderDone;
    private boolean receiverClosed;

    boolean send(T v) {
      Objects.requireNonNull(v, "channel values must not be null");
      synchronized (this) {
        if (senderDone) {
          throw new IllegalStateException("oneshot sender already used");
        }
        senderDone = true;
        if (receiverClosed) {
          return false;
        }
        value = v;
        sent = true;
      }
      readable.wakeAll();
      return true;
    }

    void closeSender() {
      synchronized (this) {
        if (senderDone) {
          return;
        }
        senderDone = true;
      }
      readable.wakeAll();
    }

    synchronized Recv<T> tryRecv() {
      if (sent && !taken) {
        taken = true;
        T v = value;
        value = null;
        return Recv.value(v);
      }
      // After the value was taken, Tokio's receiver is spent: report it as closed.
      return senderDone || receiverClosed ? Recv.closed() : Recv.empty();
    }

    T recv() throws InterruptedException {
      Recv<T> r =
          Blocking.until(
              readable,
              () -> {
                Recv<T> x = tryRecv();
                return x instanceof Recv.Empty<T> ? null : x;
              });
      return r instanceof Recv.Value<T>(T v) ? v : null;
    }

    void closeReceiver() {
      synchronized (this) {
        receiverClosed = true;
      }
      receiverGone.wakeAll();
      readable.wakeAll();
    }

    synchronized boolean isReceiverClosed() {
      return receiverClosed;
    }

    void awaitReceiverClosed() throws InterruptedException {
      Blocking.until(receiverGone, () -> isReceiverClosed() ? Boolean.TRUE : null);
    }
  }
}
