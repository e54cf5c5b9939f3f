package dev.patina.stream.slt;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Finds RisingWave's streaming scripts at ../shared/stream-slt/. */
final class SltFiles {
  private SltFiles() {}

  /** The directory ({@code shared/stream-slt} beside the repository), or null where absent. */
  static Path dir() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared/stream-slt");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  static List<Path> all(Path dir) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(p -> p.toString().endsWith(".slt")).sorted().toList();
    }
  }
}
