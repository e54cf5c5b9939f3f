package dev.patina.wasm.programs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * wabt's {@code wasm-objdump} compiled to wasm32-wasi for the tests, from the very source Debian
 * builds its {@code wabt} 1.0.32 package from: {@code wabt_1.0.32.orig.tar.xz} of Debian's source
 * pool (Debian's one patch touches only the interpreter's C API, not objdump), downloaded once into
 * the cache beside the npm tarball ({@link SqliteBuild#cache()}/debian/), checked against the
 * SHA-256 that {@code wabt_1.0.32-1.dsc} gives for it, and compiled by src/wabt/build-objdump.sh
 * with clang++ and libc++ for WASI. The build lands in target/objdump/ and in the cache
 * (wabt-builds/KEY/, keyed by the tarball, the script and the compiler), so that a machine builds
 * it once.
 */
final class ObjdumpBuild {
  private ObjdumpBuild() {}

  static final String VERSION = "1.0.32";
  static final String TARBALL = "wabt_" + VERSION + ".orig.tar.xz";

  /** From wabt_1.0.32-1.dsc (Checksums-Sha256); the download must match it. */
  static final String TARBALL_SHA256 =
      "2e9fbcbe0ef64042f9691d995116954bc84823fe747a593d80a873566a18cba8";

  /** Debian's source pool; -Dpatina.debian.mirror=URL points elsewhere (same layout). */
  static final String MIRROR =
      System.getProperty("patina.debian.mirror", "http://deb.debian.org/debian");

  static final Path SCRIPT = Toolchain.MODULE.resolve("src/wabt/build-objdump.sh");
  static final Path DIR = Toolchain.TARGET.resolve("objdump");
  static final Path WASM = DIR.resolve("wasm-objdump.wasm");

  private static Optional<String> failure;

  /** The WASI build of wasm-objdump, made (or reused) on first use; skips when it cannot be. */
  static synchronized Path require() {
    String cxx = Toolchain.requireWasiClangxx();
    if (failure == null) {
      failure = build(cxx);
      failure.ifPresent(reason -> System.out.println("[skipped] " + reason));
    }
    assumeTrue(failure.isEmpty(), () -> failure.orElseThrow());
    return WASM;
  }

  /** Empty when the build exists, else why it could not be made (no network). */
  private static Optional<String> build(String cxx) {
    try {
      String compiler = Exec.run(List.of(cxx, "--version"), Toolchain.TARGET).out();
      String key =
          DirSnapshot.sha256(
                  String.join(
                          "\n",
                          TARBALL_SHA256,
                          DirSnapshot.sha256(Files.readAllBytes(SCRIPT)),
                          cxx,
                          compiler.lines().findFirst().orElse(""))
                      .getBytes(StandardCharsets.UTF_8))
              .substring(0, 16);
      Path stamp = DIR.resolve("key.txt");
      if (Files.isRegularFile(WASM)
          && Files.isRegularFile(stamp)
          && Files.readString(stamp).equals(key)) {
        return Optional.empty();
      }
      Files.createDirectories(DIR);
      Files.deleteIfExists(stamp);
      Path cached = SqliteBuild.cache().resolve("wabt-builds").resolve(key);
      if (Files.isRegularFile(cached.resolve("wasm-objdump.wasm"))) {
        Files.copy(cached.resolve("wasm-objdump.wasm"), WASM, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(stamp, key);
        System.out.println("[objdump] reusing the build cached in " + cached);
        return Optional.empty();
      }

      Path tarball = tarball();
      if (tarball == null) {
        return Optional.of("cannot download " + TARBALL + " from " + MIRROR + " (no network?)");
      }
      Path src = DIR.resolve("src");
      DirSnapshot.deleteTree(src);
      Files.createDirectories(src);
      String top = "wabt-" + VERSION;
      Exec.Result unpack =
          Exec.run(
              List.of(
                  "tar",
                  "-xJf",
                  tarball.toString(),
                  "-C",
                  src.toString(),
                  top + "/CMakeLists.txt",
                  top + "/LICENSE",
                  top + "/include",
                  top + "/src"),
              src);
      if (unpack.status() != 0) {
        throw new AssertionError("cannot unpack " + tarball + ": " + unpack.describe());
      }
      long start = System.nanoTime();
      Exec.Result r =
          Exec.run(
              Exec.Spec.of(
                      List.of("bash", SCRIPT.toString(), src.resolve(top).toString(), "" + WASM),
                      DIR)
                  .withEnv(java.util.Map.of("CXX", cxx), false)
                  .withTimeout(Duration.ofMinutes(10)));
      if (r.status() != 0) {
        throw new AssertionError("compiling wasm-objdump failed: " + r.describe());
      }
      System.out.println(
          "[objdump] compiled wasm-objdump "
              + VERSION
              + " to wasm32-wasi with "
              + cxx
              + " in "
              + Duration.ofNanos(System.nanoTime() - start).toSeconds()
              + " s");
      DirSnapshot.deleteTree(src);
      Files.createDirectories(cached);
      Path tmp = cached.resolve("wasm-objdump.wasm.tmp");
      Files.copy(WASM, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, cached.resolve("wasm-objdump.wasm"), StandardCopyOption.REPLACE_EXISTING);
      Files.writeString(stamp, key);
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The verified tarball in the cache, downloaded on first use; null if it cannot be fetched. */
  static Path tarball() throws IOException {
    Path dir = SqliteBuild.cache().resolve("debian");
    Path file = dir.resolve(TARBALL);
    if (Files.isRegularFile(file)
        && DirSnapshot.sha256(Files.readAllBytes(file)).equals(TARBALL_SHA256)) {
      return file;
    }
    Files.createDirectories(dir);
    URI uri = URI.create(MIRROR + "/pool/main/w/wabt/" + TARBALL);
    System.out.println("[objdump] downloading " + uri + " into " + dir);
    byte[] body;
    try (HttpClient http =
        HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NORMAL)
            .connectTimeout(Duration.ofSeconds(20))
            .build()) {
      HttpResponse<byte[]> response =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofMinutes(3)).build(),
              HttpResponse.BodyHandlers.ofByteArray());
      if (response.statusCode() != 200) {
        System.out.println("[objdump] " + uri + ": HTTP " + response.statusCode());
        return null;
      }
      body = response.body();
    } catch (IOException e) {
      System.out.println("[objdump] " + uri + ": " + e);
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
    String sha = DirSnapshot.sha256(body);
    if (!sha.equals(TARBALL_SHA256)) {
      // Not a network failure: something served other bytes under Debian's name. Fail loudly.
      throw new AssertionError(
          uri + " has SHA-256 " + sha + ", not " + TARBALL_SHA256 + " as wabt_1.0.32-1.dsc says");
    }
    Path tmp = dir.resolve(TARBALL + ".tmp");
    Files.write(tmp, body);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
    return file;
  }
}
