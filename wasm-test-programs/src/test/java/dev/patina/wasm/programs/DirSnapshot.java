package dev.patina.wasm.programs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What a directory holds: each path (relative, '/'-separated) with its kind and content — a file's
 * bytes (as size and SHA-256), a symlink's target, or "dir". Two snapshots are equal when the trees
 * hold the same names with the same contents.
 */
record DirSnapshot(Map<String, String> entries) {
  static DirSnapshot of(Path root) {
    Map<String, String> entries = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : (Iterable<Path>) walk::iterator) {
        if (p.equals(root)) {
          continue;
        }
        String rel = root.relativize(p).toString().replace('\\', '/');
        if (Files.isSymbolicLink(p)) {
          entries.put(rel, "symlink -> " + Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          entries.put(rel, "dir");
        } else {
          byte[] data = Files.readAllBytes(p);
          entries.put(rel, "file " + data.length + " bytes sha256 " + sha256(data));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new DirSnapshot(entries);
  }

  /** One line per entry, for assertion messages. */
  String describe() {
    StringBuilder sb = new StringBuilder();
    entries.forEach((k, v) -> sb.append("  ").append(k).append(": ").append(v).append('\n'));
    return sb.isEmpty() ? "  (empty)\n" : sb.toString();
  }

  static String sha256(byte[] data) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes a tree without following symlinks (some point outside on purpose). */
  static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Files.walkFileTree(
        root,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            if (exc != null) {
              throw exc;
            }
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }
}
