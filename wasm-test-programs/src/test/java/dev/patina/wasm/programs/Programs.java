package dev.patina.wasm.programs;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The project's own test programs: the committed wasm32-wasi builds (made by build.sh) and their
 * native twins, compiled here from the same sources on first use (cached in target/native/).
 */
final class Programs {
  private Programs() {}

  static final Path C_SOURCES = Toolchain.MODULE.resolve("src/c");
  static final Path RUST_SOURCES = Toolchain.MODULE.resolve("src/rust");
  static final Path WASM = Toolchain.MODULE.resolve("src/test/resources/wasm");

  /** The committed Wasm build of a program. */
  static Path wasm(String name) {
    Path p = WASM.resolve(name + ".wasm");
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException(p + " is missing: run wasm-test-programs/build.sh");
    }
    return p;
  }

  /**
   * The Wasm build to compare with this machine's native build. For Rust the output of std (panic
   * messages, formatting) changes between compiler versions, so when /usr/bin/rustc is not the
   * version that built the committed files (src/test/resources/wasm/rustc-version.txt), the program
   * is rebuilt for Wasm with it into target/wasm/ (skipped if it cannot target WASI).
   */
  static synchronized Path wasmTwin(String name) {
    if (!isRust(name)) {
      return wasm(name);
    }
    Toolchain.requireRustc();
    String here = rustcVersion();
    String committed;
    try {
      committed = Files.readString(WASM.resolve("rustc-version.txt")).strip();
    } catch (IOException e) {
      committed = "";
    }
    if (here.equals(committed)) {
      return wasm(name);
    }
    Path out = Toolchain.TARGET.resolve("wasm").resolve(name + ".wasm");
    if (upToDate(out, List.of(RUST_SOURCES.resolve(name + ".rs")))) {
      return out;
    }
    for (String target : List.of("wasm32-wasi", "wasm32-wasip1")) {
      Exec.Result r =
          Exec.run(
              Exec.Spec.of(
                      List.of(
                          "/usr/bin/rustc",
                          "--target",
                          target,
                          "-O",
                          "-C",
                          "panic=abort",
                          "-C",
                          "strip=debuginfo",
                          "src/rust/" + name + ".rs",
                          "-o",
                          out.toString()),
                      Toolchain.MODULE)
                  .withTimeout(Duration.ofMinutes(5)));
      if (r.status() == 0) {
        return out;
      }
    }
    assumeTrue(
        false,
        "/usr/bin/rustc is "
            + here
            + ", not "
            + committed
            + " that built the committed Wasm, and cannot build for WASI (libstd-rust-dev-wasm32)");
    return null;
  }

  private static String rustcVersion;

  private static String rustcVersion() {
    if (rustcVersion == null) {
      Exec.Result r = Exec.run(List.of("/usr/bin/rustc", "--version"), Toolchain.MODULE);
      rustcVersion = r.out().strip();
    }
    return rustcVersion;
  }

  static boolean isRust(String name) {
    return Files.isRegularFile(RUST_SOURCES.resolve(name + ".rs"));
  }

  /**
   * The native build of a program, compiled if missing or older than its source. Skips the calling
   * test when the compiler is absent. The flags match build.sh's: -O2 for C; -O and panic=abort for
   * Rust (as wasm32-wasi always aborts on panic).
   */
  static synchronized Path nativeBinary(String name) {
    boolean rust = isRust(name);
    if (rust) {
      Toolchain.requireRustc();
    } else {
      Toolchain.requireGcc();
    }
    Path out = Toolchain.TARGET.resolve("native").resolve(name);
    List<Path> inputs =
        rust
            ? List.of(RUST_SOURCES.resolve(name + ".rs"))
            : List.of(C_SOURCES.resolve(name + ".c"), C_SOURCES.resolve("common.h"));
    if (upToDate(out, inputs)) {
      return out;
    }
    List<String> cmd = new ArrayList<>();
    if (rust) {
      // A relative source path, from the module directory: panic messages then name
      // src/rust/NAME.rs, as in the Wasm build that build.sh makes from the same place.
      cmd.addAll(List.of("/usr/bin/rustc", "-O", "-C", "panic=abort", "src/rust/" + name + ".rs"));
    } else {
      cmd.addAll(List.of("gcc", "-O2", "-w", "src/c/" + name + ".c", "-lm"));
    }
    cmd.addAll(List.of("-o", out.toString()));
    try {
      Files.createDirectories(out.getParent());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Exec.Result r =
        Exec.run(Exec.Spec.of(cmd, Toolchain.MODULE).withTimeout(Duration.ofMinutes(5)));
    if (r.status() != 0) {
      throw new AssertionError("native build of " + name + " failed: " + cmd + "\n" + r.err());
    }
    return out;
  }

  static boolean upToDate(Path out, List<Path> inputs) {
    try {
      if (!Files.isRegularFile(out)) {
        return false;
      }
      FileTime built = Files.getLastModifiedTime(out);
      for (Path in : inputs) {
        if (Files.getLastModifiedTime(in).compareTo(built) > 0) {
          return false;
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
