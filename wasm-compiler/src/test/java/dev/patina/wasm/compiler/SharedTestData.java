package dev.patina.wasm.compiler;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds test data from outside the project, kept in {@code ../shared/} beside the repository (it is
 * there in CI, and may be absent in a user's clone).
 */
final class SharedTestData {
  private SharedTestData() {}

  /** The folder {@code shared/<relative>} next to the repository, if present. */
  static Optional<Path> find(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve(relative);
      if (Files.isDirectory(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
