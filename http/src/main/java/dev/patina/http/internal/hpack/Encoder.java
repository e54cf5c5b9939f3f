package dev.patina.http.internal.hpack;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * Encodes header blocks with a dynamic table. Fields found in a table are sent as indexes; others
 * are added with incremental indexing, except sensitive fields (never indexed) and fields too large
 * to be worth a table slot. Strings are Huffman-coded when that is shorter.
 */
public final class Encoder {
  private final DynamicTable table;
  private int pendingMaxSize = -1; // a table size update to announce at the next block
  private int smallestPending = Integer.MAX_VALUE;

  public Encoder(int maxTableSize) {
    this.table = new DynamicTable(maxTableSize);
  }

  /**
   * The peer's SETTINGS_HEADER_TABLE_SIZE changed: use at most {@code max}, and say so at the start
   * of the next block (RFC 7541 §4.2), including a dip below the final value in between.
   */
  public void setMaxTableSize(int max) {
    smallestPending = Math.min(smallestPending, max);
    pendingMaxSize = max;
  }

  public byte[] encode(List<HeaderField> fields) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(64 + 32 * fields.size());
    if (pendingMaxSize >= 0) {
      if (smallestPending < pendingMaxSize) {
        table.setMaxSize(smallestPending);
        integer(out, 0x20, 5, smallestPending);
      }
      table.setMaxSize(pendingMaxSize);
      integer(out, 0x20, 5, pendingMaxSize);
      pendingMaxSize = -1;
      smallestPending = Integer.MAX_VALUE;
    }
    for (HeaderField f : fields) {
      encode(f, out);
    }
    return out.toByteArray();
  }

  private void encode(HeaderField f, ByteArrayOutputStream out) {
    String name = f.name();
    String value = f.value();
    if (f.sensitive()) {
      literal(out, 0x10, 4, nameIndex(name), name, value);
      return;
    }
    int full = StaticTable.indexOf(name, value);
    if (full != 0) {
      integer(out, 0x80, 7, full);
      return;
    }
    int dyn = table.find(name, value);
    if (dyn > 0) {
      integer(out, 0x80, 7, StaticTable.SIZE + dyn);
      return;
    }
    int nameIdx = nameIndex(name);
    if (f.size() > table.maxSize() / 2) {
      // a large field would evict much of the table for one use: send it without indexing
      literal(out, 0x00, 4, nameIdx, name, value);
    } else {
      literal(out, 0x40, 6, nameIdx, name, value);
      table.add(f);
    }
  }

  private int nameIndex(String name) {
    int s = StaticTable.indexOfName(name);
    if (s != 0) {
      return s;
    }
    int d = table.find(name, "\0\0never a value");
    return d == 0 ? 0 : StaticTable.SIZE + Math.abs(d);
  }

  private static void literal(
      ByteArrayOutputStream out, int mask, int prefix, int nameIdx, String name, String value) {
    integer(out, mask, prefix, nameIdx);
    if (nameIdx == 0) {
      string(out, name);
    }
    string(out, value);
  }

  /** §5.1: {@code value} in an N-bit prefix of a byte whose high bits are {@code mask}. */
  static void integer(ByteArrayOutputStream out, int mask, int prefix, int value) {
    int max = (1 << prefix) - 1;
    if (value < max) {
      out.write(mask | value);
      return;
    }
    out.write(mask | max);
    value -= max;
    while (value >= 0x80) {
      out.write((value & 0x7f) | 0x80);
      value >>>= 7;
    }
    out.write(value);
  }

  private static void string(ByteArrayOutputStream out, String s) {
    int h = Huffman.encodedLength(s);
    if (h <= s.length()) { // on a tie Huffman, as the RFC examples do
      integer(out, 0x80, 7, h);
      Huffman.encode(s, out);
    } else {
      integer(out, 0x00, 7, s.length());
      for (int i = 0; i < s.length(); i++) {
        out.write(s.charAt(i));
      }
    }
  }
}
