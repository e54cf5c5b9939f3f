package dev.patina.wasm.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * {@code patina wasm inspect} against Debian's {@code wasm-objdump -h} (wabt 1.0.32): the section
 * table (names, byte ranges, sizes, entry counts, custom section names) must be the same, line for
 * line, on real modules: the project's C and Rust programs and the wabt tools of the jar. (The
 * detail listing, {@code -x}, differs in presentation: data dumps and function lines are printed
 * differently.) wasm-objdump itself, compiled to WASI and run under Patina, is {@link ObjdumpTest}.
 */
class InspectTest {

  @TestFactory
  Stream<DynamicTest> sectionTableEqualsWasmObjdump() throws IOException {
    Toolchain.requireWabt("wasm-objdump");
    List<Path> modules = new ArrayList<>();
    try (Stream<Path> files = Files.list(Toolchain.MODULE.resolve("src/test/resources/wasm"))) {
      files.filter(f -> f.toString().endsWith(".wasm")).sorted().forEach(modules::add);
    }
    modules.add(WabtTest.extract("wat2wasm"));
    modules.add(WabtTest.extract("wast2json"));
    return modules.stream()
        .map(m -> DynamicTest.dynamicTest(m.getFileName().toString(), () -> compare(m)));
  }

  private static void compare(Path module) {
    Exec.Result reference =
        Exec.run(List.of("wasm-objdump", "-h", module.toString()), module.getParent());
    assertEquals(0, reference.status(), reference.describe());
    List<String> command = new ArrayList<>(WasmRunner.PatinaCli.javaCommand());
    command.addAll(
        List.of("-jar", WasmRunner.PatinaCli.JAR.toString(), "wasm", "inspect", module.toString()));
    Exec.Result patina = Exec.run(command, module.getParent());
    assertEquals(0, patina.status(), patina.describe());
    assertEquals(sectionTable(reference.out()), sectionTable(patina.out()), module.toString());
  }

  /** The lines after "Sections:" up to the details (or the end), without blank lines. */
  static List<String> sectionTable(String output) {
    List<String> table = new ArrayList<>();
    boolean in = false;
    for (String line : output.split("\n")) {
      if (line.startsWith("Sections:")) {
        in = true;
      } else if (line.startsWith("Section Details:")) {
        break;
      } else if (in && !line.isBlank()) {
        table.add(line);
      }
    }
    if (table.isEmpty()) {
      throw new AssertionError("no section table in:\n" + output);
    }
    return table;
  }
}
