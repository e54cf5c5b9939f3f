package dev.patina.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** JoinSet semantics: join in completion order, abort, panics to the joiner, nesting, timeouts. */
@Timeout(value = 10, unit = TimeUnit.SECONDS)
class TaskGroupTest {

  @Test
  void joinNextReturnsEveryOutcomeThenNull() throws Exception {
    try (var group = new TaskGroup<Integer>()) {
      for (int i = 0; i < 100; i++) {
        int n = i;
        group.spawn(() -> n * n);
      }
      Set<Integer> seen = new HashSet<>();
      for (Outcome<Integer> o; (o = group.joinNext()) != null; ) {
        seen.add(o.get());
      }
      assertEquals(100, seen.size());
      assertTrue(group.isEmpty());
      assertNull(group.joinNext());
    }
  }

  @Test
  void joinNextFollowsCompletionOrder() throws Exception {
    try (var group = new TaskGroup<String>()) {
      CountDownLatch release = new CountDownLatch(1);
      group.spawn(
          () -> {
            release.await();
            return "slow";
          });
      group.spawn(() -> "fast");
      assertEquals("fast", group.joinNext().get());
      release.countDown();
      assertEquals("slow", group.joinNext().get());
    }
  }

  @Test
  void exceptionsReachTheJoiner() throws Exception {
    try (var group = new TaskGroup<Object>()) {
      IllegalStateException boom = new IllegalStateException("boom");
      group.spawn(
          () -> {
            throw boom;
          });
      Outcome<Object> o = group.joinNext();
      assertTrue(o.isPanic());
      JoinException e = assertThrows(JoinException.class, o::get);
      assertSame(boom, e.getCause());
    }
  }

  @Test
  void abortInterruptsABlockedTaskAndReportsCancelled() throws Exception {
    try (var group = new TaskGroup<Object>()) {
      var ch = Mpsc.<String>bounded(1);
      TaskHandle<Object> h = group.spawn(() -> ch.rx().recv());
      ChannelSemanticsTest.waitUntil(() -> !ch.rx().state().readable.isEmpty());
      h.abort();
      Outcome<Object> o = h.join();
      assertTrue(o.isCancelled());
      assertTrue(h.token().isCancelled());
      assertTrue(assertThrows(JoinException.class, o::get).isCancelled());
    }
  }

  @Test
  void abortWinsEvenIfTheBodySwallowsTheInterrupt() throws Exception {
    try (var group = new TaskGroup<String>()) {
      CountDownLatch started = new CountDownLatch(1);
      TaskHandle<String> h =
          group.spawn(
              () -> {
                try {
                  started.countDown();
                  new CountDownLatch(1).await();
                } catch (InterruptedException swallowed) {
                  return "pretends nothing happened";
                }
                return "unreachable";
              });
      started.await();
      h.abort();
      assertTrue(h.join().isCancelled(), "Tokio drops an aborted task's output");
      h.abort(); // aborting a finished task does nothing
      assertTrue(h.outcome().isCancelled());
    }
  }

  @Test
  void abortPropagatesToNestedGroups() throws Exception {
    AtomicBoolean grandchildInterrupted = new AtomicBoolean();
    CountDownLatch grandchildBlocked = new CountDownLatch(1);
    try (var group = new TaskGroup<Object>()) {
      TaskHandle<Object> parent =
          group.spawn(
              () -> {
                try (var inner = new TaskGroup<Object>()) {
                  inner.spawn(
                      () -> {
                        try {
                          grandchildBlocked.countDown();
                          new CountDownLatch(1).await();
                        } catch (InterruptedException e) {
                          grandchildInterrupted.set(true);
                          throw e;
                        }
                        return null;
                      });
                  return inner.joinNext();
                }
              });
      grandchildBlocked.await();
      parent.abort();
      assertTrue(parent.join().isCancelled());
    }
    assertTrue(grandchildInterrupted.get());
  }

  @Test
  void cancellingTheGroupTokenReachesTasksCooperatively() throws Exception {
    try (var group = new TaskGroup<String>()) {
      group.spawn(
          () -> {
            Task.token().awaitCancelled();
            return "stopped cleanly";
          });
      group.token().cancel();
      assertEquals("stopped cleanly", group.joinNext().get());
    }
  }

  @Test
  void gracefulShutdownAbortsOnlyStragglers() throws Exception {
    var group = new TaskGroup<String>();
    group.spawn(
        () -> {
          Task.token().awaitCancelled();
          return "polite";
        });
    group.spawn(
        () -> {
          new CountDownLatch(1).await(); // ignores the token
          return "stubborn";
        });
    assertEquals(1, group.shutdown(Duration.ofMillis(100)));
    assertTrue(group.isEmpty());
    group.close();
  }

  @Test
  void joinWithTimeout() throws Exception {
    try (var group = new TaskGroup<String>()) {
      CountDownLatch release = new CountDownLatch(1);
      TaskHandle<String> h =
          group.spawn(
              () -> {
                release.await();
                return "late";
              });
      assertThrows(TimeoutException.class, () -> h.join(Duration.ofMillis(20)));
      assertThrows(TimeoutException.class, () -> group.joinNext(Duration.ofMillis(20)));
      release.countDown();
      assertEquals("late", h.join(Duration.ofSeconds(5)).get());
    }
  }

  @Test
  void closeAbortsRunningTasksAndRefusesSpawns() throws Exception {
    var group = new TaskGroup<Object>();
    TaskHandle<Object> h =
        group.spawn(
            () -> {
              new CountDownLatch(1).await();
              return null;
            });
    group.close();
    assertTrue(h.isFinished());
    assertInstanceOf(Outcome.Cancelled.class, h.outcome());
    assertThrows(IllegalStateException.class, () -> group.spawn(() -> null));
  }

  @Test
  void currentTaskIsVisibleInsideOnly() throws Exception {
    assertFalse(Task.current().isPresent());
    try (var group = new TaskGroup<Long>()) {
      TaskHandle<Long> h = group.spawn(() -> Task.current().orElseThrow().id());
      assertEquals(h.id(), h.join().get());
    }
  }
}
