package dev.patina.runtime.net;

import dev.patina.runtime.net.internal.NetCounters;

/**
 * A snapshot of the process-wide socket counters, beside {@link dev.patina.runtime.RuntimeMetrics}.
 *
 * @param openSockets listeners, streams and UDP sockets opened and not yet closed
 * @param bytesRead bytes received by TCP streams since the process started
 * @param bytesWritten bytes sent by TCP streams since the process started
 * @param datagramsReceived UDP datagrams received
 * @param datagramsSent UDP datagrams sent
 */
public record NetMetrics(
    long openSockets,
    long bytesRead,
    long bytesWritten,
    long datagramsReceived,
    long datagramsSent) {

  public static NetMetrics snapshot() {
    return new NetMetrics(
        NetCounters.OPEN_SOCKETS.sum(),
        NetCounters.BYTES_READ.sum(),
        NetCounters.BYTES_WRITTEN.sum(),
        NetCounters.DATAGRAMS_RECEIVED.sum(),
        NetCounters.DATAGRAMS_SENT.sum());
  }
}
