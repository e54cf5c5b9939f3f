package dev.patina.stream.pgwire.internal;

import dev.patina.stream.pgwire.SqlException;
import dev.patina.stream.pgwire.SqlState;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Parses the body of one frame into a {@link FrontendMessage}. Every read is bounds-checked: a
 * malformed body raises {@link MalformedMessageException}, never anything else; text that is not
 * UTF-8 raises a {@link SqlException} with SQLSTATE 22021, which the connection survives.
 */
public final class FrontendParser {
  private FrontendParser() {}

  public static final int PROTOCOL_3 = 3 << 16;
  public static final int SSL_REQUEST = 80877103;
  public static final int GSSENC_REQUEST = 80877104;
  public static final int CANCEL_REQUEST = 80877102;

  /** Parses a startup-phase packet body (after its length word). */
  public static FrontendMessage parseStartup(byte[] body) {
    Reader r = new Reader(body);
    int code = r.int32();
    switch (code) {
      case SSL_REQUEST -> {
        r.end();
        return new FrontendMessage.SslRequest();
      }
      case GSSENC_REQUEST -> {
        r.end();
        return new FrontendMessage.GssEncRequest();
      }
      case CANCEL_REQUEST -> {
        int pid = r.int32();
        int key = r.int32();
        r.end();
        return new FrontendMessage.CancelRequest(pid, key);
      }
      default -> {}
    }
    int major = code >>> 16;
    int minor = code & 0xFFFF;
    Map<String, String> params = new LinkedHashMap<>();
    if (major == 3) {
      while (true) {
        String name = r.cstring();
        if (name.isEmpty()) {
          break;
        }
        params.put(name, r.cstring());
      }
      r.end();
    }
    return new FrontendMessage.Startup(major, minor, params);
  }

  /** Parses a regular message of type {@code type} with the given body. */
  public static FrontendMessage parse(byte type, byte[] body) {
    Reader r = new Reader(body);
    FrontendMessage m =
        switch (type) {
          case 'Q' -> new FrontendMessage.Query(r.cstring());
          case 'P' -> {
            String name = r.cstring();
            String sql = r.cstring();
            int n = r.count16();
            int[] oids = new int[n];
            for (int i = 0; i < n; i++) {
              oids[i] = r.int32();
            }
            yield new FrontendMessage.Parse(name, sql, oids);
          }
          case 'B' -> {
            String portal = r.cstring();
            String statement = r.cstring();
            short[] formats = formats(r);
            int n = r.count16();
            byte[][] params = new byte[n][];
            for (int i = 0; i < n; i++) {
              int len = r.int32();
              if (len == -1) {
                continue;
              }
              if (len < 0) {
                throw new MalformedMessageException("invalid parameter length " + len);
              }
              params[i] = r.bytes(len);
            }
            yield new FrontendMessage.Bind(portal, statement, formats, params, formats(r));
          }
          case 'D' -> new FrontendMessage.Describe(kind(r), r.cstring());
          case 'E' -> new FrontendMessage.Execute(r.cstring(), r.int32());
          case 'C' -> new FrontendMessage.Close(kind(r), r.cstring());
          case 'S' -> new FrontendMessage.Sync();
          case 'H' -> new FrontendMessage.Flush();
          case 'X' -> new FrontendMessage.Terminate();
          case 'p' -> new FrontendMessage.AuthData(r.rest());
          case 'F', 'd', 'c', 'f' -> {
            r.rest();
            yield new FrontendMessage.Unsupported((char) type);
          }
          default ->
              throw new MalformedMessageException("invalid frontend message type " + (type & 0xFF));
        };
    r.end();
    return m;
  }

  private static char kind(Reader r) {
    byte k = r.int8();
    if (k != 'S' && k != 'P') {
      throw new MalformedMessageException("invalid DESCRIBE/CLOSE message subtype " + k);
    }
    return (char) k;
  }

  private static short[] formats(Reader r) {
    int n = r.count16();
    short[] f = new short[n];
    for (int i = 0; i < n; i++) {
      f[i] = r.int16();
      if (f[i] != 0 && f[i] != 1) {
        throw new MalformedMessageException("unsupported format code: " + f[i]);
      }
    }
    return f;
  }

  /** Bounds-checked big-endian reads. */
  static final class Reader {
    private final byte[] b;
    private int pos;

    Reader(byte[] b) {
      this.b = b;
    }

    private void need(int n) {
      if (n < 0 || b.length - pos < n) {
        throw new MalformedMessageException("message too short");
      }
    }

    byte int8() {
      need(1);
      return b[pos++];
    }

    short int16() {
      need(2);
      short v = (short) (((b[pos] & 0xFF) << 8) | (b[pos + 1] & 0xFF));
      pos += 2;
      return v;
    }

    int count16() {
      int n = int16();
      if (n < 0) {
        throw new MalformedMessageException("negative count " + n);
      }
      return n;
    }

    int int32() {
      need(4);
      int v =
          ((b[pos] & 0xFF) << 24)
              | ((b[pos + 1] & 0xFF) << 16)
              | ((b[pos + 2] & 0xFF) << 8)
              | (b[pos + 3] & 0xFF);
      pos += 4;
      return v;
    }

    byte[] bytes(int n) {
      need(n);
      byte[] out = java.util.Arrays.copyOfRange(b, pos, pos + n);
      pos += n;
      return out;
    }

    byte[] rest() {
      return bytes(b.length - pos);
    }

    String cstring() {
      int end = pos;
      while (end < b.length && b[end] != 0) {
        end++;
      }
      if (end >= b.length) {
        throw new MalformedMessageException("unterminated string in message");
      }
      String s = utf8(b, pos, end - pos);
      pos = end + 1;
      return s;
    }

    void end() {
      if (pos != b.length) {
        throw new MalformedMessageException("invalid message format");
      }
    }
  }

  /** Strict UTF-8 decoding, as PostgreSQL with a UTF8 client encoding does. */
  public static String utf8(byte[] b, int off, int len) {
    CharsetDecoder d =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try {
      CharBuffer cb = d.decode(ByteBuffer.wrap(b, off, len));
      return cb.toString();
    } catch (CharacterCodingException e) {
      throw new SqlException(
          SqlState.CHARACTER_NOT_IN_REPERTOIRE, "invalid byte sequence for encoding \"UTF8\"");
    }
  }
}
