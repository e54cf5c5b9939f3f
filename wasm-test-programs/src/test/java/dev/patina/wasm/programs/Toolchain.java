package dev.patina.wasm.programs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The outside tools the tests use, each looked up once. A missing tool skips the tests that need
 * it, with the reason printed, so that the suite passes on a clone without them; CI installs them
 * (.ci/run).
 */
final class Toolchain {
  private Toolchain() {}

  /** The repository root (the parent of this module). */
  static final Path REPO =
      Path.of(System.getProperty("patina.repo", "..")).toAbsolutePath().normalize();

  /** This module's directory. */
  static final Path MODULE = REPO.resolve("wasm-test-programs");

  /** Where tests put what they build and the directories programs work in. */
  static final Path TARGET = MODULE.resolve("target");

  /**
   * {@code shared/<relative>} beside the repository or one of its parents (CI lays shared/ next to
   * the clone); a path that does not exist when it is nowhere.
   */
  static Path shared(String relative) {
    for (Path dir = REPO; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("shared").resolve(relative);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    return REPO.resolveSibling("shared").resolve(relative);
  }

  static final String INSTALL_HINT =
      "apt-get install -y clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32 rustc"
          + " libstd-rust-dev-wasm32 wabt";

  private static final ConcurrentHashMap<String, Optional<String>> MISSING =
      new ConcurrentHashMap<>();

  /** gcc, for the native twins of the C programs. */
  static void requireGcc() {
    require("gcc", () -> runs(List.of("gcc", "--version")), "gcc is not installed");
  }

  /** Debian's rustc (not rustup's), which has the wasm32-wasi standard library. */
  static void requireRustc() {
    require(
        "rustc",
        () ->
            runs(List.of("/usr/bin/rustc", "--version"))
                && Files.isDirectory(Path.of("/usr/lib/rustlib/x86_64-unknown-linux-gnu")),
        "/usr/bin/rustc is not installed (" + INSTALL_HINT + ")");
  }

  /**
   * A clang that compiles C for wasm32-wasi against Debian's wasi-libc (clang-14 on Debian 12,
   * clang-19 where 14 is gone; $PATINA_WASI_CC overrides), for the SQLite build. Skips the calling
   * test when there is none.
   */
  static String requireWasiClang() {
    require(
        "wasi-clang",
        () -> wasiClang() != null,
        "no clang with wasi-libc is installed (" + INSTALL_HINT + ")");
    return wasiClang();
  }

  private static String wasiClang;
  private static boolean wasiClangProbed;

  private static synchronized String wasiClang() {
    if (!wasiClangProbed) {
      wasiClangProbed = true;
      String env = System.getenv("PATINA_WASI_CC");
      List<String> candidates =
          env != null && !env.isEmpty()
              ? List.of(env)
              : List.of("clang-14", "clang-19", "clang-18", "clang-17", "clang-16", "clang");
      for (String cc : candidates) {
        if (compilesForWasi(cc)) {
          wasiClang = cc;
          break;
        }
      }
    }
    return wasiClang;
  }

  private static boolean compilesForWasi(String cc) {
    try {
      Path dir = Files.createDirectories(TARGET.resolve("probe"));
      Path src = Files.writeString(dir.resolve("probe.c"), "int main(void) { return 0; }\n");
      return runs(
          List.of(
              cc,
              "--target=wasm32-wasi",
              "--sysroot=/usr",
              src.toString(),
              "-o",
              dir.resolve("probe-" + cc + ".wasm").toString()));
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * A clang++ that compiles C++ for wasm32-wasi against Debian's wasi-libc and libc++ for WASI
   * (clang++-14 on Debian 12, with libc++-14-dev-wasm32 and libc++abi-14-dev-wasm32;
   * $PATINA_WASI_CXX overrides), for wasm-objdump. Skips the calling test when there is none.
   */
  static String requireWasiClangxx() {
    require(
        "wasi-clang++",
        () -> wasiClangxx() != null,
        "no clang++ with wasi-libc and libc++ for WASI is installed (apt-get install -y clang-14"
            + " lld-14 wasi-libc libclang-rt-14-dev-wasm32 libc++-14-dev-wasm32"
            + " libc++abi-14-dev-wasm32)");
    return wasiClangxx();
  }

  private static String wasiClangxx;
  private static boolean wasiClangxxProbed;

  private static synchronized String wasiClangxx() {
    if (!wasiClangxxProbed) {
      wasiClangxxProbed = true;
      String env = System.getenv("PATINA_WASI_CXX");
      List<String> candidates =
          env != null && !env.isEmpty()
              ? List.of(env)
              : List.of("clang++-14", "clang++-19", "clang++-18", "clang++-17", "clang++-16");
      for (String cxx : candidates) {
        if (compilesCxxForWasi(cxx)) {
          wasiClangxx = cxx;
          break;
        }
      }
    }
    return wasiClangxx;
  }

  private static boolean compilesCxxForWasi(String cxx) {
    try {
      Path dir = Files.createDirectories(TARGET.resolve("probe"));
      Path src =
          Files.writeString(
              dir.resolve("probe.cc"),
              "#include <cstdio>\n#include <memory>\n#include <string>\n#include <vector>\n"
                  + "int main() { std::vector<std::string> v{\"a\"};"
                  + " auto p = std::make_unique<int>(1); return v.size() - *p; }\n");
      return runs(
          List.of(
              cxx,
              "--target=wasm32-wasi",
              "--sysroot=/usr",
              "-std=c++17",
              "-fno-exceptions",
              src.toString(),
              "-o",
              dir.resolve("probe-" + cxx + ".wasm").toString()));
    } catch (IOException e) {
      return false;
    }
  }

  /** One of Debian's wabt tools, e.g. wat2wasm. */
  static void requireWabt(String tool) {
    require(
        tool,
        () -> runs(List.of(tool, "--version")),
        "Debian's wabt (" + tool + ") is not installed (apt-get install -y wabt)");
  }

  static void requireNpm() {
    require("npm", () -> runs(List.of("npm", "--version")), "npm is not installed");
  }

  private static void require(String key, java.util.function.BooleanSupplier ok, String why) {
    Optional<String> missing =
        MISSING.computeIfAbsent(
            key,
            k -> {
              Optional<String> m = ok.getAsBoolean() ? Optional.empty() : Optional.of(why);
              m.ifPresent(reason -> System.out.println("[skipped] " + reason));
              return m;
            });
    assumeTrue(missing.isEmpty(), () -> missing.orElseThrow());
  }

  static boolean runs(List<String> command) {
    try {
      Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** A fresh empty directory under target/ (deleted first if a previous run left it). */
  static Path freshDir(String first, String... more) {
    Path dir = TARGET.resolve(Path.of(first, more));
    try {
      DirSnapshot.deleteTree(dir);
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
