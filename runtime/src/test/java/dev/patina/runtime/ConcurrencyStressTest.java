package dev.patina.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Many threads, randomized pauses, invariants checked at the end: no value lost or duplicated, FIFO
 * per producer, lag accounting exact, every task accounted for. Each run picks fresh random sizes
 * and interleavings; a failure prints its seed.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class ConcurrencyStressTest {

  /** Randomly yields or parks briefly, to shake the interleaving. */
  static void jitter() {
    int r = ThreadLocalRandom.current().nextInt(16);
    if (r == 0) {
      Thread.yield();
    } else if (r == 1) {
      java.util.concurrent.locks.LockSupport.parkNanos(ThreadLocalRandom.current().nextInt(20_000));
    }
  }

  @RepeatedTest(4)
  void mpscKeepsPerProducerOrderAndLosesNothing() throws Exception {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    int producers = 2 + rnd.nextInt(8);
    int perProducer = 500 + rnd.nextInt(1500);
    var ch =
        rnd.nextBoolean() ? Mpsc.<long[]>bounded(1 + rnd.nextInt(4)) : Mpsc.<long[]>unbounded();
    try (var group = new TaskGroup<Object>()) {
      for (int p = 0; p < producers; p++) {
        MpscSender<long[]> tx = ch.tx().copy();
        int id = p;
        group.spawn(
            () -> {
              try (tx) {
                for (int i = 0; i < perProducer; i++) {
                  jitter();
                  assertTrue(tx.send(new long[] {id, i}));
                }
              }
            });
      }
      ch.tx().close();
      int[] next = new int[producers];
      int total = 0;
      for (long[] v; (v = ch.rx().recv()) != null; ) {
        assertEquals(next[(int) v[0]], v[1], "FIFO per producer, seed " + seed);
        next[(int) v[0]]++;
        total++;
        jitter();
      }
      assertEquals(producers * perProducer, total, "seed " + seed);
      for (Outcome<Object> o; (o = group.joinNext()) != null; ) {
        o.get();
      }
    }
  }

  @RepeatedTest(4)
  void mpscReceiverCloseMidStreamDeliversExactlyTheAcceptedValues() throws Exception {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    var ch = Mpsc.<Integer>bounded(1 + rnd.nextInt(8));
    int producers = 4;
    AtomicInteger accepted = new AtomicInteger();
    int closeAfter = rnd.nextInt(200);
    try (var group = new TaskGroup<Object>()) {
      for (int p = 0; p < producers; p++) {
        MpscSender<Integer> tx = ch.tx().copy();
        group.spawn(
            () -> {
              try (tx) {
                for (int i = 0; i < 1000; i++) {
                  jitter();
                  if (!tx.send(i)) {
                    return null;
                  }
                  accepted.incrementAndGet();
                }
              }
              return null;
            });
      }
      ch.tx().close();
      int received = 0;
      while (received < closeAfter && ch.rx().recv() != null) {
        received++;
      }
      ch.rx().close();
      while (ch.rx().recv() != null) {
        received++;
      }
      for (Outcome<Object> o; (o = group.joinNext()) != null; ) {
        o.get();
      }
      assertEquals(accepted.get(), received, "every send that returned true arrived, seed " + seed);
    }
  }

  @RepeatedTest(3)
  void broadcastLagAccountingIsExact() throws Exception {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    int capacity = 1 + rnd.nextInt(8);
    int receivers = 2 + rnd.nextInt(6);
    int sent = 2000 + rnd.nextInt(3000);
    var ch = Broadcast.<Integer>channel(capacity);
    List<BroadcastReceiver<Integer>> rxs = new ArrayList<>();
    for (int i = 0; i < receivers; i++) {
      rxs.add(ch.tx().subscribe());
    }
    ch.rx().close();
    try (var group = new TaskGroup<long[]>()) {
      for (BroadcastReceiver<Integer> rx : rxs) {
        group.spawn(
            () -> {
              long seen = 0;
              long missed = 0;
              int expected = 0;
              while (true) {
                jitter();
                switch (rx.recv()) {
                  case Recv.Value<Integer>(Integer v) -> {
                    assertEquals(expected, v, "value after lag must be the oldest kept");
                    expected = v + 1;
                    seen++;
                  }
                  case Recv.Lagged<Integer>(long n) -> {
                    missed += n;
                    expected += (int) n;
                  }
                  case Recv.Closed<Integer> c -> {
                    return new long[] {seen, missed};
                  }
                  case Recv.Empty<Integer> e -> throw new AssertionError("recv never says Empty");
                }
              }
            });
      }
      for (int i = 0; i < sent; i++) {
        assertEquals(receivers, ch.tx().send(i));
        if (rnd.nextInt(64) == 0) {
          Thread.yield();
        }
      }
      ch.tx().close();
      for (Outcome<long[]> o; (o = group.joinNext()) != null; ) {
        long[] r = o.get();
        assertEquals(sent, r[0] + r[1], "seen + missed = sent, seed " + seed);
      }
    }
  }

  @RepeatedTest(3)
  void watchReceiversSeeMonotoneValuesAndTheLastOne() throws Exception {
    var ch = Watch.channel(0);
    int last = 5000;
    try (var group = new TaskGroup<Integer>()) {
      for (int r = 0; r < 6; r++) {
        WatchReceiver<Integer> rx = ch.tx().subscribe();
        group.spawn(
            () -> {
              int prev = -1;
              while (rx.changed()) {
                int v = rx.borrowAndUpdate();
                assertTrue(v >= prev, "watch values never go back");
                prev = v;
                jitter();
              }
              return rx.borrowAndUpdate();
            });
      }
      for (int i = 1; i <= last; i++) {
        ch.tx().send(i);
      }
      ch.tx().close();
      for (Outcome<Integer> o; (o = group.joinNext()) != null; ) {
        assertEquals(last, o.get());
      }
    }
  }

  @Test
  void oneshotSendRacingReceiverCloseIsDecidedOnce() throws Exception {
    int n = 2000;
    boolean[] sent = new boolean[n];
    boolean[] received = new boolean[n];
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      var ch = Oneshot.<Integer>channel();
      int id = i;
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    jitter();
                    sent[id] = ch.tx().send(1);
                  }));
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    jitter();
                    ch.rx().close();
                    // Sent before the close: still receivable. After it: refused. Never both.
                    received[id] = ch.rx().tryRecv() instanceof Recv.Value<Integer>;
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    for (int i = 0; i < n; i++) {
      assertEquals(sent[i], received[i], "pair " + i);
    }
  }

  @RepeatedTest(3)
  void selectAcrossChannelsReceivesEachValueOnce() throws Exception {
    int channels = 4;
    int perChannel = 2000;
    List<Mpsc.Channel<Integer>> chs = new ArrayList<>();
    for (int i = 0; i < channels; i++) {
      chs.add(Mpsc.bounded(2));
    }
    try (var group = new TaskGroup<Object>()) {
      for (var ch : chs) {
        group.spawn(
            () -> {
              try (var tx = ch.tx()) {
                for (int i = 0; i < perChannel; i++) {
                  jitter();
                  tx.send(i);
                }
              }
            });
      }
      int[] next = new int[channels];
      boolean[] open = {true, true, true, true};
      int total = 0;
      while (open[0] || open[1] || open[2] || open[3]) {
        Select<int[]> s = new Select<>();
        for (int c = 0; c < channels; c++) {
          if (open[c]) {
            int id = c;
            s.onRecv(chs.get(c).rx(), v -> new int[] {id, v == null ? -1 : v});
          }
        }
        int[] got = s.run();
        if (got[1] < 0) {
          open[got[0]] = false;
        } else {
          assertEquals(next[got[0]]++, got[1]);
          total++;
        }
      }
      assertEquals(channels * perChannel, total);
    }
  }

  @RepeatedTest(3)
  void tasksAbortingEachOtherAreAllAccountedFor() throws Exception {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    long liveBefore = RuntimeMetrics.snapshot().liveTasks();
    int n = 300;
    AtomicLong finished = new AtomicLong();
    try (var group = new TaskGroup<Integer>()) {
      List<TaskHandle<Integer>> handles = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int mode = rnd.nextInt(4);
        int v = i;
        handles.add(
            group.spawn(
                () -> {
                  switch (mode) {
                    case 0 -> Time.sleep(Duration.ofMillis(1 + v % 5));
                    case 1 -> {
                      try (var inner = new TaskGroup<Integer>()) {
                        inner.spawn(
                            () -> {
                              Time.sleep(Duration.ofMillis(2));
                              return 0;
                            });
                        inner.joinNext();
                      }
                    }
                    case 2 -> {
                      if (v % 2 == 0) {
                        throw new IllegalStateException("planned failure " + v);
                      }
                    }
                    default -> jitter();
                  }
                  finished.incrementAndGet();
                  return v;
                }));
      }
      for (int i = 0; i < n / 3; i++) {
        handles.get(rnd.nextInt(n)).abort();
      }
      int ok = 0;
      int failed = 0;
      int cancelled = 0;
      for (Outcome<Integer> o; (o = group.joinNext()) != null; ) {
        switch (o) {
          case Outcome.Success<Integer> s -> ok++;
          case Outcome.Panicked<Integer> p -> failed++;
          case Outcome.Cancelled<Integer> c -> cancelled++;
        }
      }
      assertEquals(n, ok + failed + cancelled, "seed " + seed);
      assertTrue(ok <= finished.get(), "a success is a body that finished, seed " + seed);
    }
    ChannelSemanticsTest.waitUntil(() -> RuntimeMetrics.snapshot().liveTasks() <= liveBefore);
  }

  @Test
  void cancellationReachesChildrenCreatedConcurrently() throws Exception {
    for (int round = 0; round < 20; round++) {
      CancellationToken root = new CancellationToken();
      List<CancellationToken> children = java.util.Collections.synchronizedList(new ArrayList<>());
      try (var group = new TaskGroup<Object>()) {
        for (int t = 0; t < 8; t++) {
          group.spawn(
              () -> {
                for (int i = 0; i < 200; i++) {
                  CancellationToken c = root.childToken();
                  children.add(c);
                  children.add(c.childToken());
                  jitter();
                }
              });
        }
        jitter();
        root.cancel();
        for (Outcome<Object> o; (o = group.joinNext()) != null; ) {
          o.get();
        }
      }
      for (CancellationToken c : children) {
        assertTrue(c.isCancelled());
      }
    }
  }

  @RepeatedTest(2)
  void selectTimeoutsRacingValuesLeaveNoTimerBehind() throws Exception {
    long seed = System.nanoTime();
    Random rnd = new Random(seed);
    int pendingBefore = RuntimeMetrics.snapshot().pendingTimers();
    int waiters = 500;
    var ch = Mpsc.<Integer>unbounded();
    AtomicInteger got = new AtomicInteger();
    AtomicInteger timedOut = new AtomicInteger();
    try (var group = new TaskGroup<Object>()) {
      for (int i = 0; i < waiters; i++) {
        int ms = rnd.nextInt(4);
        group.spawn(
            () -> {
              for (int round = 0; round < 10; round++) {
                boolean value =
                    new Select<Boolean>()
                        .onRecv(ch.rx(), v -> true)
                        .onTimeout(Duration.ofMillis(ms), () -> false)
                        .run();
                (value ? got : timedOut).incrementAndGet();
              }
            });
      }
      int sent = 0;
      while (sent < waiters * 5) {
        ch.tx().send(sent++);
        jitter();
      }
      for (Outcome<Object> o; (o = group.joinNext()) != null; ) {
        o.get();
      }
      assertEquals(waiters * 10, got.get() + timedOut.get(), "seed " + seed);
      assertEquals(sent, got.get() + ch.rx().len(), "each value taken once, seed " + seed);
    }
    ChannelSemanticsTest.waitUntil(
        () -> RuntimeMetrics.snapshot().pendingTimers() <= pendingBefore);
  }
}
