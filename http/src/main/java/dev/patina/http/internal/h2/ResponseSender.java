package dev.patina.http.internal.h2;

import dev.patina.http.Body;
import dev.patina.http.Handler;
import dev.patina.http.Headers;
import dev.patina.http.Request;
import dev.patina.http.RequestBodyException;
import dev.patina.http.Response;
import dev.patina.http.internal.h1.HeadParser;
import dev.patina.http.internal.h1.ResponseWriter;
import dev.patina.http.internal.hpack.HeaderField;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Runs a request's handler and sends its response on the stream: HEADERS (names lowercased, the
 * connection-specific fields HTTP/2 forbids dropped, §8.2.2), then DATA within the peer's windows.
 */
final class ResponseSender {
  private final Outbound out;

  ResponseSender(Outbound out) {
    this.out = out;
  }

  static List<HeaderField> statusOnly(int status) {
    return List.of(new HeaderField(":status", Integer.toString(status)), date());
  }

  void respond(H2Stream s, Request request, Handler handler) {
    Response response = answer(s, request, handler);
    if (response != null) {
      deliver(s, request, response);
    }
  }

  /** Runs the handler; null when the stream was reset meanwhile (nobody waits for an answer). */
  Response answer(H2Stream s, Request request, Handler handler) {
    try {
      Response response = handler.handle(request);
      if (response == null) {
        throw new IllegalStateException("handler returned null");
      }
      return response;
    } catch (InterruptedException e) {
      return null;
    } catch (Exception e) {
      return s.body.failure() instanceof RequestBodyException b
          ? Response.text(b.status(), "text/plain", b.getMessage() + "\n") // not a bug
          : INTERNAL_ERROR;
    }
  }

  /**
   * Sends a fixed response at once if that needs no wait for window or queue room (see {@link
   * Outbound#tryFixed}); false when it must be sent by a thread that may wait ({@link #deliver}).
   */
  boolean tryDeliverNow(H2Stream s, Request request, Response response) {
    if (!(response.body() instanceof Body.Fixed)) {
      return false;
    }
    Wire w = onTheWire(response);
    Response r = w.response();
    boolean bodyless = request.method().equals("HEAD") || r.status() == 204 || r.status() == 304;
    byte[] body = bodyless ? EMPTY : ((Body.Fixed) r.body()).bytes();
    try {
      return out.tryFixed(s, w.fields(), body);
    } catch (IOException e) {
      return true; // the stream or connection was reset: nothing to send any more
    }
  }

  private static final byte[] EMPTY = new byte[0];
  private static final Response INTERNAL_ERROR =
      Response.text(500, "text/plain", "internal server error\n");

  /** A response and its header fields; a field unfit for the wire makes it a 500. */
  private record Wire(Response response, List<HeaderField> fields) {}

  private Wire onTheWire(Response r) {
    try {
      return new Wire(r, fields(r));
    } catch (IllegalArgumentException e) {
      return new Wire(INTERNAL_ERROR, fields(INTERNAL_ERROR));
    }
  }

  /** Sends a computed response, waiting for window as needed (a handler's virtual thread). */
  void deliver(H2Stream s, Request request, Response response) {
    boolean head = request.method().equals("HEAD");
    try {
      Wire w = onTheWire(response);
      send(s, w.response(), w.fields(), head);
    } catch (IOException | InterruptedException | UncheckedIOException e) {
      // the stream or connection was reset, or a streamed body failed midway
      if (!s.reset) {
        s.reset = true;
        try {
          out.control(w -> w.rstStream(s.id, ErrorCode.INTERNAL_ERROR));
        } catch (IOException ignored) {
          // the connection is gone
        }
      }
    }
  }

  private void send(H2Stream s, Response r, List<HeaderField> fields, boolean head)
      throws IOException, InterruptedException {
    boolean bodyless = head || r.status() == 204 || r.status() == 304;
    switch (r.body()) {
      case Body.Fixed f -> {
        boolean empty = bodyless || f.bytes().length == 0;
        out.headers(s, fields, empty);
        if (!empty) {
          out.data(s, f.bytes(), 0, f.bytes().length, true);
        }
      }
      case Body.Streamed st -> {
        out.headers(s, fields, bodyless);
        if (!bodyless) {
          DataOutput o = new DataOutput(s);
          try {
            st.writer().writeTo(o);
          } catch (InterruptedIOException e) {
            throw new InterruptedException("stream reset");
          }
          o.finish();
        }
      }
      case Body.Upgrade u -> throw new IllegalStateException("refused by fields()");
    }
  }

  private List<HeaderField> fields(Response r) {
    if (r.body() instanceof Body.Upgrade) {
      // RFC 9113 §8.6: no 101 and no Upgrade in HTTP/2 (a handler bug: answered 500)
      throw new IllegalArgumentException("no protocol upgrade over HTTP/2");
    }
    HandlerFields hf = handlerFields(r.headers());
    List<HeaderField> list = new ArrayList<>(hf.fields().size() + 3);
    list.add(status(r.status()));
    list.addAll(hf.fields());
    if (!hf.hasDate()) {
      list.add(date());
    }
    if (r.body() instanceof Body.Fixed f && r.status() != 204 && r.status() != 304) {
      list.add(new HeaderField("content-length", Integer.toString(f.bytes().length)));
    }
    return list;
  }

  /**
   * A handler's fields, lowercased and checked. The last {@link Headers} instance seen is kept with
   * its result: handlers usually answer with the same instance (a constant response, {@link
   * Response#json}'s shared fields), and lowercasing and checking each field was a visible part of
   * a small response's cost. Handlers of several streams run at once, hence the single volatile
   * entry.
   */
  private HandlerFields handlerFields(Headers headers) {
    HandlerFields last = lastFields;
    if (last != null && last.headers() == headers) {
      return last;
    }
    List<HeaderField> list = new ArrayList<>(headers.fields().size());
    boolean hasDate = false;
    for (Headers.Field f : headers.fields()) {
      String n = f.name().toLowerCase(Locale.ROOT);
      switch (n) {
        case "connection",
            "keep-alive",
            "proxy-connection",
            "transfer-encoding",
            "upgrade",
            "content-length" -> {
          continue; // framing is the server's; HTTP/2 forbids the connection-specific ones
        }
        case "date" -> hasDate = true;
        default -> {}
      }
      String v = f.value();
      if (!HeadParser.isToken(n)
          || v.indexOf('\r') >= 0
          || v.indexOf('\n') >= 0
          || v.indexOf(0) >= 0) {
        throw new IllegalArgumentException("header not fit for the wire: " + n);
      }
      list.add(new HeaderField(n, v));
    }
    HandlerFields result = new HandlerFields(headers, List.copyOf(list), hasDate);
    lastFields = result;
    return result;
  }

  private volatile HandlerFields lastFields;

  private record HandlerFields(Headers headers, List<HeaderField> fields, boolean hasDate) {}

  private static final HeaderField[] STATUS = new HeaderField[1000];

  /** ":status" fields made once per code (a benign race: every thread makes the same one). */
  private static HeaderField status(int code) {
    HeaderField f = STATUS[code];
    if (f == null) {
      f = new HeaderField(":status", Integer.toString(code));
      STATUS[code] = f;
    }
    return f;
  }

  private static HeaderField date() {
    return new HeaderField("date", ResponseWriter.httpDate());
  }

  /** Thrown through a body writer when the stream is reset while it waits for window. */
  private static final class InterruptedIOException extends IOException {
    InterruptedIOException() {
      super("stream reset while waiting for flow-control window");
    }
  }

  /** A streamed body as DATA frames: one per flush or full buffer, within the peer's windows. */
  private final class DataOutput extends OutputStream {
    private final H2Stream s;
    private final byte[] buf = new byte[16_384];
    private int n;

    DataOutput(H2Stream s) {
      this.s = s;
    }

    @Override
    public void write(int b) throws IOException {
      if (n == buf.length) {
        send(false);
      }
      buf[n++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      while (len > 0) {
        if (n == buf.length) {
          send(false);
        }
        int k = Math.min(len, buf.length - n);
        System.arraycopy(b, off, buf, n, k);
        n += k;
        off += k;
        len -= k;
      }
    }

    @Override
    public void flush() throws IOException {
      if (n > 0) {
        send(false);
      }
    }

    @Override
    public void close() {
      // the server ends the body; a writer closing its stream must not end the stream early
    }

    void finish() throws IOException {
      send(true);
    }

    private void send(boolean end) throws IOException {
      try {
        out.data(s, buf, 0, n, end);
        n = 0;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException();
      }
    }
  }
}
