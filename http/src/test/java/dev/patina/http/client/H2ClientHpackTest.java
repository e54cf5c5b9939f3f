package dev.patina.http.client;

import static dev.patina.http.RawFrames.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.http.internal.hpack.Decoder;
import dev.patina.http.internal.hpack.Encoder;
import dev.patina.http.internal.hpack.HeaderField;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The client's HPACK encoder as a server sees it, through a fake server that keeps the raw header
 * blocks: a dynamic table is used across requests by default, and a server's
 * SETTINGS_HEADER_TABLE_SIZE of 0 is announced at the start of the next block (RFC 7541 §4.2) and
 * obeyed (nothing indexed).
 */
class H2ClientHpackTest {

  @Test
  void repeatedFieldsComeFromTheDynamicTable() throws Exception {
    List<byte[]> blocks = exchange(new byte[0], 3);
    Decoder d = new Decoder(4096, 1 << 20);
    for (byte[] b : blocks) {
      assertTrue(d.decode(b).fields().contains(new HeaderField("x-custom", "value")));
    }
    assertTrue(
        blocks.get(2).length < blocks.get(0).length / 2,
        "the third request's block is mostly table indexes: "
            + blocks.get(0).length
            + " then "
            + blocks.get(2).length
            + " bytes");
  }

  @Test
  void aServerTableSizeOfZeroIsAnnouncedAndObeyed() throws Exception {
    byte[] tableZero = {0, 1, 0, 0, 0, 0}; // SETTINGS_HEADER_TABLE_SIZE = 0
    List<byte[]> blocks = exchange(tableZero, 3);
    assertEquals(0x20, blocks.get(0)[0] & 0xff, "the first block starts with a size update to 0");
    Decoder d = new Decoder(0, 1 << 20); // fails on any reference to a dynamic entry
    for (byte[] b : blocks) {
      assertTrue(d.decode(b).fields().contains(new HeaderField("x-custom", "value")));
    }
  }

  /**
   * Serves {@code n} GETs (each with {@code X-Custom: value}) from a fake server whose SETTINGS
   * carry {@code settings}, answering each with 200; returns the request header blocks as sent.
   */
  private static List<byte[]> exchange(byte[] settings, int n) throws Exception {
    List<byte[]> blocks = new ArrayList<>();
    try (ServerSocket listener = new ServerSocket(0);
        HttpClient client = HttpClient.builder().version(HttpClient.Version.HTTP_2).build()) {
      CompletableFuture<Void> served = new CompletableFuture<>();
      Thread.ofVirtual()
          .start(
              () -> {
                try (Socket s = listener.accept()) {
                  DataInputStream in = new DataInputStream(s.getInputStream());
                  in.readNBytes(24);
                  s.getOutputStream().write(frame(4, 0, 0, settings));
                  Encoder e = new Encoder(4096);
                  for (int i = 0; i < n; i++) {
                    while (true) {
                      int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
                      int type = in.readUnsignedByte();
                      in.readUnsignedByte();
                      int stream = in.readInt();
                      byte[] p = in.readNBytes(length);
                      if (type == 1) {
                        synchronized (blocks) {
                          blocks.add(p);
                        }
                        byte[] head = e.encode(List.of(new HeaderField(":status", "200")));
                        s.getOutputStream().write(frame(1, 5, stream, head));
                        break;
                      }
                    }
                  }
                  served.complete(null);
                  in.readAllBytes();
                } catch (IOException ex) {
                  served.completeExceptionally(ex);
                }
              });
      for (int i = 0; i < n; i++) {
        ClientRequest req =
            ClientRequest.get("http://127.0.0.1:" + listener.getLocalPort() + "/same/path")
                .withHeader("X-Custom", "value");
        try (ClientResponse res = client.send(req)) {
          assertEquals(200, res.status());
        }
      }
      served.get(10, TimeUnit.SECONDS);
    }
    synchronized (blocks) {
      return new ArrayList<>(blocks);
    }
  }
}
