package dev.patina.http.internal.route;

import dev.patina.http.Handler;
import dev.patina.http.Request;
import dev.patina.http.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * Exact-path routing: method and path pick a handler; a known path with another method is a 405
 * with {@code Allow}, an unknown path a 404. HEAD falls back to GET (the writer drops the body).
 */
public final class Router implements Handler {
  private final Map<String, Map<String, Handler>> routes; // path → method → handler

  public Router(Map<String, Map<String, Handler>> routes) {
    Map<String, Map<String, Handler>> copy = new LinkedHashMap<>();
    routes.forEach((path, byMethod) -> copy.put(path, Map.copyOf(byMethod)));
    this.routes = Map.copyOf(copy);
  }

  /** Whether some route is {@link Handler.NonBlocking}: only then is an I/O loop worth having. */
  public boolean hasNonBlockingRoutes() {
    for (Map<String, Handler> byMethod : routes.values()) {
      for (Handler h : byMethod.values()) {
        if (h instanceof Handler.NonBlocking) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Whether answering {@code method path} never blocks: its route is {@link Handler.NonBlocking},
   * or there is none and the answer is this router's own 404 or 405.
   */
  public boolean nonBlocking(String method, String path) {
    Map<String, Handler> byMethod = routes.get(path);
    if (byMethod == null) {
      return true;
    }
    Handler h = byMethod.get(method);
    if (h == null && method.equals("HEAD")) {
      h = byMethod.get("GET");
    }
    return h == null || h instanceof Handler.NonBlocking;
  }

  @Override
  public Response handle(Request request) throws Exception {
    Map<String, Handler> byMethod = routes.get(request.path());
    if (byMethod == null) {
      return Response.text(404, "text/plain", "not found\n");
    }
    Handler h = byMethod.get(request.method());
    if (h == null && request.method().equals("HEAD")) {
      h = byMethod.get("GET");
    }
    if (h == null) {
      TreeSet<String> allow = new TreeSet<>(byMethod.keySet());
      if (allow.contains("GET")) {
        allow.add("HEAD");
      }
      return Response.text(405, "text/plain", "method not allowed\n")
          .withHeader("Allow", String.join(", ", allow));
    }
    return h.handle(request);
  }
}
