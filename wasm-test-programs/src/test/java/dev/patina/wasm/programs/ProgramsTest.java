package dev.patina.wasm.programs;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The project's C and Rust test programs, each run twice from the same source: compiled natively
 * and run directly, and compiled to wasm32-wasi and run by {@code patina wasm run}. Both runs get
 * the same arguments (the work directory as its real path natively, as the guest path {@value
 * #GUEST} under Wasm), the same environment and the same stdin, and must agree on stdout, stderr,
 * exit status and the files left in the work directory. A fault must kill both: natively by a
 * signal, under Wasm by a trap (status 134, "error: wasm trap: ..." after the program's own
 * stderr).
 */
class ProgramsTest {
  static final String GUEST = "/sandbox";

  enum Outcome {
    /** Same stdout, stderr, exit status and files. */
    SAME,
    /** Same stdout; native killed by a signal; Wasm trapped after the same stderr. */
    TRAP,
    /** Wasm only (the native build has no defined behaviour): Wasm must trap. */
    WASM_TRAP
  }

  /**
   * One run of one program. {@code {DIR}} in args is the work directory, {@code {NOW}} the time.
   */
  record Case(
      String name,
      String program,
      List<String> args,
      Map<String, String> env,
      String stdin,
      Outcome outcome,
      String trapWords) {
    static Case same(String name, String program, String... args) {
      return new Case(name, program, List.of(args), Map.of(), null, Outcome.SAME, null);
    }

    static Case trap(String name, String program, String words, String... args) {
      return new Case(name, program, List.of(args), Map.of(), null, Outcome.TRAP, words);
    }

    Case env(Map<String, String> e) {
      return new Case(name, program, args, e, stdin, outcome, trapWords);
    }

    Case stdin(String in) {
      return new Case(name, program, args, env, in, outcome, trapWords);
    }

    Case wasmOnly() {
      return new Case(name, program, args, env, stdin, Outcome.WASM_TRAP, trapWords);
    }
  }

  static final Map<String, String> ENV =
      Map.of(
          "GREETING", "hello there",
          "EMPTY", "",
          "UNICODE", "ünïcödé=✓",
          "PATH_LIKE", "/a/b:/c",
          "WITH_EQUALS", "a=b=c");

  static final String TEXT =
      "first line\nsecond  line with   words\n\ttabbed\nbinary \0 byte\nlast line without newline";

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    c.add(Case.same("hello", "hello"));
    // files: create, seek, truncate, append, rename, readdir, stat, utimens, unlink, errors
    c.add(Case.same("files", "files", "{DIR}"));
    c.add(Case.same("stdio", "stdio", "{DIR}"));
    c.add(Case.same("links", "links", "{DIR}"));
    c.add(Case.same("edges", "edges", "{DIR}").stdin(""));
    c.add(Case.same("memory", "memory"));
    // args and environment
    c.add(
        Case.same("args_env", "args_env", "plain", "with space", "", "ünï", "--flag=1", "-x")
            .env(ENV));
    c.add(Case.same("args_env no env", "args_env"));
    // clocks and randomness (verdicts, not values)
    c.add(Case.same("clocks", "clocks", "{NOW}"));
    c.add(Case.same("random", "random"));
    // stdin
    c.add(Case.same("stdin", "stdin").stdin(TEXT));
    c.add(Case.same("stdin empty", "stdin").stdin(""));
    c.add(Case.same("stdin 2 MB", "stdin").stdin(bigText()));
    // exit statuses
    for (String code : List.of("0", "1", "3", "42", "125")) {
      c.add(Case.same("exit " + code, "exit", "exit", code));
    }
    // As in wasmtime, an exit status of 126 or more (which a shell would read as "not
    // executable", "not found" or a signal) is refused with a trap.
    for (String code : List.of("126", "255")) {
      c.add(
          Case.trap(
                  "exit " + code + " (out of range)",
                  "exit",
                  "outside of \\[0\\.\\.126\\)",
                  "exit",
                  code)
              .wasmOnly());
    }
    c.add(Case.same("return 7", "exit", "return", "7"));
    c.add(Case.same("atexit 5", "exit", "atexit", "5"));
    c.add(Case.same("_Exit 4", "exit", "_Exit", "4"));
    c.add(Case.trap("abort", "exit", "unreachable", "abort", "0"));
    // traps
    c.add(Case.trap("trap unreachable", "traps", "unreachable", "unreachable"));
    c.add(Case.trap("trap divzero", "traps", "divi.* by zero", "divzero"));
    c.add(Case.trap("trap overflow", "traps", "overflow|unrepresentable", "overflow"));
    c.add(Case.trap("trap oob", "traps", "out of bounds", "oob"));
    c.add(Case.trap("trap stack (shadow stack)", "traps", "out of bounds|stack", "stack"));
    c.add(Case.trap("trap recurse (call stack)", "traps", "stack|exhaust|recursion", "recurse"));
    c.add(
        Case.trap("trap indirect", "traps", "indirect|signature|type mismatch", "indirect")
            .wasmOnly());
    // Rust
    c.add(Case.same("rs_fs", "rs_fs", "{DIR}"));
    c.add(Case.same("rs_compute", "rs_compute"));
    c.add(Case.same("rs_env", "rs_env", "env", "α β", "", "--long=x").env(ENV));
    c.add(Case.same("rs_env exit 17", "rs_env", "exit", "17"));
    c.add(Case.same("rs_env stdin", "rs_env", "stdin").stdin(TEXT.replace("\0", "")));
    for (String kind : List.of("explicit", "index", "unwrap", "overflow")) {
      c.add(Case.trap("rs_panic " + kind, "rs_panic", "unreachable", kind));
    }
    return c;
  }

  @TestFactory
  Stream<DynamicTest> programs() {
    return WasmRunner.all().stream()
        .flatMap(
            runner ->
                cases().stream()
                    .map(
                        c ->
                            DynamicTest.dynamicTest(
                                c.name() + " [" + runner.name() + "]", () -> check(c, runner))));
  }

  static void check(Case c, WasmRunner runner) {
    runner.require();
    String slug = (c.name() + "-" + runner.name()).replaceAll("[^A-Za-z0-9_.-]+", "_");
    Path nativeDir = Toolchain.freshDir("runs", slug, "native");
    Path wasmDir = Toolchain.freshDir("runs", slug, "wasm");
    String now = Long.toString(System.currentTimeMillis() / 1000);
    byte[] stdin = c.stdin() == null ? null : c.stdin().getBytes(StandardCharsets.UTF_8);

    List<String> wasmArgs = substitute(c.args(), GUEST, now);
    Path wasmFile =
        c.outcome() == Outcome.WASM_TRAP
            ? Programs.wasm(c.program())
            : Programs.wasmTwin(c.program());
    WasmRunner.Run run =
        WasmRunner.Run.of(wasmFile, wasmArgs)
            .withDir(wasmDir, GUEST)
            .withEnv(c.env())
            .withStdin(stdin);
    if (c.outcome() == Outcome.WASM_TRAP) {
      Exec.Result wasm = runner.run(run);
      assertTrap(c, wasm, "");
      return;
    }

    Path binary = Programs.nativeBinary(c.program());
    List<String> nativeCmd = new ArrayList<>();
    nativeCmd.add(binary.toString());
    nativeCmd.addAll(substitute(c.args(), nativeDir.toString(), now));
    Exec.Result nat =
        Exec.run(
            Exec.Spec.of(nativeCmd, nativeDir.getParent()).withEnv(c.env(), true).withStdin(stdin));
    Exec.Result wasm = runner.run(run);
    String context =
        c.name()
            + " ("
            + runner.name()
            + ")\n=== native: "
            + nat.describe()
            + "\n=== wasm: "
            + wasm.describe();

    if (c.outcome() == Outcome.SAME) {
      DirSnapshot nativeFiles = DirSnapshot.of(nativeDir);
      DirSnapshot wasmFiles = DirSnapshot.of(wasmDir);
      assertAll(
          c.name(),
          () -> assertEquals(nat.out(), wasm.out(), "stdout differs: " + context),
          () -> assertEquals(nat.err(), wasm.err(), "stderr differs: " + context),
          () -> assertEquals(nat.status(), wasm.status(), "exit status differs: " + context),
          () ->
              assertEquals(
                  nativeFiles.describe(), wasmFiles.describe(), "files left differ: " + context));
    } else {
      assertTrue(nat.status() > 128, "the native build should die by a signal: " + nat.describe());
      assertEquals(nat.out(), wasm.out(), "stdout differs: " + context);
      assertTrap(c, wasm, nat.err());
    }
  }

  /** Status 134, the program's own stderr first, then "error: wasm trap: ..." naming the trap. */
  static void assertTrap(Case c, Exec.Result wasm, String nativeErr) {
    String err = wasm.err();
    assertEquals(134, wasm.status(), "a trap exits with 134: " + c.name() + "\n" + wasm.describe());
    assertTrue(
        err.startsWith(nativeErr),
        "stderr should start with the program's own output:\n"
            + nativeErr
            + "\n--- but was\n"
            + err);
    String rest = err.substring(nativeErr.length());
    String trapLine =
        rest.lines().filter(l -> l.startsWith("error: wasm trap")).findFirst().orElse(null);
    assertTrue(trapLine != null, "no 'error: wasm trap' line after the program's stderr:\n" + err);
    assertTrue(
        Pattern.compile(c.trapWords(), Pattern.CASE_INSENSITIVE).matcher(rest).find(),
        "the trap message should say /" + c.trapWords() + "/:\n" + rest);
  }

  /** About 2 MB of lines: stdin and stdout through pipes, in many host calls. */
  static String bigText() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 60_000; i++) {
      sb.append("line ")
          .append(i)
          .append(" of the big input, ")
          .append(i * 7919 % 10007)
          .append('\n');
    }
    return sb.toString();
  }

  static List<String> substitute(List<String> args, String dir, String now) {
    return args.stream().map(a -> a.replace("{DIR}", dir).replace("{NOW}", now)).toList();
  }
}
