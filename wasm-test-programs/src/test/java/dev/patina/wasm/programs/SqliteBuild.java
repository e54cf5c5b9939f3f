package dev.patina.wasm.programs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * SQLite for the tests: the amalgamation from the npm package {@code better-sqlite3@12} ({@code
 * deps/sqlite3/}), fetched once with {@code npm pack} into a cache outside the repository, and
 * compiled together with src/sqlite/sqlite_driver.c twice: to wasm32-wasi with clang (14) and
 * natively with gcc (both in parallel, kept in target/sqlite/ and in the cache beside the npm
 * tarball, keyed by their inputs, compilers and flags).
 */
final class SqliteBuild {
  private SqliteBuild() {}

  static final String PACKAGE = "better-sqlite3@12";
  static final Path DRIVER = Toolchain.MODULE.resolve("src/sqlite/sqlite_driver.c");
  static final Path DIR = Toolchain.TARGET.resolve("sqlite");
  static final Path WASM = DIR.resolve("sqlite.wasm");
  static final Path NATIVE = DIR.resolve("sqlite-native");

  /** The same options for both builds, so that both write the same database file. */
  static final List<String> DEFINES =
      List.of(
          "-DSQLITE_OMIT_LOAD_EXTENSION",
          "-DSQLITE_THREADSAFE=0",
          "-DSQLITE_DEFAULT_MEMSTATUS=0",
          "-DSQLITE_DQS=0");

  private static Optional<String> failure;

  /** Builds (or reuses) both programs; skips the calling test when a tool is missing. */
  static synchronized void require() {
    Toolchain.requireNpm();
    Toolchain.requireGcc();
    String cc = Toolchain.requireWasiClang();
    if (failure == null) {
      failure = build(cc);
      failure.ifPresent(reason -> System.out.println("[skipped] " + reason));
    }
    assumeTrue(failure.isEmpty(), () -> failure.orElseThrow());
  }

  /** The cache for downloaded packages: $PATINA_CACHE, else $XDG_CACHE_HOME/patina, ~/.cache. */
  static Path cache() {
    String explicit = System.getenv("PATINA_CACHE");
    if (explicit != null && !explicit.isEmpty()) {
      return Path.of(explicit);
    }
    String xdg = System.getenv("XDG_CACHE_HOME");
    Path base =
        xdg != null && !xdg.isEmpty()
            ? Path.of(xdg)
            : Path.of(System.getProperty("user.home"), ".cache");
    return base.resolve("patina");
  }

  /** Empty when both builds exist, else the reason they could not be made. */
  private static Optional<String> build(String cc) {
    try {
      Path tarball = tarball();
      if (tarball == null) {
        return Optional.of("npm pack " + PACKAGE + " failed (no registry?)");
      }
      Path src = DIR.resolve("src");
      Path amalgamation = src.resolve("package/deps/sqlite3/sqlite3.c");
      Path stamp = src.resolve("from.txt");
      String from = tarball.getFileName().toString();
      if (!Files.isRegularFile(amalgamation)
          || !Files.exists(stamp)
          || !Files.readString(stamp).equals(from)) {
        DirSnapshot.deleteTree(src);
        Files.createDirectories(src);
        Exec.Result r =
            Exec.run(
                List.of(
                    "tar",
                    "-xzf",
                    tarball.toString(),
                    "-C",
                    src.toString(),
                    "package/deps/sqlite3/sqlite3.c",
                    "package/deps/sqlite3/sqlite3.h"),
                src);
        if (r.status() != 0) {
          return Optional.of("cannot unpack " + tarball + ": " + r.err());
        }
        Files.writeString(stamp, from);
      }
      Path include = amalgamation.getParent();
      List<Path> inputs = List.of(amalgamation, DRIVER);

      List<String> wasmCmd =
          new ArrayList<>(List.of(cc, "--target=wasm32-wasi", "--sysroot=/usr", "-O2"));
      wasmCmd.addAll(DEFINES);
      wasmCmd.addAll(
          List.of(
              "-Wl,--strip-debug",
              "-I" + include,
              amalgamation.toString(),
              DRIVER.toString(),
              "-o",
              WASM.toString()));
      List<String> nativeCmd = new ArrayList<>(List.of("gcc", "-O2"));
      nativeCmd.addAll(DEFINES);
      nativeCmd.addAll(
          List.of(
              "-I" + include,
              amalgamation.toString(),
              DRIVER.toString(),
              "-o",
              NATIVE.toString(),
              "-lm"));

      // A cache of builds beside the npm cache, keyed by everything that goes into them: a
      // machine that already built this exact SQLite (CI after a developer's run) skips the
      // two compilations, which are the longest step of the suite.
      String key =
          DirSnapshot.sha256(
                  String.join(
                          "\n",
                          from,
                          DirSnapshot.sha256(Files.readAllBytes(amalgamation)),
                          DirSnapshot.sha256(Files.readAllBytes(DRIVER)),
                          String.join(" ", wasmCmd),
                          String.join(" ", nativeCmd),
                          firstLine(List.of(cc, "--version")),
                          firstLine(List.of("gcc", "--version")))
                      .getBytes(StandardCharsets.UTF_8))
              .substring(0, 16);
      Path cached = cache().resolve("sqlite-builds").resolve(key);
      if (!Programs.upToDate(WASM, inputs) || !Programs.upToDate(NATIVE, inputs)) {
        if (Files.isRegularFile(cached.resolve("sqlite.wasm"))
            && Files.isRegularFile(cached.resolve("sqlite-native"))) {
          Files.copy(cached.resolve("sqlite.wasm"), WASM, StandardCopyOption.REPLACE_EXISTING);
          Files.copy(
              cached.resolve("sqlite-native"),
              NATIVE,
              StandardCopyOption.REPLACE_EXISTING,
              StandardCopyOption.COPY_ATTRIBUTES);
          System.out.println("[sqlite] reusing the builds cached in " + cached);
          return Optional.empty();
        }
      }

      long start = System.nanoTime();
      CompletableFuture<Optional<String>> wasm =
          CompletableFuture.supplyAsync(() -> compile(wasmCmd, WASM, inputs));
      CompletableFuture<Optional<String>> nat =
          CompletableFuture.supplyAsync(() -> compile(nativeCmd, NATIVE, inputs));
      Optional<String> w = wasm.join();
      Optional<String> n = nat.join();
      long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
      if (seconds > 1) {
        System.out.println("[sqlite] compiled to wasm32-wasi and natively in " + seconds + " s");
      }
      if (w.isPresent()) {
        throw new AssertionError(w.get());
      }
      if (n.isPresent()) {
        throw new AssertionError(n.get());
      }
      Files.createDirectories(cached);
      Files.copy(WASM, cached.resolve("sqlite.wasm"), StandardCopyOption.REPLACE_EXISTING);
      Files.copy(
          NATIVE,
          cached.resolve("sqlite-native"),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.COPY_ATTRIBUTES);
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String firstLine(List<String> cmd) {
    return Exec.run(cmd, DIR).out().lines().findFirst().orElse("");
  }

  private static Optional<String> compile(List<String> cmd, Path out, List<Path> inputs) {
    if (Programs.upToDate(out, inputs)) {
      return Optional.empty();
    }
    Exec.Result r = Exec.run(Exec.Spec.of(cmd, DIR).withTimeout(Duration.ofMinutes(8)));
    return r.status() == 0
        ? Optional.empty()
        : Optional.of("compiling SQLite failed: " + cmd + "\n" + r.err());
  }

  /** The cached npm tarball, fetched with npm pack on first use; null if npm cannot get it. */
  static Path tarball() throws IOException {
    Path dir = cache().resolve("npm");
    Path found = cached(dir);
    if (found != null) {
      return found;
    }
    Files.createDirectories(dir);
    System.out.println("[sqlite] npm pack " + PACKAGE + " into " + dir);
    Exec.Result r =
        Exec.run(
            Exec.Spec.of(
                    List.of(
                        "npm", "pack", PACKAGE, "--silent", "--pack-destination", dir.toString()),
                    dir)
                .withTimeout(Duration.ofMinutes(3)));
    if (r.status() != 0) {
      System.out.println("[sqlite] npm pack failed: " + r.err());
      return null;
    }
    return cached(dir);
  }

  private static Path cached(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return null;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(p -> p.getFileName().toString().matches("better-sqlite3-12\\.[0-9.]+\\.tgz"))
          .max(Path::compareTo)
          .orElse(null);
    }
  }
}
