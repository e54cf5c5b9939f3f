package dev.patina.cli.wasm;

import dev.patina.wasm.compiler.CompileProgress;
import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Shows compilation progress on stderr ("compiling FILE: done/total functions"), but only once the
 * work has taken more than a second, so fast compiles print nothing. Close it when done.
 */
final class ProgressLine implements CompileProgress, AutoCloseable {
  private final AtomicInteger done = new AtomicInteger();
  private final AtomicInteger total = new AtomicInteger();
  private final Thread reporter;
  private volatile boolean shown;

  ProgressLine(String what, PrintStream err) {
    this(what, err, System.console() != null && System.console().isTerminal());
  }

  ProgressLine(String what, PrintStream err, boolean terminal) {
    if (!terminal) {
      this.reporter = null;
      return;
    }
    this.reporter =
        Thread.ofPlatform()
            .daemon()
            .start(
                () -> {
                  try {
                    Thread.sleep(1000);
                    while (true) {
                      shown = true;
                      err.print(
                          "\rcompiling "
                              + what
                              + ": "
                              + done.get()
                              + "/"
                              + total.get()
                              + " functions");
                      err.flush();
                      Thread.sleep(250);
                    }
                  } catch (InterruptedException e) {
                    if (shown) {
                      err.println();
                    }
                  }
                });
  }

  @Override
  public void update(int done, int total) {
    this.done.set(done);
    this.total.set(total);
  }

  @Override
  public void close() {
    if (reporter == null) {
      return;
    }
    reporter.interrupt();
    try {
      reporter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
