package dev.patina.wasm.wasi.internal;

import java.util.ArrayList;
import java.util.List;

/** The guest's file descriptors: new descriptors take the lowest free number, as POSIX does. */
public final class FdTable {
  /** The most descriptors open at once; more is {@link Errno#MFILE}. */
  public static final int MAX_FDS = 1 << 16;

  private final List<Descriptor> fds = new ArrayList<>();

  /** Adds {@code d} at the lowest free number and returns that number. */
  public int add(Descriptor d) {
    for (int i = 0; i < fds.size(); i++) {
      if (fds.get(i) == null) {
        fds.set(i, d);
        return i;
      }
    }
    if (fds.size() >= MAX_FDS) {
      throw new ErrnoException(Errno.MFILE);
    }
    fds.add(d);
    return fds.size() - 1;
  }

  /** The descriptor {@code fd}; {@link Errno#BADF} if none. */
  public Descriptor get(int fd) {
    Descriptor d = fd >= 0 && fd < fds.size() ? fds.get(fd) : null;
    if (d == null) {
      throw new ErrnoException(Errno.BADF);
    }
    return d;
  }

  /** Removes and returns {@code fd}; {@link Errno#BADF} if none. */
  public Descriptor remove(int fd) {
    Descriptor d = get(fd);
    fds.set(fd, null);
    while (!fds.isEmpty() && fds.getLast() == null) {
      fds.removeLast();
    }
    return d;
  }

  /** Places {@code d} at {@code fd}, which must be free. */
  public void put(int fd, Descriptor d) {
    while (fds.size() <= fd) {
      fds.add(null);
    }
    fds.set(fd, d);
  }

  /** Every open descriptor, for closing them all. */
  public List<Descriptor> all() {
    List<Descriptor> out = new ArrayList<>();
    for (Descriptor d : fds) {
      if (d != null) {
        out.add(d);
      }
    }
    return out;
  }
}
