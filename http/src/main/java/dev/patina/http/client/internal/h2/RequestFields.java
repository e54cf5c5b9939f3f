package dev.patina.http.client.internal.h2;

import dev.patina.http.Body;
import dev.patina.http.Headers;
import dev.patina.http.client.ClientRequest;
import dev.patina.http.client.internal.Origin;
import dev.patina.http.internal.hpack.HeaderField;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A request's header block (RFC 9113 §8.3.1): the four pseudo-headers first, then the caller's
 * fields lowercased, without the fields HTTP/2 forbids (§8.2.2) or the client owns.
 */
final class RequestFields {
  /** Dropped: HTTP/1.1 hop fields, Host (it is {@code :authority}), the framing we own. */
  private static final Set<String> DROPPED =
      Set.of(
          "host",
          "content-length",
          "transfer-encoding",
          "connection",
          "keep-alive",
          "proxy-connection",
          "upgrade");

  /** Sent never-indexed (RFC 7541 §7.1.3): a shared table must not let them be guessed. */
  private static final Set<String> SENSITIVE =
      Set.of("authorization", "proxy-authorization", "cookie");

  private RequestFields() {}

  static List<HeaderField> of(ClientRequest r, Origin origin) {
    List<HeaderField> out = new ArrayList<>(8 + r.headers().fields().size());
    String path = r.uri().getRawPath();
    if (path == null || path.isEmpty()) {
      path = "/";
    }
    if (r.uri().getRawQuery() != null) {
      path += "?" + r.uri().getRawQuery();
    }
    out.add(new HeaderField(":method", r.method()));
    out.add(new HeaderField(":scheme", origin.secure() ? "https" : "http"));
    out.add(new HeaderField(":authority", origin.hostHeader()));
    out.add(new HeaderField(":path", path));
    for (Headers.Field f : r.headers().fields()) {
      String name = f.name().toLowerCase(Locale.ROOT);
      if (DROPPED.contains(name)) {
        continue;
      }
      if (name.equals("te") && !f.value().strip().equalsIgnoreCase("trailers")) {
        continue; // §8.2.2: te may only say "trailers"
      }
      out.add(new HeaderField(name, f.value().strip(), SENSITIVE.contains(name)));
    }
    if (r.body() instanceof Body.Fixed fixed
        && (fixed.bytes().length > 0 || !(r.method().equals("GET") || r.method().equals("HEAD")))) {
      out.add(new HeaderField("content-length", Integer.toString(fixed.bytes().length)));
    }
    return out;
  }
}
