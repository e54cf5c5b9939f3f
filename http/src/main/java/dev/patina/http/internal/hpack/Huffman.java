package dev.patina.http.internal.hpack;

import java.io.ByteArrayOutputStream;

/** Huffman coding of string literals (RFC 7541 §5.2, Appendix B). */
final class Huffman {
  private Huffman() {}

  /**
   * The decoding tree as arrays: node {@code n} has children {@code CHILD[2n]} (bit 0) and {@code
   * CHILD[2n+1]} (bit 1); a child below 0 is the leaf of symbol {@code -child-1}; 0 means none.
   */
  private static final int[] CHILD;

  static {
    int[] child = new int[2 * 512];
    int nodes = 1;
    for (int sym = 0; sym <= 256; sym++) {
      int code = HuffmanTable.CODES[sym];
      int len = HuffmanTable.LENGTHS[sym];
      int node = 0;
      for (int i = len - 1; i >= 0; i--) {
        int slot = 2 * node + ((code >>> i) & 1);
        if (i == 0) {
          child[slot] = -sym - 1;
        } else {
          if (child[slot] == 0) {
            child[slot] = nodes++;
          }
          node = child[slot];
        }
      }
    }
    CHILD = child;
  }

  /** Length in bytes of {@code s} once encoded. */
  static int encodedLength(String s) {
    long bits = 0;
    for (int i = 0; i < s.length(); i++) {
      bits += HuffmanTable.LENGTHS[s.charAt(i) & 0xff];
    }
    return (int) ((bits + 7) / 8);
  }

  static void encode(String s, ByteArrayOutputStream out) {
    long acc = 0;
    int bits = 0;
    for (int i = 0; i < s.length(); i++) {
      int sym = s.charAt(i) & 0xff;
      int len = HuffmanTable.LENGTHS[sym];
      acc = (acc << len) | HuffmanTable.CODES[sym];
      bits += len;
      while (bits >= 8) {
        bits -= 8;
        out.write((int) (acc >>> bits));
      }
    }
    if (bits > 0) {
      // pad with the most significant bits of EOS (all ones), RFC 7541 §5.2
      out.write((int) ((acc << (8 - bits)) | (0xff >>> bits)));
    }
  }

  /**
   * Decodes {@code len} bytes. Refuses EOS in the data, padding longer than 7 bits, and padding
   * that is not the prefix of EOS (all ones) — each a decoding error by §5.2.
   */
  static String decode(byte[] src, int off, int len) throws HpackException {
    StringBuilder sb = new StringBuilder(len + len / 2);
    int node = 0;
    int depth = 0; // bits consumed since the last symbol
    boolean allOnes = true; // those bits were all 1
    for (int i = off; i < off + len; i++) {
      int b = src[i] & 0xff;
      for (int bit = 7; bit >= 0; bit--) {
        int one = (b >>> bit) & 1;
        int next = CHILD[2 * node + one];
        if (next < 0) {
          int sym = -next - 1;
          if (sym == 256) {
            throw new HpackException("EOS symbol in a Huffman string");
          }
          sb.append((char) sym);
          node = 0;
          depth = 0;
          allOnes = true;
        } else {
          node = next;
          depth++;
          allOnes &= one == 1;
        }
      }
    }
    if (depth > 7 || !allOnes) {
      throw new HpackException("bad Huffman padding");
    }
    return sb.toString();
  }
}
