package dev.patina.http.internal.h2;

import java.io.IOException;

/**
 * One stream's state as the server sees it (RFC 9113 §5.1). The reader thread owns the receiving
 * side; the send window is changed under {@link Outbound}'s lock; {@code reset} is volatile because
 * the stream's handler thread polls it.
 */
final class H2Stream {
  final int id;
  final RequestFields request;
  final H2BodyStream body; // the handler reads what the reader thread offers

  /** Body bytes received (reader thread only), for content-length and maxBodyBytes. */
  long received;

  /** True once the peer sent END_STREAM: half-closed (remote). Read by the handler's thread. */
  volatile boolean remoteClosed;

  /** Answered early (413, 431): what the peer still sends is read and dropped, up to a bound. */
  boolean discarding;

  long discarded;
  int recvWindow; // guarded by this: the reader lowers it, the handler's reads reopen it
  int recvUnacked; // bytes consumed since the last WINDOW_UPDATE for this stream; guarded by this
  long sendWindow; // guarded by Outbound's lock
  volatile boolean answered; // the handler is done while the client still sends its body
  volatile boolean reset; // RST_STREAM sent or received: writers stop
  volatile Thread handler;

  /** Reopens a stream's window once the handler has consumed bytes. */
  @FunctionalInterface
  interface Window {
    void consumed(H2Stream s, int bytes) throws IOException;
  }

  H2Stream(
      int id,
      RequestFields request,
      int recvWindow,
      long sendWindow,
      long idleNanos,
      Window window) {
    this.id = id;
    this.body = new H2BodyStream(idleNanos, n -> window.consumed(this, n));
    this.request = request;
    this.recvWindow = recvWindow;
    this.sendWindow = sendWindow;
  }
}
