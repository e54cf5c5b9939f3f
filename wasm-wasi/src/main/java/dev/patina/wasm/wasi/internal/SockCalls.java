package dev.patina.wasm.wasi.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * The {@code sock_*} calls on TCP sockets handed to the program ({@code --tcplisten}) and the
 * connections accepted from them. Sockets block unless the program sets {@code NONBLOCK}; then a
 * call that would wait fails with {@link Errno#AGAIN}.
 */
final class SockCalls {
  static final long RIGHTS =
      Wasi1.RIGHT_FD_READ
          | Wasi1.RIGHT_FD_WRITE
          | Wasi1.RIGHT_FD_FDSTAT_SET_FLAGS
          | Wasi1.RIGHT_FD_FILESTAT_GET
          | Wasi1.RIGHT_POLL_FD_READWRITE
          | Wasi1.RIGHT_SOCK_SHUTDOWN
          | Wasi1.RIGHT_SOCK_ACCEPT;

  private final WasiContext ctx;

  SockCalls(WasiContext ctx) {
    this.ctx = ctx;
  }

  int accept(Guest g, long[] a) throws IOException {
    Descriptor d = ctx.fds.get((int) a[0]);
    int flags = (int) a[1];
    g.check(a[2], 4);
    if (!(d instanceof Descriptor.Listener l)) {
      return d instanceof Descriptor.Socket ? Errno.INVAL : Errno.NOTSOCK;
    }
    if ((flags & ~Wasi1.FDFLAGS_NONBLOCK) != 0) {
      return Errno.INVAL;
    }
    SocketChannel s;
    synchronized (l.channel.blockingLock()) {
      l.channel.configureBlocking(!l.nonblock);
      s = l.channel.accept();
    }
    if (s == null) {
      return Errno.AGAIN;
    }
    boolean nonblock = (flags & Wasi1.FDFLAGS_NONBLOCK) != 0;
    s.configureBlocking(true);
    Descriptor.Socket socket = new Descriptor.Socket(s, nonblock);
    try {
      g.writeInt(a[2], ctx.fds.add(socket));
    } catch (ErrnoException e) {
      socket.close();
      throw e;
    }
    return Errno.SUCCESS;
  }

  private Descriptor.Socket socket(long fd) {
    return switch (ctx.fds.get((int) fd)) {
      case Descriptor.Socket s -> s;
      case Descriptor.Listener l -> throw new ErrnoException(Errno.NOTCONN);
      default -> throw new ErrnoException(Errno.NOTSOCK);
    };
  }

  int recv(Guest g, long[] a) throws IOException {
    Descriptor.Socket s = socket(a[0]);
    long[] iovs = g.iovecs(a[1], a[2]);
    int flags = (int) a[3];
    g.check(a[4], 4);
    g.check(a[5], 2);
    if ((flags & ~(Wasi1.RIFLAGS_RECV_PEEK | Wasi1.RIFLAGS_RECV_WAITALL)) != 0) {
      return Errno.INVAL;
    }
    if ((flags & Wasi1.RIFLAGS_RECV_PEEK) != 0) {
      return Errno.NOTSUP;
    }
    long n = receive(g, iovs, s, (flags & Wasi1.RIFLAGS_RECV_WAITALL) != 0);
    g.writeInt(a[4], (int) n);
    g.writeU16(a[5], 0);
    return Errno.SUCCESS;
  }

  int send(Guest g, long[] a) throws IOException {
    Descriptor.Socket s = socket(a[0]);
    long[] iovs = g.iovecs(a[1], a[2]);
    g.check(a[4], 4);
    g.writeInt(a[4], (int) transmit(g, iovs, s));
    return Errno.SUCCESS;
  }

  int shutdown(Guest g, long[] a) throws IOException {
    Descriptor.Socket s = socket(a[0]);
    int how = (int) a[1];
    if (how == 0 || (how & ~(Wasi1.SDFLAGS_RD | Wasi1.SDFLAGS_WR)) != 0) {
      return Errno.INVAL;
    }
    if ((how & Wasi1.SDFLAGS_RD) != 0) {
      s.channel.shutdownInput();
    }
    if ((how & Wasi1.SDFLAGS_WR) != 0) {
      s.channel.shutdownOutput();
    }
    return Errno.SUCCESS;
  }

  /** Reads what is there (at least a byte, unless non-blocking), or everything if waitAll. */
  static long receive(Guest g, long[] iovs, Descriptor.Socket s, boolean waitAll)
      throws IOException {
    long total = Guest.total(iovs);
    if (total == 0) {
      return 0;
    }
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(total, FdCalls.CHUNK));
    long done = 0;
    synchronized (s.channel.blockingLock()) {
      s.channel.configureBlocking(!s.nonblock);
      try {
        while (done < total) {
          buf.clear();
          buf.limit((int) Math.min(buf.capacity(), total - done));
          int n = s.channel.read(buf);
          if (n < 0) {
            break;
          }
          if (n == 0) {
            if (done == 0 && s.nonblock) {
              throw new ErrnoException(Errno.AGAIN);
            }
            break;
          }
          g.scatter(iovs, done, buf.array(), n);
          done += n;
          if (!waitAll) {
            break;
          }
        }
      } finally {
        s.channel.configureBlocking(true);
      }
    }
    return done;
  }

  /** Writes every byte (blocking), or what fits now (non-blocking). */
  static long transmit(Guest g, long[] iovs, Descriptor.Socket s) throws IOException {
    byte[] data = g.gather(iovs, Integer.MAX_VALUE - 16);
    ByteBuffer buf = ByteBuffer.wrap(data);
    synchronized (s.channel.blockingLock()) {
      s.channel.configureBlocking(!s.nonblock);
      try {
        while (buf.hasRemaining()) {
          int n = s.channel.write(buf);
          if (n == 0 && s.nonblock) {
            break;
          }
        }
      } finally {
        s.channel.configureBlocking(true);
      }
    }
    if (data.length > 0 && buf.position() == 0 && s.nonblock) {
      throw new ErrnoException(Errno.AGAIN);
    }
    return buf.position();
  }
}
