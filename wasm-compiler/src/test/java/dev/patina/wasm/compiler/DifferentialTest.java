package dev.patina.wasm.compiler;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.patina.wasm.Function;
import dev.patina.wasm.Instance;
import dev.patina.wasm.Linker;
import dev.patina.wasm.Memory;
import dev.patina.wasm.Module;
import dev.patina.wasm.Store;
import dev.patina.wasm.TrapException;
import dev.patina.wasm.Value;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Random valid modules give the same results, the same traps (reason and backtrace) and the same
 * memory in the interpreter and compiled, plain and with fuel, and with every function split.
 */
class DifferentialTest {
  @Property(tries = 80)
  void randomModulesBehaveTheSameInterpretedAndCompiled(@ForAll long seed) {
    String wat = new ModuleGenerator(new Random(seed)).module();
    compare(wat, seed, false);
  }

  @Property(tries = 30)
  void randomModulesUseTheSameFuel(@ForAll long seed) {
    String wat = new ModuleGenerator(new Random(seed)).module();
    compare(wat, seed, true);
  }

  private static void compare(String wat, long seed, boolean metered) {
    Module interpreted = Module.fromText(wat);
    Module compiled = Module.fromText(wat, WasmCompiler.backend());
    Random args = new Random(seed ^ 0x5DEECE66DL);
    for (int f = 0; f < ModuleGenerator.EXPORTS; f++) {
      long a = args.nextInt(5) == 0 ? args.nextLong() : args.nextInt(64) - 8;
      long b = args.nextInt(5) == 0 ? args.nextLong() : args.nextInt(64) - 8;
      Value[] in = {Value.i32((int) a), Value.i64(b)};
      String expected = outcome(interpreted, "f" + f, in, metered);
      String actual = outcome(compiled, "f" + f, in, metered);
      assertEquals(expected, actual, "f" + f + Arrays.toString(in) + " in\n" + wat);
    }
  }

  /** Results or trap, fuel left and a digest of memory after the call, as text. */
  private static String outcome(Module module, String name, Value[] args, boolean metered) {
    Store store = metered ? Store.builder().fuel(200_000).build() : new Store();
    Instance instance = new Linker().instantiate(store, module);
    Function f = instance.function(name);
    String result;
    try {
      result = Arrays.toString(f.call(args));
    } catch (TrapException e) {
      result = "trap " + e.reason() + " " + e.backtrace();
    }
    Memory memory = (Memory) instance.export("memory");
    return result
        + " fuel "
        + store.fuel()
        + " memory "
        + Arrays.hashCode(memory.read(0, (int) memory.byteSize()));
  }

  /** Generates valid modules: i32/i64 code with blocks, loops, calls, memory and globals. */
  static final class ModuleGenerator {
    static final int EXPORTS = 4;
    private final Random random;
    private final StringBuilder out = new StringBuilder();
    private int function;
    private int counters;
    private final List<String> locals32 = new ArrayList<>();
    private final List<String> locals64 = new ArrayList<>();

    ModuleGenerator(Random random) {
      this.random = random;
    }

    String module() {
      out.append("(module (memory (export \"memory\") 1)\n");
      out.append("(global $g32 (mut i32) (i32.const 7)) (global $g64 (mut i64) (i64.const -3))\n");
      out.append("(table 4 funcref) (elem (i32.const 0) $h0 $h1 $h0 $h1)\n");
      out.append("(type $t (func (param i32 i64) (result i64)))\n");
      for (function = 0; function < EXPORTS + 2; function++) {
        String name = function < 2 ? "$h" + function : "$f" + (function - 2);
        String export = function < 2 ? "" : " (export \"f" + (function - 2) + "\")";
        locals32.clear();
        locals64.clear();
        counters = 0;
        locals32.add("$p");
        locals64.add("$q");
        out.append("(func ").append(name).append(export);
        out.append(" (param $p i32) (param $q i64) (result i64)");
        for (int i = 0; i < 3; i++) {
          out.append(" (local $a").append(i).append(" i32) (local $b").append(i).append(" i64)");
          locals32.add("$a" + i);
          locals64.add("$b" + i);
        }
        StringBuilder body = new StringBuilder();
        int statements = 1 + random.nextInt(8);
        for (int i = 0; i < statements; i++) {
          body.append(statement(3)).append('\n');
        }
        body.append(expr64(3));
        for (int c = 0; c < counters; c++) {
          out.append(" (local $c").append(c).append(" i32)");
        }
        out.append('\n').append(body).append(")\n");
      }
      out.append(")");
      return out.toString();
    }

    private String statement(int depth) {
      int choice = random.nextInt(depth <= 0 ? 4 : 8);
      return switch (choice) {
        case 0 -> "(local.set " + pick(locals32) + " " + expr32(depth) + ")";
        case 1 -> "(local.set " + pick(locals64) + " " + expr64(depth) + ")";
        case 2 ->
            "(i64.store offset="
                + random.nextInt(64)
                + " "
                + address(depth)
                + " "
                + expr64(depth)
                + ")";
        case 3 -> "(global.set $g32 " + expr32(depth) + ")";
        case 4 -> {
          String c = "$c" + counters++;
          StringBuilder s = new StringBuilder();
          s.append("(local.set ").append(c).append(" (i32.const 0))");
          s.append("(block (loop (br_if 1 (i32.ge_u (local.get ")
              .append(c)
              .append(") (i32.const ")
              .append(1 + random.nextInt(6))
              .append(")))");
          s.append(statement(depth - 1)).append(statement(depth - 1));
          s.append("(local.set ").append(c).append(" (i32.add (local.get ").append(c);
          s.append(") (i32.const 1))) (br 0)))");
          yield s.toString();
        }
        case 5 ->
            "(if "
                + expr32(depth - 1)
                + " (then "
                + statement(depth - 1)
                + ") (else "
                + statement(depth - 1)
                + "))";
        case 6 -> "(block (br_if 0 " + expr32(depth - 1) + ") " + statement(depth - 1) + ")";
        default -> "(drop " + expr64(depth - 1) + ")";
      };
    }

    private String address(int depth) {
      return random.nextInt(8) == 0
          ? expr32(depth - 1)
          : "(i32.and " + expr32(depth - 1) + " (i32.const 1023))";
    }

    private String expr32(int depth) {
      if (depth <= 0) {
        return random.nextBoolean()
            ? "(local.get " + pick(locals32) + ")"
            : "(i32.const " + constant32() + ")";
      }
      int d = depth - 1;
      return switch (random.nextInt(12)) {
        case 0 -> "(i32.const " + constant32() + ")";
        case 1 -> "(local.get " + pick(locals32) + ")";
        case 2, 3 ->
            "("
                + pick(
                    List.of(
                        "i32.add",
                        "i32.sub",
                        "i32.mul",
                        "i32.and",
                        "i32.or",
                        "i32.xor",
                        "i32.shl",
                        "i32.shr_s",
                        "i32.shr_u",
                        "i32.rotl",
                        "i32.div_s",
                        "i32.div_u",
                        "i32.rem_s",
                        "i32.rem_u",
                        "i32.lt_s",
                        "i32.ge_u",
                        "i32.eq"))
                + " "
                + expr32(d)
                + " "
                + expr32(d)
                + ")";
        case 4 ->
            "("
                + pick(List.of("i32.clz", "i32.ctz", "i32.popcnt", "i32.eqz"))
                + " "
                + expr32(d)
                + ")";
        case 5 -> "(i32.wrap_i64 " + expr64(d) + ")";
        case 6 -> {
          String op = pick(List.of("i64.lt_u", "i64.ne", "i64.gt_s", "i64.eqz"));
          yield op.equals("i64.eqz")
              ? "(i64.eqz " + expr64(d) + ")"
              : "(" + op + " " + expr64(d) + " " + expr64(d) + ")";
        }
        case 7 ->
            "(" + pick(List.of("i32.load", "i32.load8_s", "i32.load16_u")) + " " + address(d) + ")";
        case 8 -> "(select " + expr32(d) + " " + expr32(d) + " " + expr32(d) + ")";
        case 9 ->
            "(if (result i32) " + expr32(d) + " (then " + expr32(d) + ") (else " + expr32(d) + "))";
        case 10 ->
            "(block (result i32) (drop (br_if 0 "
                + expr32(d)
                + " "
                + expr32(d)
                + ")) "
                + expr32(d)
                + ")";
        default -> "(global.get $g32)";
      };
    }

    private String expr64(int depth) {
      if (depth <= 0) {
        return random.nextBoolean()
            ? "(local.get " + pick(locals64) + ")"
            : "(i64.const " + constant64() + ")";
      }
      int d = depth - 1;
      return switch (random.nextInt(11)) {
        case 0 -> "(i64.const " + constant64() + ")";
        case 1 -> "(local.get " + pick(locals64) + ")";
        case 2, 3 ->
            "("
                + pick(
                    List.of(
                        "i64.add",
                        "i64.sub",
                        "i64.mul",
                        "i64.and",
                        "i64.or",
                        "i64.xor",
                        "i64.shl",
                        "i64.shr_s",
                        "i64.shr_u",
                        "i64.rotr",
                        "i64.div_s",
                        "i64.div_u",
                        "i64.rem_s",
                        "i64.rem_u"))
                + " "
                + expr64(d)
                + " "
                + expr64(d)
                + ")";
        case 4 ->
            "(" + pick(List.of("i64.extend_i32_s", "i64.extend_i32_u")) + " " + expr32(d) + ")";
        case 5 -> "(i64.load offset=" + random.nextInt(16) + " " + address(d) + ")";
        case 6 ->
            function > 0
                ? "(call $h"
                    + random.nextInt(Math.min(function, 2))
                    + " "
                    + expr32(d)
                    + " "
                    + expr64(d)
                    + ")"
                : "(global.get $g64)";
        case 7 ->
            function < 2
                ? "(global.get $g64)"
                : "(call_indirect (type $t) "
                    + expr32(d)
                    + " "
                    + expr64(d)
                    + " (i32.and "
                    + expr32(d)
                    + " (i32.const "
                    + (random.nextInt(3) == 0 ? 7 : 3)
                    + ")))";
        case 8 ->
            "(if (result i64) " + expr32(d) + " (then " + expr64(d) + ") (else " + expr64(d) + "))";
        case 9 ->
            "(i64.trunc_sat_f64_s (f64.div (f64.convert_i64_s "
                + expr64(d)
                + ") (f64.const 3.25)))";
        default -> "(select " + expr64(d) + " " + expr64(d) + " " + expr32(d) + ")";
      };
    }

    private String constant32() {
      return random.nextInt(4) == 0
          ? String.valueOf(random.nextInt())
          : String.valueOf(random.nextInt(20) - 4);
    }

    private String constant64() {
      return random.nextInt(4) == 0
          ? String.valueOf(random.nextLong())
          : String.valueOf(random.nextInt(20) - 4);
    }

    private <T> T pick(List<T> items) {
      return items.get(random.nextInt(items.size()));
    }
  }
}
