package dev.patina.wasm.wasi.internal;

import dev.patina.wasm.Memory;
import dev.patina.wasm.TrapException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The guest's linear memory as the WASI calls use it: pointers and lengths are unsigned 32-bit
 * values; an access outside the memory traps, as the WASI specification (and wasmtime) require.
 */
public final class Guest {
  private final Memory memory;

  public Guest(Memory memory) {
    if (memory == null) {
      throw new TrapException("wasi: the calling module has no memory");
    }
    this.memory = memory;
  }

  public long size() {
    return memory.byteSize();
  }

  public void check(long ptr, long length) {
    if (ptr < 0 || length < 0 || ptr + length > memory.byteSize()) {
      throw new TrapException("wasi: pointer out of bounds");
    }
  }

  public byte[] read(long ptr, long length) {
    check(ptr, length);
    return memory.read(ptr, (int) length);
  }

  public void write(long ptr, byte[] bytes) {
    check(ptr, bytes.length);
    memory.write(ptr, bytes);
  }

  public void write(long ptr, byte[] bytes, int from, int to) {
    check(ptr, to - from);
    memory.write(
        ptr,
        from == 0 && to == bytes.length ? bytes : java.util.Arrays.copyOfRange(bytes, from, to));
  }

  public int readInt(long ptr) {
    check(ptr, 4);
    return memory.readInt(ptr);
  }

  /** An unsigned 32-bit value. */
  public long readU32(long ptr) {
    return readInt(ptr) & 0xFFFFFFFFL;
  }

  public long readLong(long ptr) {
    check(ptr, 8);
    return memory.readLong(ptr);
  }

  public int readU8(long ptr) {
    check(ptr, 1);
    return memory.readByte(ptr) & 0xFF;
  }

  public int readU16(long ptr) {
    return readU8(ptr) | readU8(ptr + 1) << 8;
  }

  public void writeInt(long ptr, int value) {
    check(ptr, 4);
    memory.writeInt(ptr, value);
  }

  public void writeLong(long ptr, long value) {
    check(ptr, 8);
    memory.writeLong(ptr, value);
  }

  public void writeU8(long ptr, int value) {
    write(ptr, new byte[] {(byte) value});
  }

  public void writeU16(long ptr, int value) {
    write(ptr, new byte[] {(byte) value, (byte) (value >>> 8)});
  }

  /** A UTF-8 string; {@link Errno#ILSEQ} if it is not valid UTF-8. */
  public String string(long ptr, long length) {
    byte[] bytes = read(ptr, length);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ErrnoException(Errno.ILSEQ);
    }
  }

  /** The (address, length) pairs of an iovec array, checked to lie inside the memory. */
  public long[] iovecs(long ptr, long count) {
    check(ptr, count * Wasi1.IOVEC_SIZE);
    long[] out = new long[(int) count * 2];
    for (int i = 0; i < count; i++) {
      long buf = readU32(ptr + (long) i * Wasi1.IOVEC_SIZE);
      long len = readU32(ptr + (long) i * Wasi1.IOVEC_SIZE + 4);
      check(buf, len);
      out[2 * i] = buf;
      out[2 * i + 1] = len;
    }
    return out;
  }

  /** The sum of an iovec array's lengths. */
  public static long total(long[] iovecs) {
    long total = 0;
    for (int i = 1; i < iovecs.length; i += 2) {
      total += iovecs[i];
    }
    return total;
  }

  /** Gathers the bytes of an iovec array, up to {@code max} bytes. */
  public byte[] gather(long[] iovecs, int max) {
    int total = (int) Math.min(total(iovecs), max);
    byte[] out = new byte[total];
    int at = 0;
    for (int i = 0; i < iovecs.length && at < total; i += 2) {
      int n = (int) Math.min(iovecs[i + 1], total - at);
      if (n > 0) {
        System.arraycopy(memory.read(iovecs[i], n), 0, out, at, n);
        at += n;
      }
    }
    return out;
  }

  /** Scatters {@code n} bytes of {@code data} into an iovec array, starting at logical offset. */
  public void scatter(long[] iovecs, long offset, byte[] data, int n) {
    int from = 0;
    long skip = offset;
    for (int i = 0; i < iovecs.length && from < n; i += 2) {
      long len = iovecs[i + 1];
      if (skip >= len) {
        skip -= len;
        continue;
      }
      int k = (int) Math.min(len - skip, n - from);
      write(iovecs[i] + skip, data, from, from + k);
      from += k;
      skip = 0;
    }
  }

  /** A little-endian buffer for building a structure to write. */
  public static ByteBuffer struct(int size) {
    return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
  }
}
