package dev.patina.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WasmInspectAndValidateTest {

  @Test
  void inspectListsSectionsImportsExportsAndCustomSections(@TempDir Path dir) throws Exception {
    Path wat =
        Files.writeString(
            dir.resolve("m.wat"),
            """
            (module $m
              (import "env" "log" (func $log (param i32)))
              (memory (export "memory") 1 2)
              (global (mut i64) (i64.const 0))
              (func $main (export "main") (param i32 i32) (result i32) (local.get 0))
              (data (i32.const 8) "hi"))
            """);
    CliRun r = CliRun.of("wasm", "inspect", wat.toString());
    assertEquals(0, r.status(), r.err());
    for (String expected :
        new String[] {
          "Type start=",
          "Import start=",
          "Code start=",
          "Data start=",
          "\"name\"",
          " - func[0] sig=0 <log> <- env.log",
          " - type[1] (i32, i32) -> i32",
          " - memory[0] -> \"memory\"",
          " - func[1] sig=1 <main>",
          " - active size=2 memory=0",
          " - i64 mutable"
        }) {
      assertTrue(r.out().contains(expected), () -> "missing " + expected + " in\n" + r.out());
    }
  }

  @Test
  void validateReportsGoodModulesAndTheFirstError(@TempDir Path dir) throws Exception {
    Path good =
        Files.writeString(dir.resolve("good.wat"), "(module (func (result i32) i32.const 1))");
    Path bad =
        Files.writeString(dir.resolve("bad.wat"), "(module (func (result i32) f32.const 1))");
    CliRun ok = CliRun.of("wasm", "validate", good.toString());
    assertEquals(0, ok.status());
    assertTrue(ok.out().contains("good.wat: valid"));
    CliRun notOk = CliRun.of("wasm", "validate", good.toString(), bad.toString());
    assertEquals(1, notOk.status());
    assertTrue(notOk.err().startsWith("error: type mismatch"), notOk.err());
    CliRun binary =
        CliRun.of(
            "wasm",
            "validate",
            Files.write(dir.resolve("x.wasm"), new byte[] {0, 'a', 's', 'm', 2, 0, 0, 0})
                .toString());
    assertEquals(1, binary.status());
    assertTrue(binary.err().contains("unknown binary version"), binary.err());
  }
}
