package dev.patina.stream.pgwire.internal;

import dev.patina.stream.pgwire.RowDescription;
import dev.patina.stream.pgwire.TransactionStatus;
import dev.patina.stream.types.DataType;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Writes backend (server to client) messages into a buffer. */
public final class Backend {
  private Backend() {}

  /** Starts a message; returns the index of its length word for {@link #end}. */
  private static int begin(ByteBuf out, char type) {
    out.writeByte(type);
    int at = out.writerIndex();
    out.writeInt(0);
    return at;
  }

  private static void end(ByteBuf out, int at) {
    out.setInt(at, out.writerIndex() - at);
  }

  static void cstring(ByteBuf out, String s) {
    // A NUL inside would end the string early and desynchronize the client.
    out.writeCharSequence(s.indexOf('\0') >= 0 ? s.replace('\0', ' ') : s, StandardCharsets.UTF_8);
    out.writeByte(0);
  }

  public static void authentication(ByteBuf out, int code, byte[] extra) {
    int at = begin(out, 'R');
    out.writeInt(code);
    if (extra != null) {
      out.writeBytes(extra);
    }
    end(out, at);
  }

  public static void parameterStatus(ByteBuf out, String name, String value) {
    int at = begin(out, 'S');
    cstring(out, name);
    cstring(out, value);
    end(out, at);
  }

  public static void backendKeyData(ByteBuf out, int pid, int secret) {
    int at = begin(out, 'K');
    out.writeInt(pid);
    out.writeInt(secret);
    end(out, at);
  }

  public static void negotiateProtocolVersion(ByteBuf out, int minor, List<String> unknown) {
    int at = begin(out, 'v');
    out.writeInt(minor);
    out.writeInt(unknown.size());
    for (String s : unknown) {
      cstring(out, s);
    }
    end(out, at);
  }

  public static void readyForQuery(ByteBuf out, TransactionStatus status) {
    int at = begin(out, 'Z');
    out.writeByte(status.code());
    end(out, at);
  }

  /** RowDescription; {@code formats} holds one format code per column. */
  public static void rowDescription(ByteBuf out, RowDescription desc, short[] formats) {
    int at = begin(out, 'T');
    out.writeShort(desc.size());
    for (int i = 0; i < desc.size(); i++) {
      RowDescription.Column c = desc.column(i);
      DataType t = c.type();
      cstring(out, c.name());
      out.writeInt(c.tableOid());
      out.writeShort(c.columnNumber());
      out.writeInt(t.oid());
      out.writeShort(t.typeLength());
      out.writeInt(t.typmod());
      out.writeShort(formats[i]);
    }
    end(out, at);
  }

  public static void parameterDescription(ByteBuf out, List<DataType> types) {
    int at = begin(out, 't');
    out.writeShort(types.size());
    for (DataType t : types) {
      out.writeInt(t.oid());
    }
    end(out, at);
  }

  /** DataRow from already encoded columns (null for SQL NULL). */
  public static void dataRow(ByteBuf out, byte[][] columns) {
    int at = begin(out, 'D');
    out.writeShort(columns.length);
    for (byte[] c : columns) {
      if (c == null) {
        out.writeInt(-1);
      } else {
        out.writeInt(c.length);
        out.writeBytes(c);
      }
    }
    end(out, at);
  }

  public static void commandComplete(ByteBuf out, String tag) {
    int at = begin(out, 'C');
    cstring(out, tag);
    end(out, at);
  }

  /**
   * A message without a body: ParseComplete '1', BindComplete '2', CloseComplete '3', NoData 'n',
   * PortalSuspended 's', EmptyQueryResponse 'I'.
   */
  public static void empty(ByteBuf out, char type) {
    out.writeByte(type);
    out.writeInt(4);
  }

  /**
   * ErrorResponse ('E') or NoticeResponse ('N'). {@code position} is the 1-based character index,
   * or 0 for none.
   */
  public static void errorOrNotice(
      ByteBuf out,
      char type,
      String severity,
      String sqlState,
      String message,
      String detail,
      String hint,
      int position) {
    int at = begin(out, type);
    field(out, 'S', severity);
    field(out, 'V', severity);
    field(out, 'C', sqlState);
    field(out, 'M', message);
    if (detail != null) {
      field(out, 'D', detail);
    }
    if (hint != null) {
      field(out, 'H', hint);
    }
    if (position > 0) {
      field(out, 'P', Integer.toString(position));
    }
    out.writeByte(0);
    end(out, at);
  }

  private static void field(ByteBuf out, char code, String value) {
    out.writeByte(code);
    cstring(out, value);
  }
}
