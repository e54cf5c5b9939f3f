package dev.patina.wasm.compiler;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.wasm.Instance;
import dev.patina.wasm.Linker;
import dev.patina.wasm.Module;
import dev.patina.wasm.Store;
import dev.patina.wasm.Value;
import dev.patina.wasm.compiler.internal.ModuleCodegen;
import dev.patina.wasm.text.Wat;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.tree.ClassNode;
import org.objectweb.asm.tree.MethodNode;

/**
 * Functions far beyond the JVM's 64 KB method limit, or with more locals than a JVM method may
 * have, are split over several methods and compute what the interpreter computes.
 */
class LargeFunctionTest {
  /**
   * An interpreter loop like SQLite's: a loop around a br_table over hundreds of cases, each a few
   * dozen statements on locals and memory, some leaving through outer labels with values or
   * returning from deep inside.
   */
  static String interpreterLoop(int cases, int statementsPerCase, long seed) {
    Random random = new Random(seed);
    StringBuilder w = new StringBuilder();
    w.append("(module (memory 1)\n");
    w.append("(func $helper (param i64) (result i64) (i64.add (local.get 0) (i64.const 7)))\n");
    w.append("(func (export \"run\") (param $n i32) (result i64)\n");
    w.append("  (local $i i32) (local $a i64) (local $b i64) (local $c i64) (local $f f64)\n");
    w.append("  (block $out (result i64)\n");
    w.append("   (loop $top\n");
    w.append("    (br_if 1 (local.get $a) (i32.ge_u (local.get $i) (local.get $n)))\n");
    w.append("    (local.set $i (i32.add (local.get $i) (i32.const 1)))\n");
    StringBuilder blocks = new StringBuilder();
    for (int k = 0; k < cases; k++) {
      blocks.append("(block ");
    }
    w.append(blocks);
    w.append("(br_table ");
    for (int k = 0; k < cases; k++) {
      w.append(k).append(' ');
    }
    w.append("0 (i32.rem_u (i32.add (i32.wrap_i64 (local.get $a)) (local.get $i)) (i32.const ")
        .append(cases)
        .append(")))");
    for (int k = 0; k < cases; k++) {
      w.append(")\n");
      for (int s = 0; s < statementsPerCase; s++) {
        w.append(statement(random, k));
      }
      if (k % 97 == 13) {
        // Leave the whole loop with a value from deep inside.
        w.append("(if (i64.eq (i64.and (local.get $b) (i64.const 255)) (i64.const ")
            .append(k)
            .append(")) (then (br $out (i64.xor (local.get $a) (local.get $c)))))\n");
      }
      if (k % 89 == 7) {
        w.append(
            "(if (i32.eq (local.get $i) (i32.const 999999)) (then (return (local.get $b))))\n");
      }
      w.append("(br $top)\n");
    }
    w.append("   )\n  (local.get $a)))\n)\n");
    return w.toString();
  }

  private static String statement(Random random, int k) {
    String[] vars = {"$a", "$b", "$c"};
    String target = vars[random.nextInt(3)];
    String source = vars[random.nextInt(3)];
    long constant = random.nextInt(1000) + 1;
    return switch (random.nextInt(7)) {
      case 0 ->
          "(local.set "
              + target
              + " (i64.add (local.get "
              + source
              + ") (i64.const "
              + constant
              + ")))\n";
      case 1 ->
          "(local.set "
              + target
              + " (i64.mul (local.get "
              + source
              + ") (i64.const "
              + (constant | 1)
              + ")))\n";
      case 2 ->
          "(local.set "
              + target
              + " (i64.xor (local.get "
              + target
              + ") (i64.rotl (local.get "
              + source
              + ") (i64.const "
              + (constant % 63)
              + "))))\n";
      case 3 ->
          "(i64.store offset="
              + (k % 64) * 8
              + " (i32.const 0) (i64.add (local.get "
              + source
              + ") (i64.load (i32.const "
              + ((constant % 64) * 8)
              + "))))\n";
      case 4 -> "(local.set " + target + " (call $helper (local.get " + source + ")))\n";
      case 5 ->
          "(local.set $f (f64.add (local.get $f) (f64.convert_i64_s (local.get "
              + source
              + "))))\n(local.set "
              + target
              + " (i64.add (local.get "
              + target
              + ") (i64.trunc_sat_f64_s (f64.div (local.get $f) (f64.const 3.5)))))\n";
      default ->
          "(if (i64.lt_s (local.get "
              + source
              + ") (i64.const 0)) (then (local.set "
              + target
              + " (i64.sub (i64.const 0) (local.get "
              + target
              + ")))) (else (local.set "
              + target
              + " (i64.add (local.get "
              + target
              + ") (i64.const 1)))))\n";
    };
  }

  /** A function with {@code count} locals, all used, beyond what one JVM method may hold. */
  static String manyLocals(int count) {
    StringBuilder w =
        new StringBuilder("(module (func (export \"run\") (param $x i64) (result i64)");
    for (int i = 0; i < count; i++) {
      w.append(i % 5 == 0 ? " (local f64)" : " (local i64)");
    }
    for (int i = 1; i <= count; i++) {
      if (i % 5 == 1) {
        w.append("\n(local.set ")
            .append(i)
            .append(" (f64.add (f64.convert_i64_s (local.get 0)) (f64.const ")
            .append(i)
            .append(")))");
      } else {
        w.append("\n(local.set ")
            .append(i)
            .append(" (i64.add (local.get 0) (i64.const ")
            .append(i)
            .append(")))");
      }
    }
    w.append("\n(local.set 0 (i64.const 0))");
    for (int i = 1; i <= count; i++) {
      if (i % 5 == 1) {
        w.append("\n(local.set 0 (i64.add (local.get 0) (i64.trunc_f64_s (local.get ")
            .append(i)
            .append("))))");
      } else {
        w.append("\n(local.set 0 (i64.add (i64.rotl (local.get 0) (i64.const 1)) (local.get ")
            .append(i)
            .append(")))");
      }
    }
    w.append("\n(local.get 0)))");
    return w.toString();
  }

  private static Value[] run(byte[] wasm, boolean compiled, Value... args) {
    Module module =
        compiled ? Module.fromBinary(wasm, WasmCompiler.backend()) : Module.fromBinary(wasm);
    Instance instance = new Linker().instantiate(new Store(), module);
    return instance.function("run").call(args);
  }

  /** The JVM methods generated for function {@code index} and the largest one's bytecode size. */
  private static int[] methodsOf(byte[] wasm, int index) {
    Map<String, byte[]> classes =
        ModuleCodegen.compile(dev.patina.wasm.binary.ModuleDecoder.decode(wasm), false, n -> {});
    int count = 0;
    int largest = 0;
    for (byte[] bytes : classes.values()) {
      ClassNode node = new ClassNode();
      new ClassReader(bytes).accept(node, 0);
      for (MethodNode m : node.methods) {
        if (m.name.equals("f" + index) || m.name.startsWith("f" + index + "$")) {
          count++;
          largest = Math.max(largest, codeLength(bytes, node, m));
        }
      }
    }
    return new int[] {count, largest};
  }

  private static int codeLength(byte[] classBytes, ClassNode node, MethodNode m) {
    // The instruction count is a fair proxy; the exact length needs the class writer's offsets.
    return m.instructions.size();
  }

  @Test
  void anInterpreterLoopOfMoreThan100KbIsSplitAndComputesTheSame() {
    byte[] wasm = Wat.toBinary(interpreterLoop(400, 24, 42));
    int codeBytes =
        dev.patina.wasm.binary.ModuleDecoder.decode(wasm).codes().get(1).end()
            - dev.patina.wasm.binary.ModuleDecoder.decode(wasm).codes().get(1).start();
    assertTrue(codeBytes > 100_000, "the function has " + codeBytes + " bytes of code");
    int[] methods = methodsOf(wasm, 1);
    assertTrue(methods[0] > 10, "split into " + methods[0] + " methods");
    for (int n : new int[] {0, 1, 5, 1000, 20_000}) {
      assertArrayEquals(run(wasm, false, Value.i32(n)), run(wasm, true, Value.i32(n)), "n=" + n);
    }
  }

  @Test
  void thousandsOfLocalsBeyondTheJvmLimitComputeTheSame() {
    for (int count : new int[] {3000, 40_000}) {
      byte[] wasm = Wat.toBinary(manyLocals(count));
      Value[] expected = run(wasm, false, Value.i64(12345));
      assertArrayEquals(expected, run(wasm, true, Value.i64(12345)), "locals: " + count);
    }
  }

  @Test
  void theReportNamesEachFunctionsMethodsAndTheirClasses() {
    byte[] wasm = Wat.toBinary(interpreterLoop(400, 24, 42));
    java.util.List<CompileReport> reports = new java.util.ArrayList<>();
    Module.fromBinary(wasm, WasmCompiler.backend().withReports(reports::add));
    assertEquals(1, reports.size());
    CompileReport report = reports.getFirst();
    assertEquals(2, report.functions().size());
    CompileReport.Function loop = report.largest();
    assertEquals(1, loop.index());
    assertTrue(loop.split());
    assertEquals(methodsOf(wasm, 1)[0], loop.methods().size());
    assertEquals("f1", loop.methods().getFirst().methodName());
    assertEquals(1, report.function(0).methods().size());

    // The same module compiled again: every reported method is in its class, no larger than
    // HotSpot's JIT limit, and the size estimate is at least one byte per instruction.
    Map<String, byte[]> classes =
        ModuleCodegen.compile(dev.patina.wasm.binary.ModuleDecoder.decode(wasm), false, n -> {});
    for (CompileReport.Method m : loop.methods()) {
      byte[] bytes = classes.get(m.className().replace('.', '/'));
      assertTrue(bytes != null, m.qualifiedName());
      ClassNode node = new ClassNode();
      new ClassReader(bytes).accept(node, 0);
      MethodNode method =
          node.methods.stream()
              .filter(x -> x.name.equals(m.methodName()))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no method " + m.qualifiedName()));
      int instructions = 0;
      for (var insn : method.instructions) {
        if (insn.getOpcode() >= 0) {
          instructions++;
        }
      }
      assertTrue(m.bytecodeBytes() >= instructions, m + ": " + instructions + " instructions");
      assertTrue(m.bytecodeBytes() < 8000, m.toString());
    }
  }

  @Test
  void smallFunctionsStayInOneMethod() {
    byte[] wasm = Wat.toBinary("(module (func (export \"run\") (result i32) (i32.const 1)))");
    assertEquals(1, methodsOf(wasm, 0)[0]);
  }
}
