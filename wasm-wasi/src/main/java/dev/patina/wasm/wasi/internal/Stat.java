package dev.patina.wasm.wasi.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;

/** WASI {@code filestat} structures from host file attributes, and setting file times. */
final class Stat {
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};
  private static final LinkOption[] FOLLOW = {};

  private Stat() {}

  /** The filestat of {@code path} (of a link itself unless {@code follow}). */
  static byte[] of(Path path, boolean follow) throws IOException {
    LinkOption[] options = follow ? FOLLOW : NOFOLLOW;
    BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class, options);
    Map<String, Object> unix = unix(path, options);
    long dev = unix == null ? 0 : ((Number) unix.get("dev")).longValue();
    long ino = unix == null ? inode(path, attrs) : ((Number) unix.get("ino")).longValue();
    long nlink = unix == null ? 1 : ((Number) unix.get("nlink")).longValue();
    FileTime ctime = unix == null ? attrs.lastModifiedTime() : (FileTime) unix.get("ctime");
    return encode(
        dev,
        ino,
        filetype(attrs, unix),
        nlink,
        attrs.size(),
        nanos(attrs.lastAccessTime()),
        nanos(attrs.lastModifiedTime()),
        nanos(ctime));
  }

  /** The filestat of an open file; still answers once the file's name is gone. */
  static byte[] ofOpenFile(Descriptor.File f) throws IOException {
    try {
      return of(f.path, false);
    } catch (NoSuchFileException e) {
      return encode(0, 0, Wasi1.FILETYPE_REGULAR_FILE, 0, f.channel.size(), 0, 0, 0);
    }
  }

  /** A filestat with only a file type (stdio, sockets). */
  static byte[] empty(int filetype) {
    return encode(0, 0, filetype, 0, 0, 0, 0, 0);
  }

  private static byte[] encode(
      long dev, long ino, int type, long nlink, long size, long atim, long mtim, long ctim) {
    ByteBuffer b = Guest.struct(Wasi1.FILESTAT_SIZE);
    b.putLong(0, dev);
    b.putLong(8, ino);
    b.put(16, (byte) type);
    b.putLong(24, nlink);
    b.putLong(32, size);
    b.putLong(40, atim);
    b.putLong(48, mtim);
    b.putLong(56, ctim);
    return b.array();
  }

  private static Map<String, Object> unix(Path path, LinkOption[] options) {
    if (!path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
      return null;
    }
    try {
      return Files.readAttributes(path, "unix:dev,ino,nlink,ctime,mode", options);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  static long inode(Path path, BasicFileAttributes attrs) {
    if (path.getFileSystem().supportedFileAttributeViews().contains("unix")) {
      try {
        Object ino = Files.getAttribute(path, "unix:ino", NOFOLLOW);
        if (ino instanceof Number n) {
          return n.longValue();
        }
      } catch (IOException | RuntimeException e) {
        // fall through to the file key
      }
    }
    Object key = attrs.fileKey();
    return key != null ? key.hashCode() & 0xFFFFFFFFL : path.hashCode() & 0xFFFFFFFFL;
  }

  static int filetype(Path path, BasicFileAttributes attrs) {
    if (attrs.isOther()) {
      return filetype(attrs, unix(path, NOFOLLOW));
    }
    return filetype(attrs, null);
  }

  private static int filetype(BasicFileAttributes attrs, Map<String, Object> unix) {
    if (attrs.isSymbolicLink()) {
      return Wasi1.FILETYPE_SYMBOLIC_LINK;
    }
    if (attrs.isDirectory()) {
      return Wasi1.FILETYPE_DIRECTORY;
    }
    if (attrs.isRegularFile()) {
      return Wasi1.FILETYPE_REGULAR_FILE;
    }
    if (unix != null && unix.get("mode") instanceof Integer mode) {
      return switch (mode & 0170000) {
        case 0020000 -> Wasi1.FILETYPE_CHARACTER_DEVICE;
        case 0060000 -> Wasi1.FILETYPE_BLOCK_DEVICE;
        case 0140000 -> Wasi1.FILETYPE_SOCKET_STREAM;
        default -> Wasi1.FILETYPE_UNKNOWN;
      };
    }
    return Wasi1.FILETYPE_UNKNOWN;
  }

  static long nanos(FileTime t) {
    Instant i = t.toInstant();
    try {
      return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
    } catch (ArithmeticException e) {
      return i.getEpochSecond() < 0 ? 0 : -1L;
    }
  }

  /** Sets access and modification times as fd/path_filestat_set_times ask. */
  static void setTimes(Path path, boolean follow, long atim, long mtim, int fstFlags)
      throws IOException {
    if ((fstFlags & Wasi1.FST_ATIM) != 0 && (fstFlags & Wasi1.FST_ATIM_NOW) != 0
        || (fstFlags & Wasi1.FST_MTIM) != 0 && (fstFlags & Wasi1.FST_MTIM_NOW) != 0
        || (fstFlags & ~0xF) != 0) {
      throw new ErrnoException(Errno.INVAL);
    }
    FileTime now = FileTime.from(Instant.now());
    FileTime access = time(fstFlags, Wasi1.FST_ATIM, Wasi1.FST_ATIM_NOW, atim, now);
    FileTime modified = time(fstFlags, Wasi1.FST_MTIM, Wasi1.FST_MTIM_NOW, mtim, now);
    if (access == null && modified == null) {
      return;
    }
    Files.getFileAttributeView(path, BasicFileAttributeView.class, follow ? FOLLOW : NOFOLLOW)
        .setTimes(modified, access, null);
  }

  private static FileTime time(int flags, int set, int setNow, long value, FileTime now) {
    if ((flags & setNow) != 0) {
      return now;
    }
    if ((flags & set) != 0) {
      return FileTime.from(
          Instant.ofEpochSecond(
              Long.divideUnsigned(value, 1_000_000_000L),
              Long.remainderUnsigned(value, 1_000_000_000L)));
    }
    return null;
  }
}
