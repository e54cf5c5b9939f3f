package dev.patina.runtime;

import dev.patina.runtime.internal.Counters;
import dev.patina.runtime.internal.WaitList;
import dev.patina.runtime.internal.Waiter;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * The shared state of one mpsc channel: the buffer, the count of live senders and whether the
 * receiver closed. One monitor guards it all; on Java 25 a virtual thread blocked on a monitor no
 * longer pins its carrier (JEP 491), and the critical sections are a few field updates.
 */
final class MpscState<T> {
  final int capacity;
  private final ArrayDeque<T> buffer = new ArrayDeque<>();
  private int senders = 1;
  private boolean receiverClosed;
  private boolean open = true; // for the open-channels metric only
  final WaitList readable = new WaitList();
  final WaitList writable = new WaitList();

  MpscState(int capacity) {
    this.capacity = capacity;
    Counters.OPEN_CHANNELS.increment();
  }

  TrySend trySend(T value) {
    Objects.requireNonNull(value, "channel values must not be null");
    synchronized (this) {
      if (receiverClosed) {
        return TrySend.CLOSED;
      }
      if (buffer.size() >= capacity) {
        return TrySend.FULL;
      }
      buffer.addLast(value);
    }
    Counters.QUEUED_MESSAGES.increment();
    readable.wakeAll();
    return TrySend.SENT;
  }

  /** Blocks while full; false if the receiver is closed (the value was not sent). */
  boolean send(T value) throws InterruptedException {
    TrySend r = trySend(value);
    if (r != TrySend.FULL) {
      return r == TrySend.SENT;
    }
    Waiter w = new Waiter();
    writable.add(w);
    try {
      while (true) {
        w.reset();
        r = trySend(value);
        if (r != TrySend.FULL) {
          return r == TrySend.SENT;
        }
        w.park(Long.MAX_VALUE);
      }
    } finally {
      writable.remove(w);
    }
  }

  Recv<T> tryRecv() {
    T v;
    synchronized (this) {
      v = buffer.pollFirst();
      if (v == null) {
        return senders == 0 || receiverClosed ? Recv.closed() : Recv.empty();
      }
    }
    Counters.QUEUED_MESSAGES.decrement();
    if (capacity != Integer.MAX_VALUE) {
      writable.wakeAll();
    }
    return Recv.value(v);
  }

  /** Blocks while empty and open; null once closed and drained. */
  T recv() throws InterruptedException {
    Recv<T> r = tryRecv();
    if (!(r instanceof Recv.Empty<T>)) {
      return r instanceof Recv.Value<T>(T v) ? v : null;
    }
    Waiter w = new Waiter();
    readable.add(w);
    try {
      while (true) {
        w.reset();
        r = tryRecv();
        if (!(r instanceof Recv.Empty<T>)) {
          return r instanceof Recv.Value<T>(T v) ? v : null;
        }
        w.park(Long.MAX_VALUE);
      }
    } finally {
      readable.remove(w);
    }
  }

  void closeReceiver() {
    synchronized (this) {
      receiverClosed = true;
    }
    writable.wakeAll();
    readable.wakeAll();
    maybeRetire();
  }

  void addSender() {
    synchronized (this) {
      senders++;
    }
  }

  void dropSender() {
    boolean last;
    synchronized (this) {
      last = --senders == 0;
    }
    if (last) {
      readable.wakeAll();
      maybeRetire();
    }
  }

  synchronized boolean isClosedForSenders() {
    return receiverClosed;
  }

  synchronized int len() {
    return buffer.size();
  }

  synchronized int senderCount() {
    return senders;
  }

  private void maybeRetire() {
    synchronized (this) {
      if (!open || !(receiverClosed || senders == 0)) {
        return;
      }
      open = false;
    }
    Counters.OPEN_CHANNELS.decrement();
  }
}
