package dev.patina.kv.codec;

import java.util.Arrays;

/**
 * TiKV's memcomparable bytes encoding ({@code tikv_util::codec::bytes::encode_bytes}, after
 * MyRocks): the input in groups of 8 bytes, each followed by a marker {@code 0xFF - padding}; the
 * last group is zero-padded. Byte-wise order of encodings equals the order of the inputs, and no
 * encoding is a prefix of another, so a timestamp can follow it.
 */
public final class MemComparable {
  private static final int GROUP = 8;
  private static final int MARKER = 0xff;

  private MemComparable() {}

  /** The encoded length of {@code n} input bytes. */
  public static int encodedLength(int n) {
    return (n / GROUP + 1) * (GROUP + 1);
  }

  public static byte[] encode(byte[] key) {
    return encode(key, 0);
  }

  /** Encodes {@code key} into a new array with {@code extra} spare bytes at the end. */
  public static byte[] encode(byte[] key, int extra) {
    int len = key.length;
    byte[] out = new byte[encodedLength(len) + extra];
    int o = 0;
    for (int index = 0; index <= len; index += GROUP) {
      int remain = len - index;
      if (remain > GROUP) {
        System.arraycopy(key, index, out, o, GROUP);
        o += GROUP;
        out[o++] = (byte) MARKER;
      } else {
        int pad = GROUP - remain;
        System.arraycopy(key, index, out, o, remain);
        o += GROUP; // padding bytes are already zero
        out[o++] = (byte) (MARKER - pad);
      }
    }
    return out;
  }

  /** The result of decoding: the raw bytes and the offset just after the encoding. */
  public record Decoded(byte[] raw, int next) {}

  /** Decodes the encoding that starts at {@code off}; checks markers and padding as TiKV does. */
  public static Decoded decode(byte[] data, int off) {
    byte[] out = new byte[Math.max(0, (data.length - off) / (GROUP + 1) * GROUP)];
    int n = 0;
    int p = off;
    while (true) {
      if (p + GROUP + 1 > data.length) {
        throw new CodecException("unexpected end of memcomparable bytes");
      }
      int marker = data[p + GROUP] & 0xff;
      int pad = MARKER - marker;
      if (pad == 0) {
        System.arraycopy(data, p, out, n, GROUP);
        n += GROUP;
        p += GROUP + 1;
        continue;
      }
      if (pad > GROUP) {
        throw new CodecException("bad memcomparable padding marker " + marker);
      }
      int real = GROUP - pad;
      System.arraycopy(data, p, out, n, real);
      n += real;
      for (int i = real; i < GROUP; i++) {
        if (data[p + i] != 0) {
          throw new CodecException("bad memcomparable padding");
        }
      }
      return new Decoded(Arrays.copyOf(out, n), p + GROUP + 1);
    }
  }

  /** Decodes an encoding that must span the whole array. */
  public static byte[] decodeAll(byte[] data) {
    Decoded d = decode(data, 0);
    if (d.next() != data.length) {
      throw new CodecException("trailing bytes after memcomparable key");
    }
    return d.raw();
  }
}
