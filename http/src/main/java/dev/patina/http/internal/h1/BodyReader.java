package dev.patina.http.internal.h1;

import dev.patina.http.Limits;
import java.io.ByteArrayOutputStream;
import java.io.IOException;

/** Reads a request body whole, by Content-Length or chunked (RFC 9112 §6, §7.1). */
public final class BodyReader {
  private static final byte[] NONE = new byte[0];

  private BodyReader() {}

  public static byte[] read(ConnectionInput in, RequestHead head, Limits limits)
      throws IOException, ProtocolException {
    if (head.bodyLength() == 0) {
      return NONE;
    }
    if (head.bodyLength() > 0) {
      byte[] body = new byte[(int) head.bodyLength()]; // bounded by maxBodyBytes in HeadParser
      in.readFully(body, 0, body.length);
      return body;
    }
    return chunked(in, limits);
  }

  private static byte[] chunked(ConnectionInput in, Limits limits)
      throws IOException, ProtocolException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (true) {
      String line = in.readLine(1024); // size plus extensions; longer is not a real client
      int semi = line.indexOf(';'); // chunk extensions are ignored (§7.1.1)
      String hex = (semi < 0 ? line : line.substring(0, semi)).strip();
      if (hex.isEmpty() || hex.length() > 15 || !hex.chars().allMatch(BodyReader::isHex)) {
        throw new ProtocolException(400, "bad chunk size");
      }
      long size = Long.parseLong(hex, 16);
      if (size == 0) {
        HeadParser.skipTrailers(in, limits);
        return out.toByteArray();
      }
      if (out.size() + size > limits.maxBodyBytes()) {
        throw new ProtocolException(413, "body larger than " + limits.maxBodyBytes());
      }
      byte[] chunk = new byte[(int) size];
      in.readFully(chunk, 0, chunk.length);
      out.write(chunk);
      if (in.read() != '\r' || in.read() != '\n') {
        throw new ProtocolException(400, "chunk not followed by CRLF");
      }
    }
  }

  private static boolean isHex(int c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  }
}
