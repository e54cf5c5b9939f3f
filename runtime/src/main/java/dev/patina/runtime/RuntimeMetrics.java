package dev.patina.runtime;

import dev.patina.runtime.internal.Counters;
import dev.patina.runtime.internal.TimerDriver;

/**
 * A snapshot of the runtime's counters, as Tokio's {@code RuntimeMetrics}. Per-channel depths are
 * on the channels themselves ({@code len()}); these totals are process-wide.
 *
 * @param liveTasks tasks spawned and not yet finished
 * @param spawnedTasks tasks spawned since the process started
 * @param pendingTimers sleeps, timeouts and select deadlines waiting in the timing wheel
 * @param firedTimers timers fired since the process started
 * @param queuedMessages values sitting in mpsc channel buffers right now
 * @param openChannels mpsc and broadcast channels whose senders or receiver are still open
 */
public record RuntimeMetrics(
    long liveTasks,
    long spawnedTasks,
    int pendingTimers,
    long firedTimers,
    long queuedMessages,
    long openChannels) {

  public static RuntimeMetrics snapshot() {
    TimerDriver timers = TimerDriver.global();
    return new RuntimeMetrics(
        Counters.LIVE_TASKS.sum(),
        Counters.SPAWNED_TASKS.sum(),
        timers.pending(),
        timers.fired(),
        Counters.QUEUED_MESSAGES.sum(),
        Counters.OPEN_CHANNELS.sum());
  }
}
