package dev.patina.http.client.internal.h2;

import dev.patina.http.Headers;
import dev.patina.http.client.HttpClientException;
import java.util.ArrayDeque;
import java.util.concurrent.locks.Condition;

/**
 * One request's stream: what the reader thread delivered (head, DATA, trailers, an error) and the
 * windows both ways. Every field is guarded by the connection's lock; {@code changed} wakes the
 * request's thread.
 */
final class H2ClientStream {
  final int id;
  final Condition changed;
  final boolean headRequest; // a HEAD's response has no content, whatever content-length says

  long sendWindow; // what we may still send (the server's window for this stream)
  long recvWindow; // what the server may still send before we reopen the window
  int unacked; // bytes consumed (or padding) not yet granted back by WINDOW_UPDATE

  ResponseFields.Head head; // the final (non-1xx) head, once it arrived
  Headers trailers;
  final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
  int chunkPos; // read position in chunks.peek()
  long received; // DATA payload bytes, to check against content-length
  boolean remoteClosed; // END_STREAM (or a reset) from the server
  boolean localClosed; // END_STREAM sent by us, or we stop sending
  boolean released; // no longer in the connection's stream map
  HttpClientException error; // what ends the exchange with a failure

  H2ClientStream(int id, Condition changed, boolean headRequest, long sendWindow, long recvWindow) {
    this.id = id;
    this.changed = changed;
    this.headRequest = headRequest;
    this.sendWindow = sendWindow;
    this.recvWindow = recvWindow;
  }

  /** Whether the response says there is no content whatever content-length declares. */
  boolean noContent() {
    return headRequest || head.status() == 204 || head.status() == 304;
  }

  void fail(HttpClientException e) {
    if (error == null) {
      error = e;
    }
    remoteClosed = true;
    localClosed = true;
    changed.signalAll();
  }
}
