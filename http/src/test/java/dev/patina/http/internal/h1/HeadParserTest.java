package dev.patina.http.internal.h1;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.http.Limits;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The fields the server acts on, noted in the parser's single pass over the head. */
class HeadParserTest {
  private static RequestHead parse(String head) throws IOException, ProtocolException {
    byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
    return HeadParser.parse(new ConnectionInput(new ByteArrayInputStream(bytes)), Limits.DEFAULT);
  }

  private static int status(String head) {
    return assertThrows(ProtocolException.class, () -> parse(head)).status();
  }

  @Test
  void connectionOptionsAreTokensInAnyCaseAcrossRepeatedFields() throws Exception {
    RequestHead h =
        parse(
            "GET / HTTP/1.1\r\nHost: x\r\nConnection: Keep-Alive ,  UPGRADE\r\n"
                + "connection: HTTP2-Settings\r\nUpgrade: h2c\r\n\r\n");
    assertTrue(h.connectionHas(RequestHead.CONNECTION_KEEP_ALIVE));
    assertTrue(h.connectionHas(RequestHead.CONNECTION_UPGRADE));
    assertTrue(h.connectionHas(RequestHead.CONNECTION_HTTP2_SETTINGS));
    assertFalse(h.connectionHas(RequestHead.CONNECTION_CLOSE));
    assertTrue(h.keepAlive());
    // "closed" and "xclose" are other tokens, not close
    assertTrue(
        parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: closed, xclose\r\n\r\n").keepAlive());
    assertFalse(parse("GET / HTTP/1.1\r\nHost: x\r\nConnection: foo, close\r\n\r\n").keepAlive());
    assertFalse(parse("GET / HTTP/1.0\r\n\r\n").keepAlive());
    assertTrue(parse("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").keepAlive());
  }

  @Test
  void expectAndBodyLength() throws Exception {
    RequestHead h =
        parse("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 12\r\n\r\n");
    assertEquals("100-continue", h.expect());
    assertEquals(12, h.bodyLength());
    assertNull(parse("GET / HTTP/1.1\r\nHost: x\r\n\r\n").expect());
    assertEquals(0, parse("GET / HTTP/1.1\r\nHost: x\r\n\r\n").bodyLength());
    assertEquals(
        RequestHead.CHUNKED,
        parse("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n").bodyLength());
    assertEquals(
        7,
        parse("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 7\r\ncontent-length: 7\r\n\r\n")
            .bodyLength());
  }

  @Test
  void framingConflictsAndHostRulesStillRefused() {
    assertEquals(
        400,
        status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nContent-Length: 2\r\n\r\n"));
    assertEquals(
        400,
        status(
            "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\nTransfer-Encoding: chunked\r\n\r\n"));
    assertEquals(
        501, status("POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n"));
    assertEquals(400, status("GET / HTTP/1.1\r\n\r\n"));
    assertEquals(400, status("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n"));
    assertEquals(400, status("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n"));
  }
}
