package dev.patina.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The README's example, compiled and run, so that it stays true. */
class ReadmeExampleTest {
  @Test
  void readmeExample() throws Exception {
    String s;
    // --- as in README.md ---
    var jobs = Mpsc.<String>bounded(16);
    try (var group = new TaskGroup<Integer>()) {
      group.spawn(
          () -> {
            try (var tx = jobs.tx()) {
              tx.send("hello");
            }
            return 0;
          });
      s =
          new Select<String>()
              .onRecv(jobs.rx(), v -> v)
              .onTimeout(Duration.ofSeconds(1), () -> "idle")
              .run();
    }
    // --- end ---
    assertEquals("hello", s);
  }
}
