package dev.patina.stream.pgwire;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A bare protocol client for tests that need to see or send exact messages. */
public final class RawClient implements AutoCloseable {
  /** A backend message: type and body. */
  public record Msg(char type, byte[] body) {
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** Fields of an ErrorResponse/NoticeResponse by code. */
    public Map<Character, String> fields() {
      Map<Character, String> f = new LinkedHashMap<>();
      int i = 0;
      while (i < body.length && body[i] != 0) {
        char code = (char) body[i++];
        int s = i;
        while (body[i] != 0) {
          i++;
        }
        f.put(code, new String(body, s, i - s, StandardCharsets.UTF_8));
        i++;
      }
      return f;
    }

    /** The C string body (CommandComplete). */
    public String tag() {
      return new String(body, 0, body.length - 1, StandardCharsets.UTF_8);
    }
  }

  final Socket socket;
  final DataInputStream in;
  final DataOutputStream out;

  public RawClient(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(10_000);
    socket.setTcpNoDelay(true);
    in = new DataInputStream(socket.getInputStream());
    out = new DataOutputStream(socket.getOutputStream());
  }

  /** Connects and completes a trust startup; returns the messages up to ReadyForQuery. */
  public static RawClient connect(int port) throws IOException {
    RawClient c = new RawClient(port);
    c.startup(Map.of("user", "root", "database", "dev"));
    c.readUntilReady();
    return c;
  }

  public void startup(Map<String, String> params) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream d = new DataOutputStream(b);
    d.writeInt(196608);
    for (Map.Entry<String, String> e : params.entrySet()) {
      cstr(d, e.getKey());
      cstr(d, e.getValue());
    }
    d.writeByte(0);
    out.writeInt(b.size() + 4);
    out.write(b.toByteArray());
    out.flush();
  }

  public static void cstr(DataOutputStream d, String s) throws IOException {
    d.write(s.getBytes(StandardCharsets.UTF_8));
    d.writeByte(0);
  }

  public void send(char type, byte[] body) throws IOException {
    out.writeByte(type);
    out.writeInt(body.length + 4);
    out.write(body);
    out.flush();
  }

  public void query(String sql) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    cstr(new DataOutputStream(b), sql);
    send('Q', b.toByteArray());
  }

  public Msg read() throws IOException {
    char type = (char) in.readUnsignedByte();
    int len = in.readInt();
    byte[] body = new byte[len - 4];
    in.readFully(body);
    return new Msg(type, body);
  }

  public List<Msg> readUntilReady() throws IOException {
    List<Msg> msgs = new ArrayList<>();
    while (true) {
      Msg m = read();
      msgs.add(m);
      if (m.type() == 'Z') {
        return msgs;
      }
    }
  }

  /** Whether the server closed the connection (EOF) within the timeout. */
  public boolean closedByServer() throws IOException {
    try {
      while (true) {
        if (in.read() < 0) {
          return true;
        }
      }
    } catch (EOFException | java.net.SocketException e) {
      return true;
    } catch (SocketTimeoutException e) {
      return false;
    }
  }

  public static String types(List<Msg> msgs) {
    StringBuilder sb = new StringBuilder();
    for (Msg m : msgs) {
      sb.append(m.type());
    }
    return sb.toString();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
