package dev.patina.http.internal.route;

import dev.patina.http.Handler;

/**
 * Which requests may be answered on the thread that read them (an HTTP/1.1 I/O loop, an HTTP/2
 * connection's reader) because their handler never blocks ({@link Handler.NonBlocking}).
 */
@FunctionalInterface
public interface InlineRoutes {
  boolean nonBlocking(String method, String path);

  /** The inline requests of the server's handler, or null when there are none. */
  static InlineRoutes of(Handler handler) {
    if (handler instanceof Router r) {
      return r.hasNonBlockingRoutes() ? r::nonBlocking : null;
    }
    return handler instanceof Handler.NonBlocking ? (method, path) -> true : null;
  }
}
