package dev.patina.stream.pgwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.stream.pgwire.internal.FrameDecoder;
import dev.patina.stream.pgwire.internal.FrontendMessage;
import dev.patina.stream.pgwire.internal.FrontendParser;
import dev.patina.stream.pgwire.internal.MalformedMessageException;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.junit.jupiter.api.Test;

/** The frame decoder and message parser never fail in any way but the documented ones. */
class FrameFuzzTest {
  private static final String TYPES = "QPBDECSHXpFdcf?\0";

  @Provide
  Arbitrary<Byte> types() {
    return Arbitraries.of(TYPES.chars().mapToObj(c -> (byte) c).toArray(Byte[]::new));
  }

  @Property(tries = 5000)
  void parserFailsOnlyAsMalformedOrEncoding(@ForAll("types") byte type, @ForAll byte[] body) {
    try {
      FrontendMessage m = FrontendParser.parse(type, body);
      assertTrue(m != null);
    } catch (MalformedMessageException | SqlException expected) {
      // a protocol violation or non-UTF-8 text
    }
  }

  @Property(tries = 2000)
  void startupParserFailsOnlyAsMalformed(@ForAll byte[] body) {
    try {
      FrontendParser.parseStartup(body);
    } catch (MalformedMessageException | SqlException expected) {
      // fine
    }
  }

  @Property(tries = 1000)
  void decoderNeverThrowsAndNeverOverReads(@ForAll byte[] stream, @ForAll int split) {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(4096));
    int cut = stream.length == 0 ? 0 : Math.floorMod(split, stream.length);
    ch.writeInbound(Unpooled.wrappedBuffer(stream, 0, cut));
    ch.writeInbound(Unpooled.wrappedBuffer(stream, cut, stream.length - cut));
    Object o;
    while ((o = ch.readInbound()) != null) {
      assertTrue(
          o instanceof FrontendMessage
              || o instanceof FrameDecoder.RawFrame
              || o instanceof FrameDecoder.FrameError,
          o.getClass().getName());
      if (o instanceof FrameDecoder.RawFrame f) {
        assertTrue(f.body().length <= 4096);
      }
    }
    ch.finishAndReleaseAll();
  }

  @Test
  void hugeLengthIsRejectedBeforeBuffering() {
    EmbeddedChannel ch = new EmbeddedChannel(new FrameDecoder(4096));
    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 8, 4, (byte) 210, 22, 47}));
    assertTrue(ch.readInbound() instanceof FrontendMessage.SslRequest);
    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {0, 0, 0, 9, 0, 3, 0, 0, 0}));
    assertTrue(ch.readInbound() instanceof FrontendMessage.Startup);
    ch.writeInbound(
        Unpooled.wrappedBuffer(new byte[] {'Q', 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff}));
    Object o = ch.readInbound();
    assertTrue(o instanceof FrameDecoder.FrameError, String.valueOf(o));
    ch.finishAndReleaseAll();
  }

  static TestEngine engine;
  static PgServer server;

  @BeforeContainer
  static void start() {
    engine = new TestEngine();
    server = PgServer.start(PgServerConfig.defaults().withHost("127.0.0.1").withPort(0), engine);
  }

  @AfterContainer
  static void stop() {
    server.close();
  }

  /** Random bytes after a valid startup, over real sockets; the server keeps serving. */
  @Property(tries = 60)
  void serverSurvivesGarbage(@ForAll long seed) throws Exception {
    Random r = new Random(seed);
    try (RawClient c = new RawClient(server.port())) {
      c.socket.setSoTimeout(2000);
      if (r.nextBoolean()) {
        c.startup(java.util.Map.of("user", "root"));
        c.readUntilReady();
      }
      byte[] junk = new byte[r.nextInt(2000)];
      r.nextBytes(junk);
      if (r.nextBoolean() && junk.length > 5) {
        junk[0] = (byte) TYPES.charAt(r.nextInt(TYPES.length()));
        junk[1] = 0;
        junk[2] = 0;
      }
      OutputStream out = c.socket.getOutputStream();
      try {
        out.write(junk);
        out.flush();
      } catch (IOException closedAlready) {
        // the server may hang up mid-write
      }
    }
    try (RawClient c = RawClient.connect(server.port())) {
      c.query("select 1");
      assertEquals("TDCZ", RawClient.types(c.readUntilReady()));
    }
  }
}
