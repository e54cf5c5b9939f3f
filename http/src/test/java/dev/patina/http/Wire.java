package dev.patina.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A raw TCP client for tests: write bytes, read until the server closes or goes quiet. */
final class Wire implements AutoCloseable {
  final Socket socket;

  Wire(int port) throws IOException {
    socket = new Socket(InetAddress.getLoopbackAddress(), port);
    socket.setSoTimeout(5000); // a test must fail, not hang, if the server never answers
  }

  Wire send(String s) throws IOException {
    return send(s.getBytes(StandardCharsets.ISO_8859_1));
  }

  Wire send(byte[] b) throws IOException {
    socket.getOutputStream().write(b);
    socket.getOutputStream().flush();
    return this;
  }

  /** Everything until the server closes the connection. */
  String readToClose() throws IOException {
    InputStream in = socket.getInputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    in.transferTo(out);
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  /** Reads until {@code count} complete responses with Content-Length bodies have arrived. */
  String readResponses(int count) throws IOException {
    InputStream in = socket.getInputStream();
    StringBuilder sb = new StringBuilder();
    int done = 0;
    while (done < count) {
      int b = in.read();
      if (b < 0) {
        break;
      }
      sb.append((char) b);
      done = complete(sb.toString());
    }
    return sb.toString();
  }

  private static int complete(String s) {
    int n = 0;
    int from = 0;
    while (true) {
      int headEnd = s.indexOf("\r\n\r\n", from);
      if (headEnd < 0) {
        return n;
      }
      String head = s.substring(from, headEnd).toLowerCase();
      int cl = head.indexOf("content-length: ");
      int len = cl < 0 ? 0 : Integer.parseInt(head.substring(cl + 16).split("\r\n")[0].strip());
      if (s.length() < headEnd + 4 + len) {
        return n;
      }
      n++;
      from = headEnd + 4 + len;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
