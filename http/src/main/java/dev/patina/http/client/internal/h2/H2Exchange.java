package dev.patina.http.client.internal.h2;

import dev.patina.http.Body;
import dev.patina.http.client.ClientRequest;
import dev.patina.http.client.ClientResponse;
import dev.patina.http.client.HttpClientException;
import dev.patina.http.client.HttpClientException.Kind;
import dev.patina.http.client.internal.Origin;
import dev.patina.http.internal.hpack.HeaderField;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.List;

/**
 * One request on a reserved stream of an HTTP/2 connection: HEADERS, the body as DATA within the
 * server's windows, then the response head. The response's body is read later through {@link
 * H2ResponseBody}.
 */
public final class H2Exchange {
  private H2Exchange() {}

  /** Sends {@code r} on a stream reserved on {@code conn} and returns once the head arrived. */
  public static ClientResponse send(H2ClientConnection conn, ClientRequest r, Origin origin)
      throws IOException, InterruptedException {
    boolean empty = r.body() instanceof Body.Fixed f && f.bytes().length == 0;
    List<HeaderField> fields;
    try {
      fields = RequestFields.of(r, origin);
    } catch (RuntimeException e) {
      conn.unreserve(); // the stream promised to this request is not going to be opened
      throw e;
    }
    H2ClientStream s = conn.open(fields, empty, r.method().equals("HEAD"));
    try {
      switch (r.body()) {
        case Body.Fixed f when f.bytes().length > 0 ->
            conn.sendData(s, f.bytes(), 0, f.bytes().length, true);
        case Body.Fixed f -> {}
        case Body.Streamed st -> {
          DataOutput out = new DataOutput(conn, s);
          try {
            st.writer().writeTo(out);
          } catch (HttpClientException
              | H2ClientConnection.EarlyResponse
              | InterruptedIOException e) {
            throw e;
          } catch (IOException e) {
            throw new HttpClientException(
                Kind.INVALID_REQUEST, "the request body's writer failed: " + e.getMessage(), e);
          }
          out.finish();
        }
        case Body.Upgrade u -> throw new IllegalStateException("refused by ClientRequest");
      }
    } catch (H2ClientConnection.EarlyResponse e) {
      // answered before the body was all sent: the answer is what counts (RFC 9113 §8.1)
      conn.stopSending(s);
    } catch (IOException | InterruptedException | RuntimeException e) {
      conn.cancel(s);
      throw e;
    }
    ResponseFields.Head head;
    try {
      head = conn.awaitHead(s);
    } catch (InterruptedException e) {
      conn.cancel(s);
      throw e;
    }
    return new ClientResponse(
        "HTTP/2", head.status(), "", head.headers(), new H2ResponseBody(conn, s));
  }

  /**
   * A streamed request body: bytes collect up to one frame and go out as DATA when the buffer is
   * full or the writer flushes; {@link #finish} sends the rest with END_STREAM.
   */
  private static final class DataOutput extends OutputStream {
    private final H2ClientConnection conn;
    private final H2ClientStream stream;
    private final byte[] buf = new byte[16_384];
    private int n;
    private boolean finished;

    DataOutput(H2ClientConnection conn, H2ClientStream stream) {
      this.conn = conn;
      this.stream = stream;
    }

    @Override
    public void write(int b) throws IOException {
      if (n == buf.length) {
        flush();
      }
      buf[n++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      java.util.Objects.checkFromIndexSize(off, len, b.length);
      if (finished) {
        throw new IOException("request body already finished");
      }
      if (len >= buf.length) { // large writes go straight out, split by the connection
        flush();
        send(b, off, len, false);
        return;
      }
      if (n + len > buf.length) {
        flush();
      }
      System.arraycopy(b, off, buf, n, len);
      n += len;
    }

    @Override
    public void flush() throws IOException {
      if (n > 0) {
        send(buf, 0, n, false);
        n = 0;
      }
    }

    void finish() throws IOException {
      if (!finished) {
        finished = true;
        send(buf, 0, n, true);
        n = 0;
      }
    }

    private void send(byte[] b, int off, int len, boolean end) throws IOException {
      try {
        conn.sendData(stream, b, off, len, end);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while sending a request body");
      }
    }
  }
}
