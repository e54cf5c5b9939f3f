package dev.patina.wasm.wasi.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Resolves a guest path inside a directory capability, one component at a time, the way cap-std
 * does for wasmtime: the host file system is asked only about names inside the directory, {@code
 * ..} never climbs above it, and symbolic links are read and expanded here (never by the host), so
 * that neither an absolute path, nor {@code ..}, nor a link pointing outside can reach anything
 * outside. Every such attempt fails with {@link Errno#PERM}, as in wasmtime.
 *
 * <p>Works on any {@link java.nio.file.FileSystem}: the directory's {@link Path} decides which.
 */
public final class PathResolver {
  /** The most symbolic links one resolution follows (Linux's limit); more is {@link Errno#LOOP}. */
  public static final int MAX_SYMLINKS = 40;

  private PathResolver() {}

  /**
   * A resolved path: the host path (inside the base), the attributes of what it names (null if it
   * does not exist; those of the link itself if the last component is a link not followed), and
   * whether the guest path ended with a slash.
   */
  public record Resolved(Path path, BasicFileAttributes attributes, boolean trailingSlash) {
    public boolean exists() {
      return attributes != null;
    }

    public boolean isDirectory() {
      return attributes != null && attributes.isDirectory();
    }

    public boolean isSymbolicLink() {
      return attributes != null && attributes.isSymbolicLink();
    }

    /** True if the path names the base directory itself ("", ".", "a/.."). */
    public boolean isBase(Path base) {
      return path.equals(base);
    }
  }

  /**
   * Resolves {@code guestPath} relative to {@code base}.
   *
   * @param followLast whether a symbolic link as the last component is followed
   * @throws ErrnoException {@code NOENT} for a missing directory on the way (or an empty path),
   *     {@code NOTDIR} for a file used as a directory, {@code PERM} for an escape, {@code LOOP} for
   *     too many links, {@code INVAL} for a NUL byte
   */
  public static Resolved resolve(Path base, String guestPath, boolean followLast)
      throws IOException {
    if (guestPath.isEmpty()) {
      throw new ErrnoException(Errno.NOENT);
    }
    if (guestPath.indexOf('\0') >= 0) {
      throw new ErrnoException(Errno.INVAL);
    }
    if (guestPath.startsWith("/")) {
      throw new ErrnoException(Errno.PERM);
    }
    boolean trailingSlash = guestPath.endsWith("/");
    Deque<String> todo = new ArrayDeque<>();
    split(guestPath, todo, false);
    List<String> names = new ArrayList<>();
    Path current = base;
    BasicFileAttributes currentAttributes = null; // null: not read yet (base or after "..")
    boolean currentMissing = false;
    int links = 0;
    while (!todo.isEmpty()) {
      String name = todo.pollFirst();
      boolean last = todo.isEmpty();
      if (name.isEmpty() || name.equals(".")) {
        continue;
      }
      if (currentMissing) {
        throw new ErrnoException(Errno.NOENT);
      }
      if (name.equals("..")) {
        if (names.isEmpty()) {
          throw new ErrnoException(Errno.PERM);
        }
        names.removeLast();
        current = current.getParent();
        currentAttributes = null;
        continue;
      }
      if (name.indexOf('/') >= 0) {
        throw new ErrnoException(Errno.INVAL);
      }
      Path next = current.resolve(name);
      BasicFileAttributes attributes = attributesOrNull(next);
      if (attributes == null) {
        if (last) {
          names.add(name);
          current = next;
          currentMissing = true;
          continue;
        }
        // A missing name followed only by "." or "" (e.g. "new/") is the last one too.
        if (onlyDots(todo)) {
          names.add(name);
          current = next;
          currentMissing = true;
          continue;
        }
        throw new ErrnoException(Errno.NOENT);
      }
      if (attributes.isSymbolicLink() && (!last || followLast)) {
        if (++links > MAX_SYMLINKS) {
          throw new ErrnoException(Errno.LOOP);
        }
        String target = Files.readSymbolicLink(next).toString();
        if (target.isEmpty()) {
          throw new ErrnoException(Errno.NOENT);
        }
        if (target.startsWith("/")) {
          throw new ErrnoException(Errno.PERM);
        }
        split(target, todo, true);
        continue;
      }
      if (!last && !attributes.isDirectory()) {
        throw new ErrnoException(Errno.NOTDIR);
      }
      names.add(name);
      current = next;
      currentAttributes = attributes;
    }
    if (currentMissing) {
      return new Resolved(current, null, trailingSlash);
    }
    if (currentAttributes == null) {
      currentAttributes = attributesOrNull(current);
      if (currentAttributes == null) {
        throw new ErrnoException(Errno.NOENT);
      }
    }
    if (trailingSlash && !currentAttributes.isDirectory()) {
      throw new ErrnoException(Errno.NOTDIR);
    }
    return new Resolved(current, currentAttributes, trailingSlash);
  }

  /** The attributes of {@code path} itself (not following a link), or null if it is absent. */
  public static BasicFileAttributes attributesOrNull(Path path) throws IOException {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static boolean onlyDots(Deque<String> todo) {
    for (String s : todo) {
      if (!s.isEmpty() && !s.equals(".")) {
        return false;
      }
    }
    return true;
  }

  /** Splits on '/' into {@code todo}, at its front if {@code front}, keeping a trailing "". */
  private static void split(String path, Deque<String> todo, boolean front) {
    String[] parts = path.split("/", -1);
    if (front) {
      for (int i = parts.length - 1; i >= 0; i--) {
        todo.addFirst(parts[i]);
      }
    } else {
      for (String p : parts) {
        todo.addLast(p);
      }
    }
  }
}
