package dev.patina.wasm.wasi.internal;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;

/** The {@code fd_*} calls. Errnos follow wasmtime's preview 1 implementation. */
final class FdCalls {
  /** The largest host buffer one call uses; larger transfers go in chunks. */
  static final int CHUNK = 1 << 20;

  private final WasiContext ctx;

  FdCalls(WasiContext ctx) {
    this.ctx = ctx;
  }

  private Descriptor.File file(int fd) {
    return switch (ctx.fds.get(fd)) {
      case Descriptor.File f -> f;
      default -> throw new ErrnoException(Errno.BADF);
    };
  }

  /** A file for positioned access: stdio and sockets cannot seek. */
  private Descriptor.File seekable(int fd) {
    return switch (ctx.fds.get(fd)) {
      case Descriptor.File f -> f;
      case Descriptor.Input i -> throw new ErrnoException(Errno.SPIPE);
      case Descriptor.Output o -> throw new ErrnoException(Errno.SPIPE);
      case Descriptor.Socket s -> throw new ErrnoException(Errno.SPIPE);
      case Descriptor.Listener s -> throw new ErrnoException(Errno.SPIPE);
      default -> throw new ErrnoException(Errno.BADF);
    };
  }

  int advise(Guest g, long[] a) {
    file((int) a[0]);
    if (a[3] > 5) {
      return Errno.INVAL;
    }
    return Errno.SUCCESS;
  }

  int allocate(Guest g, long[] a) {
    file((int) a[0]);
    return Errno.NOTSUP;
  }

  int close(Guest g, long[] a) throws IOException {
    ctx.fds.remove((int) a[0]).close();
    return Errno.SUCCESS;
  }

  int datasync(Guest g, long[] a) throws IOException {
    Descriptor.File f = file((int) a[0]);
    if (f.fileChannel() != null) {
      f.fileChannel().force(false);
    }
    return Errno.SUCCESS;
  }

  int sync(Guest g, long[] a) throws IOException {
    Descriptor.File f = file((int) a[0]);
    if (f.fileChannel() != null) {
      f.fileChannel().force(true);
    }
    return Errno.SUCCESS;
  }

  int fdstatGet(Guest g, long[] a) {
    Descriptor d = ctx.fds.get((int) a[0]);
    int flags = 0;
    long base;
    long inheriting;
    switch (d) {
      case Descriptor.Input i -> base = inheriting = Wasi1.RIGHT_FD_READ;
      case Descriptor.Output o -> base = inheriting = Wasi1.RIGHT_FD_WRITE;
      case Descriptor.Directory dir when dir.preopenName != null -> {
        base = Wasi1.RIGHTS_PREOPEN_BASE;
        inheriting = Wasi1.RIGHTS_PREOPEN_INHERITING;
      }
      case Descriptor.Directory dir -> {
        base =
            Wasi1.RIGHTS_ALL
                & ~(Wasi1.RIGHT_FD_SEEK
                    | Wasi1.RIGHT_FD_FILESTAT_SET_SIZE
                    | Wasi1.RIGHT_PATH_FILESTAT_SET_SIZE
                    | Wasi1.RIGHT_FD_WRITE);
        inheriting = base;
      }
      case Descriptor.File f -> {
        base = Wasi1.RIGHTS_ALL;
        if (!f.readable) {
          base &= ~(Wasi1.RIGHT_FD_READ | Wasi1.RIGHT_FD_READDIR);
        }
        if (!f.writable) {
          base &= ~Wasi1.RIGHT_FD_WRITE;
        }
        inheriting = base;
        flags |= f.append ? Wasi1.FDFLAGS_APPEND : 0;
        flags |= f.nonblock ? Wasi1.FDFLAGS_NONBLOCK : 0;
      }
      case Descriptor.Listener l -> {
        base = inheriting = SockCalls.RIGHTS;
        flags |= l.nonblock ? Wasi1.FDFLAGS_NONBLOCK : 0;
      }
      case Descriptor.Socket s -> {
        base = inheriting = SockCalls.RIGHTS;
        flags |= s.nonblock ? Wasi1.FDFLAGS_NONBLOCK : 0;
      }
    }
    ByteBuffer b = Guest.struct(Wasi1.FDSTAT_SIZE);
    b.put(0, (byte) d.filetype());
    b.putShort(2, (short) flags);
    b.putLong(8, base);
    b.putLong(16, inheriting);
    g.write(a[1], b.array());
    return Errno.SUCCESS;
  }

  int fdstatSetFlags(Guest g, long[] a) throws IOException {
    int flags = (int) a[1];
    Descriptor d = ctx.fds.get((int) a[0]);
    boolean nonblock = (flags & Wasi1.FDFLAGS_NONBLOCK) != 0;
    switch (d) {
      case Descriptor.File f -> {
        if ((flags & (Wasi1.FDFLAGS_DSYNC | Wasi1.FDFLAGS_SYNC | Wasi1.FDFLAGS_RSYNC)) != 0) {
          return Errno.INVAL;
        }
        f.append = (flags & Wasi1.FDFLAGS_APPEND) != 0;
        f.nonblock = nonblock;
      }
      case Descriptor.Listener l -> {
        l.nonblock = nonblock;
      }
      case Descriptor.Socket s -> {
        s.nonblock = nonblock;
      }
      default -> {
        return Errno.BADF;
      }
    }
    return Errno.SUCCESS;
  }

  int fdstatSetRights(Guest g, long[] a) {
    Descriptor d = ctx.fds.get((int) a[0]);
    if (d instanceof Descriptor.Input || d instanceof Descriptor.Output) {
      return Errno.BADF;
    }
    return Errno.NOTSUP;
  }

  int filestatGet(Guest g, long[] a) throws IOException {
    Descriptor d = ctx.fds.get((int) a[0]);
    byte[] stat =
        switch (d) {
          case Descriptor.File f -> Stat.ofOpenFile(f);
          case Descriptor.Directory dir -> Stat.of(dir.path, false);
          default -> Stat.empty(d.filetype());
        };
    g.write(a[1], stat);
    return Errno.SUCCESS;
  }

  int filestatSetSize(Guest g, long[] a) throws IOException {
    Descriptor.File f = file((int) a[0]);
    if (f.readOnlyTree) {
      return Errno.PERM;
    }
    if (!f.writable) {
      return Errno.BADF;
    }
    long size = a[1];
    if (size < 0) {
      return Errno.INVAL;
    }
    SeekableByteChannel ch = f.channel;
    long current = ch.size();
    if (size < current) {
      long pos = ch.position();
      ch.truncate(size);
      ch.position(pos);
    } else if (size > current) {
      writeAt(f, ByteBuffer.allocate(1), size - 1);
    }
    return Errno.SUCCESS;
  }

  int filestatSetTimes(Guest g, long[] a) throws IOException {
    Descriptor d = ctx.fds.get((int) a[0]);
    Path path;
    switch (d) {
      case Descriptor.File f -> {
        if (f.readOnlyTree) {
          return Errno.PERM;
        }
        path = f.path;
      }
      case Descriptor.Directory dir -> {
        if (dir.readOnly) {
          return Errno.PERM;
        }
        path = dir.path;
      }
      default -> {
        return Errno.BADF;
      }
    }
    Stat.setTimes(path, false, a[1], a[2], (int) a[3]);
    return Errno.SUCCESS;
  }

  int read(Guest g, long[] a) throws IOException {
    long[] iovs = g.iovecs(a[1], a[2]);
    long n =
        switch (ctx.fds.get((int) a[0])) {
          case Descriptor.Input in -> readStream(g, iovs, in);
          case Descriptor.File f -> {
            if (!f.readable) {
              throw new ErrnoException(Errno.BADF);
            }
            yield readFile(g, iovs, f, -1);
          }
          case Descriptor.Socket s -> SockCalls.receive(g, iovs, s, false);
          default -> throw new ErrnoException(Errno.BADF);
        };
    g.writeInt(a[3], (int) n);
    return Errno.SUCCESS;
  }

  int pread(Guest g, long[] a) throws IOException {
    long[] iovs = g.iovecs(a[1], a[2]);
    Descriptor.File f = seekable((int) a[0]);
    if (!f.readable) {
      return Errno.BADF;
    }
    if (a[3] < 0) {
      return Errno.INVAL;
    }
    g.writeInt(a[4], (int) readFile(g, iovs, f, a[3]));
    return Errno.SUCCESS;
  }

  private static long readStream(Guest g, long[] iovs, Descriptor.Input in) throws IOException {
    long total = Guest.total(iovs);
    if (total == 0) {
      return 0;
    }
    byte[] buf = new byte[(int) Math.min(total, CHUNK)];
    int n = in.in().read(buf, 0, buf.length);
    if (n <= 0) {
      return 0;
    }
    g.scatter(iovs, 0, buf, n);
    return n;
  }

  /** Reads into the iovecs until they are full or the file ends; at {@code offset} if >= 0. */
  private static long readFile(Guest g, long[] iovs, Descriptor.File f, long offset)
      throws IOException {
    long total = Guest.total(iovs);
    long done = 0;
    ByteBuffer buf = ByteBuffer.allocate((int) Math.min(total, CHUNK));
    while (done < total) {
      buf.clear();
      buf.limit((int) Math.min(buf.capacity(), total - done));
      int n = offset < 0 ? f.channel.read(buf) : readAt(f, buf, offset + done);
      if (n <= 0) {
        break;
      }
      g.scatter(iovs, done, buf.array(), n);
      done += n;
    }
    return done;
  }

  private static int readAt(Descriptor.File f, ByteBuffer buf, long position) throws IOException {
    FileChannel fc = f.fileChannel();
    if (fc != null) {
      return fc.read(buf, position);
    }
    long old = f.channel.position();
    try {
      f.channel.position(position);
      return f.channel.read(buf);
    } finally {
      f.channel.position(old);
    }
  }

  private static int writeAt(Descriptor.File f, ByteBuffer buf, long position) throws IOException {
    FileChannel fc = f.fileChannel();
    int n = 0;
    if (fc != null) {
      while (buf.hasRemaining()) {
        n += fc.write(buf, position + n);
      }
      return n;
    }
    long old = f.channel.position();
    try {
      f.channel.position(position);
      while (buf.hasRemaining()) {
        n += f.channel.write(buf);
      }
      return n;
    } finally {
      f.channel.position(old);
    }
  }

  int write(Guest g, long[] a) throws IOException {
    long[] iovs = g.iovecs(a[1], a[2]);
    long n =
        switch (ctx.fds.get((int) a[0])) {
          case Descriptor.Output out -> writeStream(g, iovs, out);
          case Descriptor.File f -> {
            if (!f.writable) {
              throw new ErrnoException(Errno.BADF);
            }
            yield writeFile(g, iovs, f, -1);
          }
          case Descriptor.Socket s -> SockCalls.transmit(g, iovs, s);
          default -> throw new ErrnoException(Errno.BADF);
        };
    g.writeInt(a[3], (int) n);
    return Errno.SUCCESS;
  }

  int pwrite(Guest g, long[] a) throws IOException {
    long[] iovs = g.iovecs(a[1], a[2]);
    Descriptor.File f = seekable((int) a[0]);
    if (!f.writable) {
      return Errno.BADF;
    }
    if (a[3] < 0) {
      return Errno.INVAL;
    }
    g.writeInt(a[4], (int) writeFile(g, iovs, f, a[3]));
    return Errno.SUCCESS;
  }

  private static long writeStream(Guest g, long[] iovs, Descriptor.Output out) throws IOException {
    long total = 0;
    for (int i = 0; i < iovs.length; i += 2) {
      for (long done = 0; done < iovs[i + 1]; ) {
        int n = (int) Math.min(CHUNK, iovs[i + 1] - done);
        out.out().write(g.read(iovs[i] + done, n));
        done += n;
      }
      total += iovs[i + 1];
    }
    out.out().flush();
    if (out.out() instanceof PrintStream ps && ps.checkError()) {
      throw new ErrnoException(Errno.IO);
    }
    return total;
  }

  private static long writeFile(Guest g, long[] iovs, Descriptor.File f, long offset)
      throws IOException {
    if (offset < 0 && f.append) {
      f.channel.position(f.channel.size());
    }
    long total = 0;
    for (int i = 0; i < iovs.length; i += 2) {
      for (long done = 0; done < iovs[i + 1]; ) {
        int n = (int) Math.min(CHUNK, iovs[i + 1] - done);
        ByteBuffer buf = ByteBuffer.wrap(g.read(iovs[i] + done, n));
        if (offset < 0) {
          while (buf.hasRemaining()) {
            f.channel.write(buf);
          }
        } else {
          writeAt(f, buf, offset + total);
        }
        done += n;
        total += n;
      }
    }
    return total;
  }

  int prestatGet(Guest g, long[] a) {
    if (ctx.fds.get((int) a[0]) instanceof Descriptor.Directory dir && dir.preopenName != null) {
      ByteBuffer b = Guest.struct(8);
      b.put(0, (byte) 0);
      b.putInt(4, utf8(dir.preopenName).length);
      g.write(a[1], b.array());
      return Errno.SUCCESS;
    }
    return Errno.BADF;
  }

  int prestatDirName(Guest g, long[] a) {
    if (ctx.fds.get((int) a[0]) instanceof Descriptor.Directory dir && dir.preopenName != null) {
      byte[] name = utf8(dir.preopenName);
      if (name.length > a[2]) {
        return Errno.NAMETOOLONG;
      }
      g.write(a[1], name);
      return Errno.SUCCESS;
    }
    return Errno.NOTDIR;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  int readdir(Guest g, long[] a) throws IOException {
    if (!(ctx.fds.get((int) a[0]) instanceof Descriptor.Directory dir)) {
      return Errno.BADF;
    }
    long buf = a[1];
    long bufLen = a[2];
    long cookie = a[3];
    g.check(buf, bufLen);
    if (cookie == 0 || dir.listing == null) {
      dir.listing = list(dir.path);
    }
    List<Descriptor.DirEntry> entries = dir.listing;
    long used = 0;
    for (long i = cookie; i >= 0 && i < entries.size() && used < bufLen; i++) {
      Descriptor.DirEntry e = entries.get((int) i);
      byte[] name = utf8(e.name());
      ByteBuffer header = Guest.struct(Wasi1.DIRENT_SIZE);
      header.putLong(0, i + 1);
      header.putLong(8, e.inode());
      header.putInt(16, name.length);
      header.put(20, (byte) e.filetype());
      int h = (int) Math.min(Wasi1.DIRENT_SIZE, bufLen - used);
      g.write(buf + used, header.array(), 0, h);
      used += h;
      int k = (int) Math.min(name.length, bufLen - used);
      g.write(buf + used, name, 0, k);
      used += k;
    }
    g.writeInt(a[4], (int) used);
    return Errno.SUCCESS;
  }

  private static List<Descriptor.DirEntry> list(Path dir) throws IOException {
    List<Descriptor.DirEntry> out = new ArrayList<>();
    long self = Stat.inode(dir, Files.readAttributes(dir, BasicFileAttributes.class));
    out.add(new Descriptor.DirEntry(".", self, Wasi1.FILETYPE_DIRECTORY));
    out.add(new Descriptor.DirEntry("..", self, Wasi1.FILETYPE_DIRECTORY));
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
      for (Path p : entries) {
        BasicFileAttributes attrs = PathResolver.attributesOrNull(p);
        if (attrs == null) {
          continue; // removed while listing
        }
        out.add(
            new Descriptor.DirEntry(
                p.getFileName().toString(), Stat.inode(p, attrs), Stat.filetype(p, attrs)));
      }
    }
    return out;
  }

  int renumber(Guest g, long[] a) throws IOException {
    int from = (int) a[0];
    int to = (int) a[1];
    Descriptor d = ctx.fds.get(from);
    ctx.fds.get(to);
    if (from == to) {
      return Errno.SUCCESS;
    }
    ctx.fds.remove(to).close();
    ctx.fds.remove(from);
    ctx.fds.put(to, d);
    return Errno.SUCCESS;
  }

  int seek(Guest g, long[] a) throws IOException {
    Descriptor.File f = seekable((int) a[0]);
    long offset = a[1];
    long position =
        switch ((int) a[2]) {
          case Wasi1.WHENCE_SET -> offset;
          case Wasi1.WHENCE_CUR -> f.channel.position() + offset;
          case Wasi1.WHENCE_END -> f.channel.size() + offset;
          default -> throw new ErrnoException(Errno.INVAL);
        };
    if (position < 0) {
      return Errno.INVAL;
    }
    f.channel.position(position);
    g.writeLong(a[3], position);
    return Errno.SUCCESS;
  }

  int tell(Guest g, long[] a) throws IOException {
    Descriptor.File f = seekable((int) a[0]);
    g.writeLong(a[1], f.channel.position());
    return Errno.SUCCESS;
  }
}
