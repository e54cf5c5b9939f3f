package dev.patina.http.internal.hpack;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Decodes header blocks (RFC 7541 §6) with one connection's dynamic table. Every malformed input is
 * an {@link HpackException}; no input makes it throw anything else or loop.
 */
public final class Decoder {
  private final DynamicTable table;
  private final int settingsMaxTableSize; // what we announced in SETTINGS_HEADER_TABLE_SIZE
  private final long maxHeaderListSize;

  /** The fields of one block; {@code tooLarge} if they exceeded the header list budget. */
  public record Block(List<HeaderField> fields, boolean tooLarge) {}

  /**
   * @param maxTableSize the table size this side announced (the encoder may lower it, never raise)
   * @param maxHeaderListSize budget of RFC 9113 §6.5.2 sizes; fields past it are decoded (to keep
   *     the table in step with the encoder) but dropped, and the block is marked too large
   */
  public Decoder(int maxTableSize, long maxHeaderListSize) {
    this.table = new DynamicTable(maxTableSize);
    this.settingsMaxTableSize = maxTableSize;
    this.maxHeaderListSize = maxHeaderListSize;
  }

  /** Current dynamic table size in RFC 7541 §4.1 octets (for tests). */
  int tableSize() {
    return table.size();
  }

  public Block decode(byte[] block) throws HpackException {
    return decode(block, 0, block.length);
  }

  public Block decode(byte[] src, int off, int len) throws HpackException {
    Cursor c = new Cursor(src, off, off + len);
    List<HeaderField> fields = new ArrayList<>();
    long listSize = 0;
    boolean tooLarge = false;
    boolean fieldSeen = false;
    while (c.pos < c.end) {
      int b = src[c.pos] & 0xff;
      HeaderField f;
      if ((b & 0x80) != 0) { // §6.1 indexed field
        f = lookup(c.integer(7));
      } else if ((b & 0xc0) == 0x40) { // §6.2.1 literal with incremental indexing
        f = literal(c, 6, false);
        table.add(f);
      } else if ((b & 0xe0) == 0x20) { // §6.3 dynamic table size update
        if (fieldSeen) {
          throw new HpackException("table size update after a field");
        }
        long size = c.integer(5);
        if (size > settingsMaxTableSize) {
          throw new HpackException("table size update above the announced maximum: " + size);
        }
        table.setMaxSize((int) size);
        continue;
      } else { // §6.2.2 without indexing (0000), §6.2.3 never indexed (0001)
        f = literal(c, 4, (b & 0x10) != 0);
      }
      fieldSeen = true;
      listSize += f.size();
      if (listSize > maxHeaderListSize) {
        tooLarge = true;
      } else {
        fields.add(f);
      }
    }
    return new Block(tooLarge ? List.of() : fields, tooLarge);
  }

  private HeaderField lookup(long index) throws HpackException {
    if (index == 0) {
      throw new HpackException("index 0");
    }
    if (index <= StaticTable.SIZE) {
      int i = (int) index;
      return new HeaderField(StaticTable.name(i), StaticTable.value(i));
    }
    long d = index - StaticTable.SIZE;
    if (d > table.length()) {
      throw new HpackException("index " + index + " beyond the tables");
    }
    return table.get((int) d);
  }

  private HeaderField literal(Cursor c, int prefix, boolean sensitive) throws HpackException {
    long nameIndex = c.integer(prefix);
    String name = nameIndex == 0 ? c.string() : lookup(nameIndex).name();
    String value = c.string();
    return new HeaderField(name, value, sensitive);
  }

  /** Reading position in a block, with the primitive decoders of §5. */
  private static final class Cursor {
    private final byte[] src;
    private final int end;
    private int pos;

    Cursor(byte[] src, int pos, int end) {
      this.src = src;
      this.pos = pos;
      this.end = end;
    }

    private int next() throws HpackException {
      if (pos >= end) {
        throw new HpackException("header block ends inside a representation");
      }
      return src[pos++] & 0xff;
    }

    /** §5.1 integer with an N-bit prefix; values above 2^31-1 are refused. */
    long integer(int prefix) throws HpackException {
      int max = (1 << prefix) - 1;
      long value = next() & max;
      if (value < max) {
        return value;
      }
      int shift = 0;
      while (true) {
        int b = next();
        value += (long) (b & 0x7f) << shift;
        if (value > Integer.MAX_VALUE) {
          throw new HpackException("integer overflow");
        }
        if ((b & 0x80) == 0) {
          return value;
        }
        shift += 7;
      }
    }

    /** §5.2 string literal, Huffman-coded or raw. */
    String string() throws HpackException {
      if (pos >= end) {
        throw new HpackException("header block ends before a string");
      }
      boolean huffman = (src[pos] & 0x80) != 0;
      long len = integer(7);
      if (len > end - pos) {
        throw new HpackException("string longer than the block");
      }
      int start = pos;
      pos += (int) len;
      return huffman
          ? Huffman.decode(src, start, (int) len)
          : new String(src, start, (int) len, StandardCharsets.ISO_8859_1);
    }
  }
}
