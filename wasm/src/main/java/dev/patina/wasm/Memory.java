package dev.patina.wasm;

import dev.patina.wasm.internal.runtime.MemoryInstance;
import java.util.Arrays;

/**
 * A linear memory, exported by an instance or created by the host. Accesses outside the current
 * size throw {@link IndexOutOfBoundsException}.
 */
public final class Memory implements Extern {
  private final MemoryInstance instance;

  Memory(MemoryInstance instance) {
    this.instance = instance;
  }

  /** A new memory of the given type, for the host to provide as an import. */
  public Memory(MemoryType type) {
    this(new MemoryInstance(type, MemoryInstance.MAX_PAGES));
  }

  MemoryInstance instance() {
    return instance;
  }

  @Override
  public MemoryType type() {
    return instance.currentType();
  }

  public int pages() {
    return instance.pages();
  }

  public long byteSize() {
    return instance.bytes.length;
  }

  /** Grows by {@code delta} pages; returns the previous size in pages, or -1 if it cannot. */
  public int grow(int delta) {
    return instance.grow(delta);
  }

  public byte[] read(long address, int length) {
    check(address, length);
    return Arrays.copyOfRange(instance.bytes, (int) address, (int) address + length);
  }

  public void write(long address, byte[] data) {
    write(address, data, 0, data.length);
  }

  /** Copies {@code length} bytes of {@code data} from {@code offset} into memory. */
  public void write(long address, byte[] data, int offset, int length) {
    check(address, length);
    System.arraycopy(data, offset, instance.bytes, (int) address, length);
  }

  /** Copies {@code length} bytes of memory into {@code target} from {@code offset}. */
  public void read(long address, byte[] target, int offset, int length) {
    check(address, length);
    System.arraycopy(instance.bytes, (int) address, target, offset, length);
  }

  /**
   * A little-endian view of {@code length} bytes of memory from {@code address}, without copying.
   * The view is valid until the memory grows (growth moves the bytes to a new array).
   */
  public java.nio.ByteBuffer view(long address, int length) {
    check(address, length);
    return java.nio.ByteBuffer.wrap(instance.bytes, (int) address, length)
        .slice()
        .order(java.nio.ByteOrder.LITTLE_ENDIAN);
  }

  public byte readByte(long address) {
    check(address, 1);
    return instance.bytes[(int) address];
  }

  public int readInt(long address) {
    check(address, 4);
    return (int) LittleEndian.INT.get(instance.bytes, (int) address);
  }

  public long readLong(long address) {
    check(address, 8);
    return (long) LittleEndian.LONG.get(instance.bytes, (int) address);
  }

  public void writeInt(long address, int value) {
    check(address, 4);
    LittleEndian.INT.set(instance.bytes, (int) address, value);
  }

  public void writeLong(long address, long value) {
    check(address, 8);
    LittleEndian.LONG.set(instance.bytes, (int) address, value);
  }

  private void check(long address, int length) {
    if (address < 0 || length < 0 || address + length > instance.bytes.length) {
      throw new IndexOutOfBoundsException(
          "memory access at " + address + " of " + length + " bytes is outside " + byteSize());
    }
  }
}
