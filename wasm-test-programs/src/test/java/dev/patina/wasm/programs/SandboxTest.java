package dev.patina.wasm.programs;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * A guest must not reach outside its preopened directory: not through "..", not through an absolute
 * path, not through a symlink pointing out (made by the host or by the guest itself).
 * src/c/sandbox.c tries each way with the raw WASI calls and through libc; it only runs under Wasm
 * (natively there is no sandbox to test). Next to the preopened directory lies another one that the
 * guest must neither read nor change.
 */
class SandboxTest {
  static final Path PROBE = Path.of("/tmp/patina-escape.txt");

  @TestFactory
  Stream<DynamicTest> escapesFailAndInsideWorks() {
    return WasmRunner.all().stream()
        .map(r -> DynamicTest.dynamicTest("sandbox [" + r.name() + "]", () -> check(r)));
  }

  static void check(WasmRunner runner) throws IOException {
    runner.require();
    Path base =
        Toolchain.freshDir("runs", "sandbox-" + runner.name().replaceAll("[^A-Za-z0-9]+", "_"));
    Path work = Files.createDirectories(base.resolve("work"));
    Path outside = Files.createDirectories(base.resolve("outside"));
    Files.writeString(outside.resolve("secret.txt"), "secret\n");
    Files.writeString(work.resolve("inside.txt"), "inside\n");
    Files.createDirectories(work.resolve("sub"));
    Files.writeString(work.resolve("sub/inner.txt"), "inner\n");
    Files.createSymbolicLink(work.resolve("in_link"), Path.of("inside.txt"));
    Files.createSymbolicLink(work.resolve("sub/up"), Path.of(".."));
    Files.createSymbolicLink(work.resolve("out_abs"), outside.resolve("secret.txt"));
    Files.createSymbolicLink(work.resolve("out_rel"), Path.of("../outside/secret.txt"));
    Files.createSymbolicLink(work.resolve("out_dir"), Path.of("../outside"));
    Files.createSymbolicLink(work.resolve("chain1"), Path.of("sub/chain2"));
    Files.createSymbolicLink(work.resolve("sub/chain2"), Path.of("../../outside/secret.txt"));
    Files.deleteIfExists(PROBE);
    DirSnapshot outsideBefore = DirSnapshot.of(outside);

    Exec.Result r =
        runner.run(
            WasmRunner.Run.of(
                    runner.prepared(Programs.wasm("sandbox")), List.of(ProgramsTest.GUEST))
                .withDir(work, ProgramsTest.GUEST));

    List<String> wrong =
        r.out().lines().filter(l -> l.startsWith("ESCAPED") || l.startsWith("FAILED")).toList();
    assertAll(
        () -> assertEquals(List.of(), wrong, "cases that went wrong:\n" + r.describe()),
        () -> assertEquals(0, r.status(), r.describe()),
        () -> assertTrue(r.out().contains("\n0 wrong\n"), r.describe()),
        () ->
            assertEquals(
                outsideBefore.describe(),
                DirSnapshot.of(outside).describe(),
                "the directory beside the preopen changed"),
        () ->
            assertEquals(
                List.of("outside", "work"),
                Files.list(base).map(p -> p.getFileName().toString()).sorted().toList(),
                "something was created beside the preopen"),
        () -> assertFalse(Files.exists(PROBE, LinkOption.NOFOLLOW_LINKS), PROBE + " was created"));
  }
}
