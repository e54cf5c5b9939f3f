package dev.patina.http;

/** Turns a request into a response. An exception becomes a 500 response. */
@FunctionalInterface
public interface Handler {
  Response handle(Request request) throws Exception;

  /**
   * Marks {@code handler} as one that never blocks (no I/O, no locks held for long, no sleeping):
   * it answers from memory, like an async handler in hyper or a {@code NonBlocking} one in Jetty. A
   * plaintext server with such routes runs them on its I/O threads, right where the request was
   * read, instead of on a virtual thread per connection: cheaper per request. The request reaching
   * it has no body (requests with a body go to a virtual thread as always). A handler that does
   * block here stalls every connection of its I/O thread.
   */
  static Handler nonBlocking(Handler handler) {
    return handler instanceof NonBlocking ? handler : new NonBlocking(handler);
  }

  /** A handler promised not to block; see {@link #nonBlocking}. */
  record NonBlocking(Handler handler) implements Handler {
    public NonBlocking {
      java.util.Objects.requireNonNull(handler);
    }

    @Override
    public Response handle(Request request) throws Exception {
      return handler.handle(request);
    }
  }
}
