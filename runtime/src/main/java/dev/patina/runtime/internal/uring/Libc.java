package dev.patina.runtime.internal.uring;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The few libc functions io_uring needs, bound once through the FFM API. Every call returns the raw
 * result; a negative result comes back as {@code -errno} (read from the captured call state), the
 * kernel's own convention, so that callers handle ring completions and direct calls alike.
 */
final class Libc {
  static final int AF_INET = 2;
  static final int AF_INET6 = 10;
  static final int SOCK_STREAM = 1;
  static final int SOCK_DGRAM = 2;
  static final int SOCK_CLOEXEC = 0x80000;
  static final int SOL_SOCKET = 1;
  static final int SO_REUSEADDR = 2;
  static final int IPPROTO_TCP = 6;
  static final int TCP_NODELAY = 1;
  static final int SHUT_WR = 1;
  static final int MSG_NOSIGNAL = 0x4000;
  static final int MSG_TRUNC = 0x20;
  static final int MSG_DONTWAIT = 0x40;
  static final int EFD_CLOEXEC = 0x80000;

  static final int SYS_IO_URING_SETUP = 425;
  static final int SYS_IO_URING_ENTER = 426;

  private static final Linker LINKER = Linker.nativeLinker();
  private static final SymbolLookup LIBC = LINKER.defaultLookup();
  private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
  private static final VarHandle ERRNO =
      CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
  private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

  // syscall(long number, ...): the io_uring calls have no libc wrapper. Variadic arguments are
  // passed as longs, the width the kernel reads from each register.
  private static final MethodHandle SYSCALL6 =
      LINKER.downcallHandle(
          LIBC.find("syscall").orElseThrow(),
          FunctionDescriptor.of(
              JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG, JAVA_LONG,
              JAVA_LONG),
          Linker.Option.firstVariadicArg(1),
          CAPTURE);
  private static final MethodHandle MMAP =
      handle(
          "mmap",
          FunctionDescriptor.of(
              ADDRESS, ADDRESS, JAVA_LONG, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_LONG));
  private static final MethodHandle CLOSE =
      handle("close", FunctionDescriptor.of(JAVA_INT, JAVA_INT));
  private static final MethodHandle SOCKET =
      handle("socket", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle BIND =
      handle("bind", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle CONNECT =
      handle("connect", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle LISTEN =
      handle("listen", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle SETSOCKOPT =
      handle(
          "setsockopt",
          FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, JAVA_INT));
  private static final MethodHandle GETSOCKOPT =
      handle(
          "getsockopt",
          FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
  private static final MethodHandle GETSOCKNAME =
      handle("getsockname", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
  private static final MethodHandle GETPEERNAME =
      handle("getpeername", FunctionDescriptor.of(JAVA_INT, JAVA_INT, ADDRESS, ADDRESS));
  private static final MethodHandle SHUTDOWN =
      handle("shutdown", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle EVENTFD =
      handle("eventfd", FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT));
  private static final MethodHandle WRITE =
      handle("write", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
  // The driver's wake-up: written by every submitter, so no errno capture (a failed wake write can
  // only mean the eventfd counter is saturated, which wakes the driver anyway).
  private static final MethodHandle WAKE_WRITE =
      LINKER.downcallHandle(
          LIBC.find("write").orElseThrow(),
          FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG));
  // send(2) without errno capture: a failure only sends the caller to the ring, which reports it.
  private static final MethodHandle SEND_NOW =
      LINKER.downcallHandle(
          LIBC.find("send").orElseThrow(),
          FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  // recv(2) with errno: a failed non-blocking recv consumes the socket's pending error (a reset
  // reported once, then end of stream), so the caller must see it rather than retry on the ring.
  private static final MethodHandle RECV_NOW =
      handle("recv", FunctionDescriptor.of(JAVA_LONG, JAVA_INT, ADDRESS, JAVA_LONG, JAVA_INT));
  // malloc/free for socket buffers: no errno capture (malloc's only failure is a null result).
  private static final MethodHandle MALLOC =
      LINKER.downcallHandle(
          LIBC.find("malloc").orElseThrow(), FunctionDescriptor.of(JAVA_LONG, JAVA_LONG));
  private static final MethodHandle FREE =
      LINKER.downcallHandle(LIBC.find("free").orElseThrow(), FunctionDescriptor.ofVoid(JAVA_LONG));
  private static final MemorySegment ONE = Arena.global().allocateFrom(JAVA_LONG, 1L);
  private static final MethodHandle STRERROR =
      LINKER.downcallHandle(
          LIBC.find("strerror").orElseThrow(), FunctionDescriptor.of(ADDRESS, JAVA_INT));

  private Libc() {}

  private static MethodHandle handle(String name, FunctionDescriptor fd) {
    return LINKER.downcallHandle(LIBC.find(name).orElseThrow(), fd, CAPTURE);
  }

  /** A per-thread buffer for the captured errno: calls come from many virtual threads at once. */
  private static final ThreadLocal<MemorySegment> STATE =
      ThreadLocal.withInitial(() -> Arena.ofAuto().allocate(CALL_STATE));

  private static int errno(MemorySegment state) {
    return (int) ERRNO.get(state, 0L);
  }

  private static long check(long r, MemorySegment state) {
    return r < 0 ? -errno(state) : r;
  }

  static long syscall(long nr, long a, long b, long c, long d, long e, long f) {
    MemorySegment st = STATE.get();
    try {
      return check((long) SYSCALL6.invokeExact(st, nr, a, b, c, d, e, f), st);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** mmap of a kernel object; returns the mapping (its address 0 plus -errno on failure). */
  static long mmap(long length, int prot, int flags, int fd, long offset) {
    MemorySegment st = STATE.get();
    try {
      MemorySegment p =
          (MemorySegment) MMAP.invokeExact(st, MemorySegment.NULL, length, prot, flags, fd, offset);
      return p.address() == -1L ? -errno(st) : p.address();
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static int close(int fd) {
    return call1(CLOSE, fd);
  }

  static int socket(int domain, int type) {
    MemorySegment st = STATE.get();
    try {
      return (int) check((int) SOCKET.invokeExact(st, domain, type, 0), st);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static int bind(int fd, MemorySegment addr, int len) {
    MemorySegment st = STATE.get();
    try {
      return (int) check((int) BIND.invokeExact(st, fd, addr, len), st);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** A direct connect: for UDP it only sets the default peer, so it never blocks. */
  static int connect(int fd, MemorySegment addr, int len) {
    MemorySegment st = STATE.get();
    try {
      return (int) check((int) CONNECT.invokeExact(st, fd, addr, len), st);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static int listen(int fd, int backlog) {
    MemorySegment st = STATE.get();
    try {
      return (int) check((int) LISTEN.invokeExact(st, fd, backlog), st);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static int setIntOption(int fd, int level, int name, int value) {
    MemorySegment st = STATE.get();
    try (Arena a = Arena.ofConfined()) {
      MemorySegment v = a.allocateFrom(JAVA_INT, value);
      return (int) check((int) SETSOCKOPT.invokeExact(st, fd, level, name, v, 4), st);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** The option's value, or -errno. */
  static int intOption(int fd, int level, int name) {
    MemorySegment st = STATE.get();
    try (Arena a = Arena.ofConfined()) {
      MemorySegment v = a.allocate(JAVA_INT);
      MemorySegment len = a.allocateFrom(JAVA_INT, 4);
      int r = (int) check((int) GETSOCKOPT.invokeExact(st, fd, level, name, v, len), st);
      return r < 0 ? r : v.get(JAVA_INT, 0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** getsockname or getpeername into {@code addr} (capacity {@link SockAddr#CAPACITY}). */
  static int name(boolean peer, int fd, MemorySegment addr) {
    MemorySegment st = STATE.get();
    try (Arena a = Arena.ofConfined()) {
      MemorySegment len = a.allocateFrom(JAVA_INT, (int) addr.byteSize());
      MethodHandle h = peer ? GETPEERNAME : GETSOCKNAME;
      return (int) check((int) h.invokeExact(st, fd, addr, len), st);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static int shutdown(int fd, int how) {
    MemorySegment st = STATE.get();
    try {
      return (int) check((int) SHUTDOWN.invokeExact(st, fd, how), st);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static int eventfd() {
    MemorySegment st = STATE.get();
    try {
      return (int) check((int) EVENTFD.invokeExact(st, 0, EFD_CLOEXEC), st);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static long write(int fd, MemorySegment buf, long len) {
    MemorySegment st = STATE.get();
    try {
      return check((long) WRITE.invokeExact(st, fd, buf, len), st);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** A non-blocking send: bytes sent, or -1 for "would block" or any error (errno not read). */
  static int sendNow(int fd, MemorySegment buf, int len) {
    try {
      return (int) (long) SEND_NOW.invokeExact(fd, buf, (long) len, MSG_DONTWAIT | MSG_NOSIGNAL);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** A non-blocking receive: bytes received (0 at end of stream), or -errno (EAGAIN: none yet). */
  static int recvNow(int fd, MemorySegment buf, int len) {
    MemorySegment st = STATE.get();
    try {
      return (int) check((long) RECV_NOW.invokeExact(st, fd, buf, (long) len, MSG_DONTWAIT), st);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** The address of {@code size} bytes of native memory, or 0 if there is none. */
  static long malloc(long size) {
    try {
      return (long) MALLOC.invokeExact(size);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static void free(long address) {
    try {
      FREE.invokeExact(address);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  /** Adds 1 to an eventfd's counter. */
  static void wake(int eventFd) {
    try {
      long ignored = (long) WAKE_WRITE.invokeExact(eventFd, ONE, 8L);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  static String strerror(int errno) {
    try {
      MemorySegment s = (MemorySegment) STRERROR.invokeExact(errno);
      return s.reinterpret(256).getString(0);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private static int call1(MethodHandle h, int fd) {
    MemorySegment st = STATE.get();
    try {
      return (int) check((int) h.invokeExact(st, fd), st);
    } catch (Throwable t) {
      throw rethrow(t);
    }
  }

  private static RuntimeException rethrow(Throwable t) {
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    return new IllegalStateException("native call failed", t);
  }
}
