package dev.patina.wasm.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.wasm.Linker;
import dev.patina.wasm.MalformedException;
import dev.patina.wasm.Module;
import dev.patina.wasm.Store;
import dev.patina.wasm.Value;
import dev.patina.wasm.text.Wat;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ahead-of-time files: written once, loaded without compiling, refused when they do not match. */
class AotFileTest {
  private static final String FACTORIAL =
      """
      (module
        (func $fac (export "fac") (param i64) (result i64)
          (if (result i64) (i64.eqz (local.get 0)) (then (i64.const 1))
            (else (i64.mul (local.get 0) (call $fac (i64.sub (local.get 0) (i64.const 1))))))))
      """;

  @Test
  void aCompiledFileLoadsAndRuns(@TempDir Path dir) throws Exception {
    Path wat = dir.resolve("fac.wat");
    Files.writeString(wat, FACTORIAL);
    Path out = dir.resolve("fac.pwasm");
    int[] reported = new int[2];
    AotFile.compile(
        wat,
        out,
        (done, total) -> {
          reported[0] = done;
          reported[1] = total;
        });
    assertTrue(AotFile.isAotFile(Files.readAllBytes(out)));
    assertArrayEquals(new int[] {1, 1}, reported);
    Module module = AotFile.load(out);
    Value[] result =
        new Linker().instantiate(new Store(), module).function("fac").call(Value.i64(20));
    assertArrayEquals(new Value[] {Value.i64(2432902008176640000L)}, result);
    // Metered stores compile their code on demand.
    Store metered = Store.builder().fuel(1_000_000).build();
    assertArrayEquals(
        result, new Linker().instantiate(metered, module).function("fac").call(Value.i64(20)));
  }

  @Test
  void filesFromAnotherVersionOrDamagedAreRefused() {
    byte[] file = AotFile.compile(Wat.toBinary(FACTORIAL), CompileProgress.NONE);
    byte[] version = AotFile.patinaVersion().getBytes(StandardCharsets.UTF_8);
    byte[] otherVersion = file.clone();
    // The version string follows the magic (8 bytes), the format (4) and its length (2).
    otherVersion[14] ^= 1;
    MalformedException e = assertThrows(MalformedException.class, () -> AotFile.load(otherVersion));
    assertTrue(e.getMessage().contains("compile the module again"), e.getMessage());

    byte[] damaged = file.clone();
    int moduleStart = 8 + 4 + 2 + version.length + 32 + 1 + 4;
    damaged[moduleStart + 10] ^= 1;
    assertThrows(MalformedException.class, () -> AotFile.load(damaged));

    byte[] notAot = Wat.toBinary(FACTORIAL);
    assertThrows(MalformedException.class, () -> AotFile.load(notAot));
  }
}
