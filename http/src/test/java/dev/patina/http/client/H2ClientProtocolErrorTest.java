package dev.patina.http.client;

import static dev.patina.http.RawFrames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.http.internal.hpack.Encoder;
import dev.patina.http.internal.hpack.HeaderField;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Connection errors (RFC 9113 §5.4.1) provoked by a fake server after the client's first HEADERS:
 * the client answers each with GOAWAY carrying the RFC's error code, closes, and the request fails
 * with {@link HttpClientException.Kind#MALFORMED_RESPONSE} naming the violation.
 */
class H2ClientProtocolErrorTest {
  private static final int PROTOCOL_ERROR = 0x1;
  private static final int FLOW_CONTROL_ERROR = 0x3;
  private static final int FRAME_SIZE_ERROR = 0x6;
  private static final int COMPRESSION_ERROR = 0x9;

  static Stream<Arguments> violations() {
    byte[] head = new Encoder(4096).encode(List.of(new HeaderField(":status", "200")));
    return Stream.of(
        Arguments.of(
            "PUSH_PROMISE though push is off",
            frame(5, 4, 1, concat(new byte[] {0, 0, 0, 2}, head)),
            PROTOCOL_ERROR,
            "PUSH_PROMISE"),
        Arguments.of(
            "SETTINGS_ENABLE_PUSH 1 from a server",
            frame(4, 0, 0, new byte[] {0, 2, 0, 0, 0, 1}),
            PROTOCOL_ERROR,
            "SETTINGS_ENABLE_PUSH"),
        Arguments.of(
            "HEADERS on an even stream", frame(1, 5, 2, head), PROTOCOL_ERROR, "never opened"),
        Arguments.of(
            "HEADERS on a stream not yet opened",
            frame(1, 5, 7, head),
            PROTOCOL_ERROR,
            "never opened"),
        Arguments.of(
            "an undecodable header block",
            frame(1, 5, 1, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xff}),
            COMPRESSION_ERROR,
            "HPACK"),
        Arguments.of(
            "a frame over 16 KiB",
            frame(0, 0, 1, new byte[16_385]),
            FRAME_SIZE_ERROR,
            "limit 16384"),
        Arguments.of(
            "a connection window past 2^31-1",
            frame(8, 0, 0, new byte[] {0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}),
            FLOW_CONTROL_ERROR,
            "2^31-1"),
        Arguments.of(
            "a CONTINUATION without HEADERS", frame(9, 4, 1, head), PROTOCOL_ERROR, "CONTINUATION"),
        Arguments.of(
            "a header block interrupted",
            concat(frame(1, 0, 1, head), frame(6, 0, 0, new byte[8])),
            PROTOCOL_ERROR,
            "interrupted"),
        Arguments.of(
            "PING on a stream", frame(6, 0, 1, new byte[8]), PROTOCOL_ERROR, "PING on stream"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("violations")
  void aViolationIsAnsweredWithGoAwayAndItsCode(
      String what, byte[] violation, int code, String message) throws Exception {
    try (ServerSocket listener = new ServerSocket(0);
        HttpClient client =
            HttpClient.builder()
                .version(HttpClient.Version.HTTP_2)
                .readTimeout(Duration.ofSeconds(5))
                .build()) {
      CompletableFuture<Integer> goAway = new CompletableFuture<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try (Socket s = listener.accept()) {
                  DataInputStream in = new DataInputStream(s.getInputStream());
                  in.readNBytes(24);
                  s.getOutputStream().write(frame(4, 0, 0, new byte[0]));
                  int[] f;
                  while ((f = next(in))[0] != 1) {} // up to the request's HEADERS
                  s.getOutputStream().write(violation);
                  s.getOutputStream().flush();
                  while (true) {
                    f = next(in);
                    if (f[0] == 7) {
                      goAway.complete(f[1]);
                      return;
                    }
                  }
                } catch (IOException e) {
                  goAway.completeExceptionally(e);
                }
              });
      HttpClientException e =
          assertThrows(
              HttpClientException.class,
              () -> client.get("http://127.0.0.1:" + listener.getLocalPort() + "/"));
      assertEquals(HttpClientException.Kind.MALFORMED_RESPONSE, e.kind(), e.getMessage());
      assertTrue(e.getMessage().contains(message), e.getMessage());
      assertEquals(code, goAway.get(10, TimeUnit.SECONDS), "GOAWAY's error code");
    }
  }

  /** The next client frame: {type, GOAWAY's error code or 0}. */
  private static int[] next(DataInputStream in) throws IOException {
    int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
    int type = in.readUnsignedByte();
    in.readUnsignedByte();
    in.readInt();
    byte[] p = in.readNBytes(length);
    int code = type == 7 && p.length >= 8 ? java.nio.ByteBuffer.wrap(p, 4, 4).getInt() : 0;
    return new int[] {type, code};
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] c = new byte[a.length + b.length];
    System.arraycopy(a, 0, c, 0, a.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }
}
