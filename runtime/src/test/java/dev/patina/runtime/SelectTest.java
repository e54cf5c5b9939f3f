package dev.patina.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class SelectTest {

  @Test
  void readyBranchesAreChosenFairly() throws Exception {
    var a = Mpsc.<Integer>unbounded();
    var b = Mpsc.<Integer>unbounded();
    int fromA = 0;
    for (int i = 0; i < 200; i++) {
      a.tx().send(i);
      b.tx().send(i);
      String which = new Select<String>().onRecv(a.rx(), v -> "a").onRecv(b.rx(), v -> "b").run();
      if (which.equals("a")) {
        fromA++;
        b.rx().tryRecv();
      } else {
        a.rx().tryRecv();
      }
    }
    assertTrue(fromA > 40 && fromA < 160, "a won " + fromA + " of 200");
  }

  @Test
  void biasedChecksInOrderAndLosersTakeNothing() throws Exception {
    var a = Mpsc.<Integer>unbounded();
    var b = Mpsc.<Integer>unbounded();
    a.tx().send(1);
    b.tx().send(2);
    int v = new Select<Integer>().biased().onRecv(a.rx(), x -> x).onRecv(b.rx(), x -> x).run();
    assertEquals(1, v);
    assertEquals(1, b.rx().len(), "the losing branch left its value in place");
  }

  @Test
  void timeoutWinsWhenNothingElseIsReady() throws Exception {
    var ch = Mpsc.<Integer>bounded(1);
    long t0 = System.nanoTime();
    String r =
        new Select<String>()
            .onRecv(ch.rx(), v -> "value")
            .onTimeout(Duration.ofMillis(30), () -> "timeout")
            .run();
    assertEquals("timeout", r);
    assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(30));
  }

  @Test
  void valueArrivingWhileWaitingWins() throws Exception {
    var ch = Mpsc.<Integer>bounded(1);
    Thread.ofVirtual()
        .start(
            () ->
                ChannelSemanticsTest.quietly(
                    () -> {
                      Time.sleep(Duration.ofMillis(20));
                      ch.tx().send(7);
                    }));
    int r =
        new Select<Integer>()
            .onRecv(ch.rx(), v -> v)
            .onTimeout(Duration.ofSeconds(5), () -> -1)
            .run();
    assertEquals(7, r);
  }

  @Test
  void sendBranchWaitsForRoom() throws Exception {
    var ch = Mpsc.<Integer>bounded(1);
    ch.tx().send(1);
    String r =
        new Select<String>()
            .onSend(ch.tx(), 2, ok -> "sent")
            .onTimeout(Duration.ofMillis(20), () -> "full")
            .run();
    assertEquals("full", r);
    assertEquals(1, ch.rx().len(), "the losing send sent nothing");
    ch.rx().recv();
    assertEquals("sent", new Select<String>().onSend(ch.tx(), 2, ok -> "sent").run());
    ch.rx().close();
    assertEquals(false, new Select<Boolean>().onSend(ch.tx(), 3, ok -> ok).run());
  }

  @Test
  void closedChannelBranchIsReadyWithNull() throws Exception {
    var ch = Mpsc.<Integer>unbounded();
    ch.tx().close();
    assertNull(new Select<Integer>().onRecv(ch.rx(), v -> v).run());
  }

  @Test
  void joinCancelAndOtherChannelKinds() throws Exception {
    try (var group = new TaskGroup<String>()) {
      CountDownLatch go = new CountDownLatch(1);
      TaskHandle<String> h =
          group.spawn(
              () -> {
                go.await();
                return "done";
              });
      CancellationToken token = new CancellationToken();
      Thread.ofVirtual()
          .start(
              () ->
                  ChannelSemanticsTest.quietly(
                      () -> {
                        Time.sleep(Duration.ofMillis(10));
                        token.cancel();
                      }));
      assertEquals(
          "cancelled",
          new Select<String>()
              .onJoin(h, o -> "joined")
              .onCancelled(token, () -> "cancelled")
              .run());
      go.countDown();
      assertEquals(
          "done",
          new Select<String>().onJoinNext(group, o -> o.toString()).run().isEmpty()
              ? ""
              : h.join().get());
    }
    var one = Oneshot.<String>channel();
    var bc = Broadcast.<String>channel(4);
    var w = Watch.channel(0);
    one.tx().send("once");
    assertEquals("once", new Select<String>().onRecv(one.rx(), v -> v).run());
    bc.tx().send("all");
    assertEquals(Recv.value("all"), new Select<Recv<String>>().onRecv(bc.rx(), r -> r).run());
    w.tx().send(5);
    assertEquals(true, new Select<Boolean>().onChanged(w.rx(), c -> c).run());
    assertEquals(5, w.rx().borrow());
  }

  @Test
  void emptySelectIsAnError() {
    assertThrows(IllegalStateException.class, () -> new Select<String>().run());
  }
}
