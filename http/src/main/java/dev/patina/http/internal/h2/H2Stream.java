package dev.patina.http.internal.h2;

import java.io.ByteArrayOutputStream;

/**
 * One stream's state as the server sees it (RFC 9113 §5.1). The reader thread owns the receiving
 * side; the send window is changed under {@link Outbound}'s lock; {@code reset} is volatile because
 * the stream's handler thread polls it.
 */
final class H2Stream {
  final int id;
  final RequestFields request;
  final ByteArrayOutputStream body = new ByteArrayOutputStream();

  /** True once the peer sent END_STREAM: half-closed (remote). */
  boolean remoteClosed;

  /** Answered early (413, 431): what the peer still sends is read and dropped, up to a bound. */
  boolean discarding;

  long discarded;
  int recvWindow;
  int recvUnacked; // bytes received since the last WINDOW_UPDATE for this stream
  long sendWindow; // guarded by Outbound's lock
  volatile boolean reset; // RST_STREAM sent or received: writers stop
  volatile Thread handler;

  H2Stream(int id, RequestFields request, int recvWindow, long sendWindow) {
    this.id = id;
    this.request = request;
    this.recvWindow = recvWindow;
    this.sendWindow = sendWindow;
  }
}
