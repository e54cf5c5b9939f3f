package dev.patina.stream.pgwire.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Splits the byte stream into frames: untyped startup packets until the StartupMessage, then typed
 * messages. Lengths are checked before anything is buffered, so a hostile length never makes the
 * server allocate: a frame longer than the limit, or a length word that cannot be right, produces
 * one {@link FrameError} and the rest of the stream is discarded.
 *
 * <p>Emits {@link FrontendMessage}s for startup packets (parsed here) and {@link RawFrame}s for
 * regular messages (parsed by the connection).
 */
public final class FrameDecoder extends ByteToMessageDecoder {
  /** PostgreSQL's MAX_STARTUP_PACKET_LENGTH. */
  public static final int MAX_STARTUP_BYTES = 10_000;

  /** A regular message: its type byte and body. */
  public record RawFrame(byte type, byte[] body) {}

  /** The stream cannot be framed; the connection must end. */
  public record FrameError(String message) {}

  private final int maxMessageBytes;
  private boolean startupPhase = true;
  private boolean broken;

  public FrameDecoder(int maxMessageBytes) {
    this.maxMessageBytes = maxMessageBytes;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (true) {
      if (broken) {
        in.skipBytes(in.readableBytes());
        return;
      }
      int start = in.readerIndex();
      if (startupPhase) {
        if (in.readableBytes() < 4) {
          return;
        }
        int len = in.getInt(start);
        if (len < 8 || len > MAX_STARTUP_BYTES) {
          fail(out, "invalid length of startup packet");
          continue;
        }
        if (in.readableBytes() < len) {
          return;
        }
        byte[] body = new byte[len - 4];
        in.skipBytes(4);
        in.readBytes(body);
        FrontendMessage m;
        try {
          m = FrontendParser.parseStartup(body);
        } catch (MalformedMessageException e) {
          fail(out, "invalid startup packet layout: " + e.getMessage());
          continue;
        } catch (RuntimeException e) { // non-UTF-8 parameter names or values
          fail(out, "invalid startup packet: " + e.getMessage());
          continue;
        }
        if (m instanceof FrontendMessage.Startup || m instanceof FrontendMessage.CancelRequest) {
          startupPhase = false;
        }
        out.add(m);
        if (m instanceof FrontendMessage.CancelRequest) {
          broken = true; // nothing may follow a cancel request
        }
      } else {
        if (in.readableBytes() < 5) {
          return;
        }
        byte type = in.getByte(start);
        int len = in.getInt(start + 1);
        if (len < 4) {
          fail(out, "invalid message length " + len);
          continue;
        }
        if (len - 4 > maxMessageBytes) {
          fail(out, "message of " + (len - 4L) + " bytes exceeds the limit of " + maxMessageBytes);
          continue;
        }
        if (in.readableBytes() < 1 + len) {
          return;
        }
        in.skipBytes(5);
        byte[] body = new byte[len - 4];
        in.readBytes(body);
        out.add(new RawFrame(type, body));
      }
    }
  }

  private void fail(List<Object> out, String message) {
    broken = true;
    out.add(new FrameError(message));
  }
}
