package dev.patina.runtime.net;

import dev.patina.runtime.Task;
import dev.patina.runtime.TaskHandle;
import java.io.Closeable;
import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.util.Optional;

/**
 * The cancellation and close rules every blocking socket call shares, whichever driver runs it.
 *
 * <p>A call made inside a task registers with the task's token: cancelling the token closes the
 * socket, which unblocks the call in either driver. An abort interrupts the thread, which the JDK
 * (NIO) or the ring's waiter (io_uring) turns into a failed call. Either way the caller gets an
 * {@link OperationCancelledException} saying which of the two happened; a close by another thread
 * gives {@link AsynchronousCloseException}; a call on a closed socket {@link
 * ClosedChannelException}.
 */
final class Guarded {
  /** One blocking call's body. */
  interface Call<T> {
    T run() throws IOException;
  }

  private final Closeable io;
  private volatile boolean closed;

  Guarded(Closeable io) {
    this.io = io;
  }

  boolean isClosed() {
    return closed;
  }

  /** Closes the socket once; returns whether this call did it. */
  boolean close() throws IOException {
    synchronized (this) {
      if (closed) {
        return false;
      }
      closed = true;
    }
    io.close();
    return true;
  }

  <T> T run(String what, Call<T> call) throws IOException {
    if (closed) {
      throw new ClosedChannelException();
    }
    boolean[] byToken = new boolean[1];
    Optional<TaskHandle<?>> task = Task.current();
    Runnable deregister =
        task.isEmpty()
            ? () -> {}
            : task.get()
                .token()
                .whenCancelled(
                    () -> {
                      byToken[0] = true;
                      closeQuietly();
                    });
    try {
      if (closed && byToken[0]) {
        throw cancelled(what, task, null);
      }
      return call.run();
    } catch (IOException e) {
      if (e instanceof OperationCancelledException) {
        throw e;
      }
      if (Thread.currentThread().isInterrupted() || byToken[0]) {
        closeQuietly(); // as the JDK does for an interrupted channel, whichever driver
        throw cancelled(what, task, e);
      }
      if (closed) {
        if (e instanceof AsynchronousCloseException) {
          throw e;
        }
        AsynchronousCloseException x = new AsynchronousCloseException();
        x.initCause(e);
        throw x;
      }
      throw e;
    } finally {
      deregister.run();
    }
  }

  /** abort() cancels the token before it interrupts: the abort flag tells the two apart. */
  private static OperationCancelledException cancelled(
      String what, Optional<TaskHandle<?>> task, IOException cause) {
    boolean aborted =
        Thread.currentThread().isInterrupted() || (task.isPresent() && task.get().isAborted());
    return new OperationCancelledException(
        what
            + (aborted
                ? " cancelled: the task was aborted (thread interrupted)"
                : " cancelled: the task's CancellationToken was cancelled"),
        cause);
  }

  private void closeQuietly() {
    try {
      close();
    } catch (IOException ignored) {
      // closing for a cancellation: the caller's own error says what happened
    }
  }
}
