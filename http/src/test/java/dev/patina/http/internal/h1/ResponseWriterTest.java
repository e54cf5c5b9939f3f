package dev.patina.http.internal.h1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.http.Body;
import dev.patina.http.Headers;
import dev.patina.http.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The response head as bytes: the per-connection field cache must never send stale fields. */
class ResponseWriterTest {
  private final ByteArrayOutputStream wire = new ByteArrayOutputStream();
  private final ResponseWriter writer = new ResponseWriter(wire);

  private String write(Response r, boolean http10) throws IOException {
    wire.reset();
    writer.write(r, false, http10, true);
    // the Date line changes every second: take it out so heads can be compared whole
    return wire.toString(StandardCharsets.ISO_8859_1).replaceAll("Date: [^\r]*\r\n", "");
  }

  @Test
  void sameHeadersTwiceGiveTheSameHeadAndOtherHeadersAreNotServedFromTheCache() throws IOException {
    Response a = new Response(200, Headers.of("X-A", "1"), new Body.Fixed(new byte[5]));
    Response b = new Response(404, Headers.of("X-B", "2"), new Body.Fixed(new byte[0]));
    String first = write(a, false);
    assertEquals("HTTP/1.1 200 OK\r\nX-A: 1\r\nContent-Length: 5\r\n\r\n\0\0\0\0\0", first);
    assertEquals(first, write(a, false));
    assertEquals("HTTP/1.1 404 Not Found\r\nX-B: 2\r\nContent-Length: 0\r\n\r\n", write(b, false));
    // equal fields in another instance: encoded again, same bytes
    Response a2 = new Response(200, Headers.of("X-A", "1"), new Body.Fixed(new byte[5]));
    assertEquals(first, write(a2, false));
    assertEquals(
        "HTTP/1.0 200 OK\r\nX-A: 1\r\nContent-Length: 5\r\nConnection: keep-alive\r\n\r\n\0\0\0\0\0",
        write(a, true));
  }

  @Test
  void contentLengthDigits() throws IOException {
    for (int len : new int[] {0, 1, 9, 10, 99, 100, 12345, 1_000_000}) {
      String head = write(new Response(200, Headers.of(), new Body.Fixed(new byte[len])), false);
      assertTrue(head.contains("\r\nContent-Length: " + len + "\r\n"), () -> head.substring(0, 40));
    }
  }

  @Test
  void serverOwnedFieldsAreDroppedAndAHandlerDateIsKept() throws IOException {
    Headers h =
        Headers.of(
            "content-length", "99",
            "Connection", "close",
            "Transfer-Encoding", "chunked",
            "Date", "Thu, 01 Jan 1970 00:00:00 GMT");
    wire.reset();
    writer.write(new Response(200, h, new Body.Fixed(new byte[2])), false, false, true);
    assertEquals(
        "HTTP/1.1 200 OK\r\nDate: Thu, 01 Jan 1970 00:00:00 GMT\r\nContent-Length: 2\r\n\r\n\0\0",
        wire.toString(StandardCharsets.ISO_8859_1));
  }

  @Test
  void aFieldUnfitForTheWireIsRefusedEveryTimeAndDoesNotPoisonTheCache() throws IOException {
    Response bad = new Response(200, Headers.of("X-Bad", "a\r\nInjected: 1"), Body.EMPTY);
    assertThrows(IllegalArgumentException.class, () -> writer.write(bad, false, false, true));
    assertThrows(IllegalArgumentException.class, () -> writer.write(bad, false, false, true));
    assertEquals(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}",
        write(Response.json("{}"), false));
  }
}
