package dev.patina.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A request as the handler sees it: the request line, the header fields, and the body.
 *
 * <p>The body is read from the connection on demand, as hyper's {@code Incoming} is polled: {@link
 * #bodyStream()} gives it piece by piece as it arrives (an upload of any size in bounded memory,
 * {@code Expect: 100-continue} answered at the first read); {@link #body()} and {@link #bodyText()}
 * read the rest of it whole. Either way the decoded size is bounded by {@link
 * Limits#maxBodyBytes()}: past it a read throws {@link RequestBodyException} (413). A handler that
 * never reads the body need not: the server skips it after the response (or closes the connection
 * if it is too long to skip). The body belongs to the handler's call: read it in the handler or in
 * its {@link Body.Streamed} writer, not from another thread after the handler has returned.
 */
public final class Request {
  private final String method;
  private final String target;
  private final String version;
  private final Headers headers;
  private final InputStream bodyStream;
  private byte[] body; // the rest of the body, once read whole by body()

  /**
   * A request whose body arrives through {@code bodyStream}.
   *
   * @param method the method token, case preserved (methods are case-sensitive)
   * @param target the request-target as sent, e.g. {@code /a/b?x=1}
   * @param version {@code HTTP/1.1}, {@code HTTP/1.0} or {@code HTTP/2}
   */
  public Request(
      String method, String target, String version, Headers headers, InputStream bodyStream) {
    this.method = Objects.requireNonNull(method);
    this.target = Objects.requireNonNull(target);
    this.version = Objects.requireNonNull(version);
    this.headers = Objects.requireNonNull(headers);
    this.bodyStream = Objects.requireNonNull(bodyStream);
  }

  /** A request whose body is already in memory (tests, an upgraded request). */
  public Request(String method, String target, String version, Headers headers, byte[] body) {
    this(method, target, version, headers, new ByteArrayInputStream(body));
  }

  public String method() {
    return method;
  }

  public String target() {
    return target;
  }

  public String version() {
    return version;
  }

  public Headers headers() {
    return headers;
  }

  /** The target without its query. */
  public String path() {
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  /** The query after {@code ?}, or null. */
  public String query() {
    int q = target.indexOf('?');
    return q < 0 ? null : target.substring(q + 1);
  }

  /**
   * The body as it arrives from the connection; always the same stream. A read blocks until the
   * client sends more (at most the idle timeout) and throws {@link RequestBodyException} for a body
   * over {@link Limits#maxBodyBytes()} or malformed on the wire; other {@link IOException}s mean
   * the client went away. Closing it is allowed and does nothing: the server finishes the body.
   */
  public InputStream bodyStream() {
    return bodyStream;
  }

  /**
   * The rest of the body, read whole (what {@link #bodyStream()} has not delivered yet) and kept
   * for later calls.
   *
   * @throws UncheckedIOException wrapping {@link RequestBodyException} or the connection's error
   */
  public synchronized byte[] body() {
    if (body == null) {
      try {
        body = bodyStream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return body;
  }

  /** The body decoded as UTF-8 (see {@link #body()}). */
  public String bodyText() {
    return new String(body(), StandardCharsets.UTF_8);
  }

  @Override
  public String toString() {
    return method + " " + target + " " + version;
  }
}
