package dev.patina.runtime.internal.uring;

import java.lang.foreign.MemorySegment;
import java.util.concurrent.atomic.LongAdder;

/**
 * Native memory for sockets' data buffers, from libc's {@code malloc} and returned with {@code
 * free} when the socket is done with it, rather than an automatic arena's memory that only the GC
 * frees: a server that opens and closes connections quickly would otherwise hold 128 KiB per closed
 * connection until the next collection. Callers guarantee that no op pointing at a buffer is still
 * in the kernel when they free it ({@link UringFd} frees only once closed and idle).
 */
final class NativeBuffers {
  private static final LongAdder HELD = new LongAdder();

  private NativeBuffers() {}

  static MemorySegment allocate(long size) {
    long p = Libc.malloc(size);
    if (p == 0) {
      throw new OutOfMemoryError("malloc of a " + size + "-byte socket buffer failed");
    }
    HELD.add(size);
    return MemorySegment.ofAddress(p).reinterpret(size);
  }

  static void free(MemorySegment buffer) {
    Libc.free(buffer.address());
    HELD.add(-buffer.byteSize());
  }

  /** Bytes allocated here and not yet freed, over all sockets of the process. */
  static long bytesHeld() {
    return HELD.sum();
  }
}
