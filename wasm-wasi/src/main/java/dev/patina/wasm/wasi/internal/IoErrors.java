package dev.patina.wasm.wasi.internal;

import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.nio.file.ProviderMismatchException;
import java.util.Locale;

/** Maps Java's I/O exceptions to WASI errnos, the way the POSIX errno behind them would map. */
public final class IoErrors {
  private IoErrors() {}

  public static int errno(Throwable e) {
    return switch (e) {
      case ErrnoException x -> x.errno();
      case NoSuchFileException x -> Errno.NOENT;
      case FileAlreadyExistsException x -> Errno.EXIST;
      case DirectoryNotEmptyException x -> Errno.NOTEMPTY;
      case NotDirectoryException x -> Errno.NOTDIR;
      case NotLinkException x -> Errno.INVAL;
      case FileSystemLoopException x -> Errno.LOOP;
      case AtomicMoveNotSupportedException x -> Errno.XDEV;
      case AccessDeniedException x -> byReason(x.getReason(), Errno.ACCES);
      case FileSystemException x -> byReason(x.getReason(), Errno.IO);
      case AsynchronousCloseException x -> Errno.INTR;
      case ClosedChannelException x -> Errno.BADF;
      case NonReadableChannelException x -> Errno.BADF;
      case NonWritableChannelException x -> Errno.BADF;
      case InvalidPathException x -> Errno.INVAL;
      case ProviderMismatchException x -> Errno.XDEV;
      case UnsupportedOperationException x -> Errno.NOTSUP;
      case SecurityException x -> Errno.PERM;
      case BindException x -> Errno.ADDRINUSE;
      case ConnectException x -> Errno.CONNREFUSED;
      case SocketTimeoutException x -> Errno.TIMEDOUT;
      case SocketException x -> byReason(x.getMessage(), Errno.IO);
      case IOException x -> byReason(x.getMessage(), Errno.IO);
      default -> Errno.IO;
    };
  }

  /** The JDK puts strerror()'s text in the reason; recover the errno from it. */
  private static int byReason(String reason, int fallback) {
    if (reason == null) {
      return fallback;
    }
    String r = reason.toLowerCase(Locale.ROOT);
    if (r.contains("is a directory")) return Errno.ISDIR;
    if (r.contains("not a directory")) return Errno.NOTDIR;
    if (r.contains("directory not empty")) return Errno.NOTEMPTY;
    if (r.contains("file exists")) return Errno.EXIST;
    if (r.contains("no such file")) return Errno.NOENT;
    if (r.contains("read-only file system")) return Errno.ROFS;
    if (r.contains("no space left")) return Errno.NOSPC;
    if (r.contains("disk quota")) return Errno.DQUOT;
    if (r.contains("file name too long")) return Errno.NAMETOOLONG;
    if (r.contains("too many levels of symbolic links")) return Errno.LOOP;
    if (r.contains("operation not permitted")) return Errno.PERM;
    if (r.contains("permission denied")) return Errno.ACCES;
    if (r.contains("invalid cross-device link")) return Errno.XDEV;
    if (r.contains("invalid argument")) return Errno.INVAL;
    if (r.contains("too many open files")) return Errno.MFILE;
    if (r.contains("file too large")) return Errno.FBIG;
    if (r.contains("too many links")) return Errno.MLINK;
    if (r.contains("text file busy")) return Errno.TXTBSY;
    if (r.contains("device or resource busy")) return Errno.BUSY;
    if (r.contains("broken pipe")) return Errno.PIPE;
    if (r.contains("connection reset")) return Errno.CONNRESET;
    if (r.contains("connection refused")) return Errno.CONNREFUSED;
    if (r.contains("not connected")) return Errno.NOTCONN;
    if (r.contains("address already in use")) return Errno.ADDRINUSE;
    if (r.contains("resource temporarily unavailable")) return Errno.AGAIN;
    if (r.contains("interrupted")) return Errno.INTR;
    if (r.contains("no such device")) return Errno.NXIO;
    if (r.contains("illegal seek")) return Errno.SPIPE;
    return fallback;
  }
}
