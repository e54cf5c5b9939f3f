package dev.patina.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Tokio's documented channel semantics, one behaviour per test, single-threaded where possible. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class ChannelSemanticsTest {

  @Test
  void boundedMpscReportsFullAndKeepsOrder() {
    var ch = Mpsc.<Integer>bounded(2);
    assertEquals(TrySend.SENT, ch.tx().trySend(1));
    assertEquals(TrySend.SENT, ch.tx().trySend(2));
    assertEquals(TrySend.FULL, ch.tx().trySend(3));
    assertEquals(Recv.value(1), ch.rx().tryRecv());
    assertEquals(TrySend.SENT, ch.tx().trySend(3));
    assertEquals(Recv.value(2), ch.rx().tryRecv());
    assertEquals(Recv.value(3), ch.rx().tryRecv());
    assertEquals(Recv.empty(), ch.rx().tryRecv());
  }

  @Test
  void zeroCapacityIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Mpsc.bounded(0));
    assertThrows(IllegalArgumentException.class, () -> Broadcast.channel(0));
  }

  @Test
  void receiverDrainsAfterLastSenderCloses() throws Exception {
    var ch = Mpsc.<String>unbounded();
    MpscSender<String> second = ch.tx().copy();
    ch.tx().send("a");
    ch.tx().close();
    assertFalse(ch.rx().sendersClosed(), "one sender handle is still open");
    second.send("b");
    second.close();
    assertEquals("a", ch.rx().recv());
    assertEquals("b", ch.rx().recv());
    assertNull(ch.rx().recv(), "closed and drained");
    assertEquals(Recv.closed(), ch.rx().tryRecv());
  }

  @Test
  void receiverCloseFailsSendsButKeepsBufferedValues() throws Exception {
    var ch = Mpsc.<Integer>bounded(4);
    ch.tx().send(1);
    ch.rx().close();
    assertTrue(ch.tx().isClosed());
    assertFalse(ch.tx().send(2));
    assertEquals(TrySend.CLOSED, ch.tx().trySend(3));
    assertEquals(1, ch.rx().recv());
    assertNull(ch.rx().recv());
  }

  @Test
  void closedSenderHandleRefusesUse() {
    var ch = Mpsc.<Integer>unbounded();
    ch.tx().close();
    ch.tx().close(); // idempotent
    assertThrows(IllegalStateException.class, () -> ch.tx().trySend(1));
    var bc = Broadcast.<Integer>channel(1);
    BroadcastSender<Integer> other = bc.tx().copy();
    bc.tx().close();
    assertThrows(IllegalStateException.class, () -> bc.tx().send(1));
    assertEquals(1, other.send(1), "other handles stay usable");
  }

  @Test
  void blockedSenderIsReleasedByReceive() throws Exception {
    var ch = Mpsc.<Integer>bounded(1);
    ch.tx().send(1);
    Thread t = Thread.ofVirtual().start(() -> quietly(() -> ch.tx().send(2)));
    waitUntil(() -> t.getState() == Thread.State.WAITING);
    assertEquals(1, ch.rx().len(), "backpressure: the second value waits outside the buffer");
    assertEquals(1, ch.rx().recv());
    t.join();
    assertEquals(2, ch.rx().recv());
  }

  @Test
  void blockedSenderFailsWhenReceiverCloses() throws Exception {
    var ch = Mpsc.<Integer>bounded(1);
    ch.tx().send(1);
    boolean[] result = {true};
    Thread t = Thread.ofVirtual().start(() -> quietly(() -> result[0] = ch.tx().send(2)));
    waitUntil(() -> t.getState() == Thread.State.WAITING);
    ch.rx().close();
    t.join();
    assertFalse(result[0]);
  }

  @Test
  void blockedReceiveIsInterruptible() throws Exception {
    var ch = Mpsc.<Integer>bounded(1);
    Throwable[] seen = {null};
    Thread t =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    ch.rx().recv();
                  } catch (InterruptedException e) {
                    seen[0] = e;
                  }
                });
    waitUntil(() -> t.getState() == Thread.State.WAITING);
    t.interrupt();
    t.join();
    assertTrue(seen[0] instanceof InterruptedException);
  }

  @Test
  void oneshotDeliversOnceOrReportsClosed() throws Exception {
    var ok = Oneshot.<String>channel();
    assertEquals(Recv.empty(), ok.rx().tryRecv());
    assertTrue(ok.tx().send("v"));
    assertEquals("v", ok.rx().recv());
    assertThrows(IllegalStateException.class, () -> ok.tx().send("again"));

    var dropped = Oneshot.<String>channel();
    dropped.tx().close();
    assertNull(dropped.rx().recv(), "sender closed without sending: RecvError");

    var refused = Oneshot.<String>channel();
    refused.rx().close();
    assertTrue(refused.tx().isClosed());
    assertFalse(refused.tx().send("v"));
  }

  @Test
  void oneshotSenderCanWaitForReceiverClose() throws Exception {
    var ch = Oneshot.<String>channel();
    Thread t = Thread.ofVirtual().start(() -> quietly(ch.tx()::awaitClosed));
    waitUntil(() -> t.getState() == Thread.State.WAITING);
    ch.rx().close();
    t.join(5000);
    assertFalse(t.isAlive());
  }

  @Test
  void broadcastLaggingReceiverIsToldHowManyItMissed() throws Exception {
    var ch = Broadcast.<Integer>channel(2);
    BroadcastReceiver<Integer> slow = ch.tx().subscribe();
    for (int i = 1; i <= 5; i++) {
      assertEquals(2, ch.tx().send(i));
    }
    assertEquals(new Recv.Lagged<Integer>(3), slow.recv());
    assertEquals(Recv.value(4), slow.recv());
    assertEquals(Recv.value(5), slow.recv());
    assertEquals(Recv.empty(), slow.tryRecv());
    assertEquals(2, ch.rx().len());
  }

  @Test
  void broadcastSeesOnlyLaterValuesAndClosesAfterDrain() throws Exception {
    var ch = Broadcast.<String>channel(8);
    ch.tx().send("before");
    BroadcastReceiver<String> late = ch.tx().subscribe();
    ch.tx().send("after");
    ch.tx().close();
    assertEquals(Recv.value("after"), late.recv());
    assertEquals(Recv.closed(), late.recv());
    assertEquals(Recv.value("before"), ch.rx().recv());
  }

  @Test
  void broadcastWithoutReceiversFailsTheSend() {
    var ch = Broadcast.<String>channel(4);
    ch.rx().close();
    assertEquals(0, ch.tx().send("lost"));
    assertEquals(0, ch.tx().receiverCount());
  }

  @Test
  void watchKeepsLatestAndTracksSeen() throws Exception {
    var ch = Watch.channel("a");
    WatchReceiver<String> rx = ch.rx();
    assertFalse(rx.hasChanged(), "the initial value counts as seen");
    ch.tx().send("b");
    ch.tx().send("c");
    assertTrue(rx.hasChanged());
    assertEquals("c", rx.borrow());
    assertTrue(rx.changed(), "an unseen value returns at once");
    assertFalse(rx.hasChanged());
    ch.tx().send("d");
    ch.tx().close();
    assertTrue(rx.changed(), "an unseen value wins over the closed sender");
    assertFalse(rx.changed(), "then the closed sender is reported");
    assertEquals("d", rx.borrowAndUpdate());
  }

  @Test
  void watchSendNeedsAReceiverButSendReplaceDoesNot() {
    var ch = Watch.channel(1);
    ch.rx().close();
    assertFalse(ch.tx().send(2));
    assertEquals(1, ch.tx().borrow());
    assertEquals(1, ch.tx().sendReplace(3));
    assertEquals(3, ch.tx().borrow());
  }

  interface Body {
    void run() throws Exception;
  }

  static void quietly(Body b) {
    try {
      b.run();
    } catch (Exception e) {
      throw new RuntimeException(e);
    }
  }

  static void waitUntil(java.util.function.BooleanSupplier c) throws InterruptedException {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    while (!c.getAsBoolean()) {
      if (System.nanoTime() > end) {
        throw new AssertionError("condition not reached in 5 s");
      }
      Thread.sleep(1);
    }
  }
}
