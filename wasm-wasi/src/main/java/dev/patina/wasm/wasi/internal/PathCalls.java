package dev.patina.wasm.wasi.internal;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;

/**
 * The {@code path_*} calls. Every path is resolved by {@link PathResolver} inside the directory
 * descriptor it is relative to; a write under a read-only preopen fails with {@link Errno#PERM}, as
 * in wasmtime.
 */
final class PathCalls {
  private final WasiContext ctx;

  PathCalls(WasiContext ctx) {
    this.ctx = ctx;
  }

  /** The directory descriptor {@code fd}: {@link Errno#BADF} for anything else, as wasmtime. */
  private Descriptor.Directory dir(long fd) {
    if (ctx.fds.get((int) fd) instanceof Descriptor.Directory d) {
      return d;
    }
    throw new ErrnoException(Errno.BADF);
  }

  private static void writable(Descriptor.Directory d) {
    if (d.readOnly) {
      throw new ErrnoException(Errno.PERM);
    }
  }

  int createDirectory(Guest g, long[] a) throws IOException {
    Descriptor.Directory d = dir(a[0]);
    String path = g.string(a[1], a[2]);
    writable(d);
    PathResolver.Resolved r = PathResolver.resolve(d.path, path, false);
    if (r.exists()) {
      return Errno.EXIST;
    }
    Files.createDirectory(r.path());
    return Errno.SUCCESS;
  }

  int filestatGet(Guest g, long[] a) throws IOException {
    Descriptor.Directory d = dir(a[0]);
    boolean follow = (a[1] & Wasi1.LOOKUP_SYMLINK_FOLLOW) != 0;
    String path = g.string(a[2], a[3]);
    PathResolver.Resolved r = PathResolver.resolve(d.path, path, follow);
    if (!r.exists()) {
      return Errno.NOENT;
    }
    g.write(a[4], Stat.of(r.path(), false));
    return Errno.SUCCESS;
  }

  int filestatSetTimes(Guest g, long[] a) throws IOException {
    Descriptor.Directory d = dir(a[0]);
    boolean follow = (a[1] & Wasi1.LOOKUP_SYMLINK_FOLLOW) != 0;
    String path = g.string(a[2], a[3]);
    writable(d);
    PathResolver.Resolved r = PathResolver.resolve(d.path, path, follow);
    if (!r.exists()) {
      return Errno.NOENT;
    }
    Stat.setTimes(r.path(), false, a[4], a[5], (int) a[6]);
    return Errno.SUCCESS;
  }

  int link(Guest g, long[] a) throws IOException {
    Descriptor.Directory from = dir(a[0]);
    Descriptor.Directory to = dir(a[4]);
    String oldPath = g.string(a[2], a[3]);
    String newPath = g.string(a[5], a[6]);
    writable(from);
    writable(to);
    if ((a[1] & Wasi1.LOOKUP_SYMLINK_FOLLOW) != 0) {
      return Errno.INVAL;
    }
    PathResolver.Resolved source = PathResolver.resolve(from.path, oldPath, false);
    if (!source.exists()) {
      return Errno.NOENT;
    }
    if (source.isDirectory()) {
      return Errno.PERM;
    }
    PathResolver.Resolved target = PathResolver.resolve(to.path, newPath, false);
    if (target.exists()) {
      return Errno.EXIST;
    }
    if (target.trailingSlash()) {
      return Errno.NOENT;
    }
    Files.createLink(target.path(), source.path());
    return Errno.SUCCESS;
  }

  int open(Guest g, long[] a) throws IOException {
    Descriptor base =
        switch (ctx.fds.get((int) a[0])) {
          case Descriptor.Directory d -> d;
          case Descriptor.File f -> throw new ErrnoException(Errno.NOTDIR);
          default -> throw new ErrnoException(Errno.BADF);
        };
    Descriptor.Directory d = (Descriptor.Directory) base;
    boolean follow = (a[1] & Wasi1.LOOKUP_SYMLINK_FOLLOW) != 0;
    String path = g.string(a[2], a[3]);
    int oflags = (int) a[4];
    long rights = a[5];
    int fdflags = (int) a[7];
    long resultPtr = a[8];
    g.check(resultPtr, 4);

    boolean create = (oflags & Wasi1.OFLAGS_CREAT) != 0;
    boolean directory = (oflags & Wasi1.OFLAGS_DIRECTORY) != 0;
    boolean exclusive = (oflags & Wasi1.OFLAGS_EXCL) != 0;
    boolean truncate = (oflags & Wasi1.OFLAGS_TRUNC) != 0;
    boolean write = (rights & Wasi1.RIGHT_FD_WRITE) != 0 || create || truncate;
    boolean read = (rights & Wasi1.RIGHT_FD_READ) != 0 || (rights & Wasi1.RIGHT_FD_WRITE) == 0;
    if ((fdflags & (Wasi1.FDFLAGS_DSYNC | Wasi1.FDFLAGS_RSYNC | Wasi1.FDFLAGS_SYNC)) != 0) {
      return Errno.NOTSUP;
    }
    if (directory && (create || exclusive || truncate)) {
      return Errno.INVAL;
    }
    if (d.readOnly && write) {
      return Errno.PERM;
    }
    PathResolver.Resolved r = PathResolver.resolve(d.path, path, follow);
    Descriptor opened;
    if (!r.exists()) {
      if (!create) {
        return Errno.NOENT;
      }
      if (r.trailingSlash()) {
        return Errno.ISDIR;
      }
      opened = openFile(r.path(), true, exclusive, false, read, true, d.readOnly, fdflags);
    } else if (create && exclusive) {
      return Errno.EXIST;
    } else if (r.isSymbolicLink()) {
      return Errno.LOOP;
    } else if (r.isDirectory()) {
      if ((rights & Wasi1.RIGHT_FD_WRITE) != 0 || truncate) {
        return Errno.ISDIR;
      }
      opened = new Descriptor.Directory(r.path(), null, d.readOnly);
    } else if (directory) {
      return Errno.NOTDIR;
    } else {
      opened = openFile(r.path(), false, false, truncate, read, write, d.readOnly, fdflags);
    }
    try {
      g.writeInt(resultPtr, ctx.fds.add(opened));
    } catch (ErrnoException e) {
      opened.close();
      throw e;
    }
    return Errno.SUCCESS;
  }

  private static Descriptor.File openFile(
      Path path,
      boolean create,
      boolean exclusive,
      boolean truncate,
      boolean read,
      boolean write,
      boolean readOnlyTree,
      int fdflags)
      throws IOException {
    Set<OpenOption> options = new HashSet<>();
    options.add(LinkOption.NOFOLLOW_LINKS);
    if (read) {
      options.add(StandardOpenOption.READ);
    }
    if (write) {
      options.add(StandardOpenOption.WRITE);
    }
    if (create) {
      options.add(exclusive ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
    }
    if (truncate) {
      options.add(StandardOpenOption.TRUNCATE_EXISTING);
    }
    SeekableByteChannel channel;
    try {
      channel = FileChannel.open(path, options);
    } catch (UnsupportedOperationException e) {
      channel = Files.newByteChannel(path, options);
    }
    return new Descriptor.File(path, channel, read, write, readOnlyTree, fdflags);
  }

  int readlink(Guest g, long[] a) throws IOException {
    Descriptor.Directory d = dir(a[0]);
    String path = g.string(a[1], a[2]);
    long buf = a[3];
    long bufLen = a[4];
    PathResolver.Resolved r = PathResolver.resolve(d.path, path, false);
    if (!r.exists()) {
      return Errno.NOENT;
    }
    if (!r.isSymbolicLink()) {
      return Errno.INVAL;
    }
    byte[] target = Files.readSymbolicLink(r.path()).toString().getBytes(StandardCharsets.UTF_8);
    int n = (int) Math.min(target.length, bufLen);
    g.check(buf, bufLen);
    g.write(buf, target, 0, n);
    g.writeInt(a[5], n);
    return Errno.SUCCESS;
  }

  int removeDirectory(Guest g, long[] a) throws IOException {
    Descriptor.Directory d = dir(a[0]);
    String path = g.string(a[1], a[2]);
    writable(d);
    PathResolver.Resolved r = PathResolver.resolve(d.path, path, false);
    if (!r.exists()) {
      return Errno.NOENT;
    }
    if (!r.isDirectory()) {
      return Errno.NOTDIR;
    }
    if (r.isBase(d.path)) {
      return Errno.INVAL;
    }
    Files.delete(r.path());
    return Errno.SUCCESS;
  }

  int rename(Guest g, long[] a) throws IOException {
    Descriptor.Directory from = dir(a[0]);
    Descriptor.Directory to = dir(a[3]);
    String oldPath = g.string(a[1], a[2]);
    String newPath = g.string(a[4], a[5]);
    writable(from);
    writable(to);
    PathResolver.Resolved source = PathResolver.resolve(from.path, oldPath, false);
    if (!source.exists()) {
      return Errno.NOENT;
    }
    if (source.isBase(from.path)) {
      return Errno.BUSY;
    }
    PathResolver.Resolved target = PathResolver.resolve(to.path, newPath, false);
    if (target.isBase(to.path)) {
      return Errno.BUSY;
    }
    if (source.trailingSlash() && !source.isDirectory()
        || target.trailingSlash() && !source.isDirectory()) {
      return Errno.NOTDIR;
    }
    if (target.exists()) {
      if (source.isDirectory() && !target.isDirectory()) {
        return Errno.NOTDIR;
      }
      if (!source.isDirectory() && target.isDirectory()) {
        return Errno.ISDIR;
      }
      if (source.path().equals(target.path())) {
        return Errno.SUCCESS;
      }
    }
    if (source.isDirectory() && target.path().startsWith(source.path())) {
      return Errno.INVAL;
    }
    try {
      Files.move(source.path(), target.path(), StandardCopyOption.ATOMIC_MOVE);
    } catch (java.nio.file.AtomicMoveNotSupportedException e) {
      Files.move(source.path(), target.path(), StandardCopyOption.REPLACE_EXISTING);
    }
    return Errno.SUCCESS;
  }

  int symlink(Guest g, long[] a) throws IOException {
    String target = g.string(a[0], a[1]);
    Descriptor.Directory d = dir(a[2]);
    String path = g.string(a[3], a[4]);
    writable(d);
    if (target.startsWith("/")) {
      return Errno.PERM;
    }
    if (target.indexOf('\0') >= 0) {
      return Errno.INVAL;
    }
    PathResolver.Resolved r = PathResolver.resolve(d.path, path, false);
    if (r.exists()) {
      return Errno.EXIST;
    }
    if (r.trailingSlash()) {
      return Errno.NOENT;
    }
    Files.createSymbolicLink(r.path(), r.path().getFileSystem().getPath(target));
    return Errno.SUCCESS;
  }

  int unlinkFile(Guest g, long[] a) throws IOException {
    Descriptor.Directory d = dir(a[0]);
    String path = g.string(a[1], a[2]);
    writable(d);
    PathResolver.Resolved r = PathResolver.resolve(d.path, path, false);
    if (!r.exists()) {
      return Errno.NOENT;
    }
    if (r.isDirectory()) {
      return Errno.ISDIR;
    }
    Files.delete(r.path());
    return Errno.SUCCESS;
  }
}
