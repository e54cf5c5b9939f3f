package dev.patina.http;

import java.io.ByteArrayOutputStream;

/**
 * HTTP/2 frames written by hand (RFC 9113 §4.1: 24-bit length, type, flags, 31-bit stream id,
 * payload), for tests that must send what a correct encoder never would.
 */
public final class RawFrames {
  private RawFrames() {}

  /** Appends one frame to {@code b}. */
  public static void frame(ByteArrayOutputStream b, int type, int flags, int stream, byte[] p) {
    b.write(p.length >>> 16);
    b.write(p.length >>> 8);
    b.write(p.length);
    b.write(type);
    b.write(flags);
    b.write(stream >>> 24);
    b.write(stream >>> 16);
    b.write(stream >>> 8);
    b.write(stream);
    b.writeBytes(p);
  }

  /** One frame's bytes. */
  public static byte[] frame(int type, int flags, int stream, byte[] p) {
    ByteArrayOutputStream b = new ByteArrayOutputStream(9 + p.length);
    frame(b, type, flags, stream, p);
    return b.toByteArray();
  }
}
