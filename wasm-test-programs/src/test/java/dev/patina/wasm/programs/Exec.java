package dev.patina.wasm.programs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/** Runs a process to its end, with a timeout, and keeps everything it said. */
final class Exec {
  private Exec() {}

  /** What a process did: its exit status (128 + N if killed by signal N), stdout and stderr. */
  record Result(int status, byte[] stdout, byte[] stderr, Duration elapsed) {
    String out() {
      return new String(stdout, StandardCharsets.UTF_8);
    }

    String err() {
      return new String(stderr, StandardCharsets.UTF_8);
    }

    /** A short account for assertion messages. */
    String describe() {
      return "status " + status + "\n--- stdout\n" + clip(out()) + "\n--- stderr\n" + clip(err());
    }

    private static String clip(String s) {
      return s.length() > 4000 ? s.substring(0, 4000) + "\n[... " + s.length() + " chars]" : s;
    }
  }

  /** How to run: the command, working directory, environment and standard input. */
  record Spec(
      List<String> command,
      Path cwd,
      Map<String, String> env,
      boolean clearEnv,
      byte[] stdin,
      Duration timeout) {
    Spec {
      command = List.copyOf(command);
      env = Map.copyOf(env);
      stdin = stdin == null ? new byte[0] : stdin;
    }

    static Spec of(List<String> command, Path cwd) {
      return new Spec(command, cwd, Map.of(), false, null, Duration.ofMinutes(2));
    }

    Spec withEnv(Map<String, String> env, boolean clear) {
      return new Spec(command, cwd, env, clear, stdin, timeout);
    }

    Spec withStdin(byte[] input) {
      return new Spec(command, cwd, env, clearEnv, input, timeout);
    }

    Spec withTimeout(Duration t) {
      return new Spec(command, cwd, env, clearEnv, stdin, t);
    }
  }

  static Result run(List<String> command, Path cwd) {
    return run(Spec.of(command, cwd));
  }

  static Result run(Spec spec) {
    ProcessBuilder pb = new ProcessBuilder(spec.command());
    if (spec.cwd() != null) {
      pb.directory(spec.cwd().toFile());
    }
    if (spec.clearEnv()) {
      pb.environment().clear();
    }
    pb.environment().putAll(spec.env());
    long start = System.nanoTime();
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + spec.command(), e);
    }
    CompletableFuture<byte[]> out = drain(p.getInputStream());
    CompletableFuture<byte[]> err = drain(p.getErrorStream());
    CompletableFuture.runAsync(
        () -> {
          try (OutputStream in = p.getOutputStream()) {
            in.write(spec.stdin());
          } catch (IOException ignored) {
            // the program did not read all of its input: that is its business
          }
        },
        Thread::startVirtualThread);
    try {
      if (!p.waitFor(spec.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        p.waitFor();
        throw new AssertionError(
            "timed out after " + spec.timeout().toSeconds() + " s: " + spec.command());
      }
      Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
      return new Result(p.exitValue(), out.get(), err.get(), elapsed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new AssertionError("interrupted", e);
    } catch (ExecutionException e) {
      throw new AssertionError("reading the output of " + spec.command(), e.getCause());
    }
  }

  private static CompletableFuture<byte[]> drain(InputStream s) {
    CompletableFuture<byte[]> f = new CompletableFuture<>();
    Thread.startVirtualThread(
        () -> {
          try (s) {
            f.complete(s.readAllBytes());
          } catch (IOException e) {
            f.completeExceptionally(e);
          }
        });
    return f;
  }
}
