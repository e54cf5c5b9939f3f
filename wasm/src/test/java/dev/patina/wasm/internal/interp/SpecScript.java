package dev.patina.wasm.internal.interp;

import dev.patina.wasm.TrapException;
import dev.patina.wasm.ValType;
import dev.patina.wasm.binary.Opcode;
import dev.patina.wasm.internal.interp.Sexpr.Atom;
import dev.patina.wasm.internal.interp.Sexpr.Node;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.opentest4j.AssertionFailedError;

/**
 * Runs the {@code assert_return} and {@code assert_trap} commands of a spec .wast script whose
 * function is one folded expression over its parameters and constants, built from numeric and
 * non-memory SIMD instructions. SIMD instructions go through {@link Simd#execute} with the
 * interpreter's slot layout (the result in the first operand's slots); scalar ones through {@link
 * ScalarOps}. Everything else (memory, control, locals, other modules) is counted as skipped.
 */
final class SpecScript {
  private static final Map<String, Opcode> SIMD =
      SimdHarness.instructions().stream().collect(Collectors.toMap(Opcode::text, o -> o));
  private static final Map<String, Opcode> ALL =
      Arrays.stream(Opcode.values()).collect(Collectors.toMap(Opcode::text, o -> o));
  private static final int FP = 3;

  int passed;
  int skipped;
  final List<String> failures = new ArrayList<>();
  private final Random garbage = new Random(42);

  /** A function of the current module. */
  private record Func(Map<String, Integer> names, List<ValType> params, List<Node> body) {}

  /** Signals a construct outside what this harness runs. */
  private static final class Unsupported extends RuntimeException {
    Unsupported(String what) {
      super(what, null, false, false);
    }
  }

  void run(List<Node> script) {
    Map<String, Func> exports = Map.of();
    for (Node form : script) {
      switch (form.head()) {
        case "module" -> exports = module(form);
        case "assert_return" -> command(exports, form, true);
        case "assert_trap" -> command(exports, form, false);
        default -> {}
      }
    }
  }

  private static Map<String, Func> module(Node module) {
    Map<String, Func> exports = new HashMap<>();
    Map<String, Func> byName = new HashMap<>();
    List<Func> byIndex = new ArrayList<>();
    for (Sexpr item : module.items()) {
      if (item instanceof Atom a && (a.text().equals("binary") || a.text().equals("quote"))) {
        return Map.of();
      }
      if (!(item instanceof Node n)) {
        continue;
      }
      if (n.head().equals("func")) {
        List<String> exportNames = new ArrayList<>();
        Func f = func(n, exportNames, byName);
        byIndex.add(f);
        exportNames.forEach(e -> exports.put(e, f));
      } else if (n.head().equals("export")
          && n.items().get(2) instanceof Node desc
          && desc.head().equals("func")) {
        String ref = ((Atom) desc.items().get(1)).text();
        Func f = ref.startsWith("$") ? byName.get(ref) : byIndex.get(Integer.parseInt(ref));
        exports.put(((Atom) n.items().get(1)).text(), f);
      }
    }
    return exports;
  }

  private static Func func(Node n, List<String> exportNames, Map<String, Func> byName) {
    Map<String, Integer> names = new HashMap<>();
    List<ValType> params = new ArrayList<>();
    List<Node> body = new ArrayList<>();
    String name = null;
    boolean plain = true;
    for (Sexpr item : n.items().subList(1, n.items().size())) {
      if (item instanceof Atom a) {
        if (a.text().startsWith("$") && name == null && params.isEmpty() && body.isEmpty()) {
          name = a.text();
        } else {
          plain = false; // a flat instruction sequence
        }
      } else if (item instanceof Node m) {
        switch (m.head()) {
          case "export" -> exportNames.add(((Atom) m.items().get(1)).text());
          case "param" -> {
            List<Sexpr> rest = m.items().subList(1, m.items().size());
            if (rest.size() == 2 && ((Atom) rest.getFirst()).text().startsWith("$")) {
              names.put(((Atom) rest.getFirst()).text(), params.size());
              params.add(type(((Atom) rest.get(1)).text()));
            } else {
              rest.forEach(t -> params.add(type(((Atom) t).text())));
            }
          }
          case "result", "type" -> {}
          default -> body.add(m);
        }
      }
    }
    Func f = new Func(names, params, plain ? body : null);
    if (name != null) {
      byName.put(name, f);
    }
    return f;
  }

  private static ValType type(String text) {
    return Arrays.stream(ValType.values())
        .filter(t -> t.text().equals(text))
        .findFirst()
        .orElse(null);
  }

  private void command(Map<String, Func> exports, Node form, boolean isReturn) {
    if (!(form.items().get(1) instanceof Node invoke)
        || !invoke.head().equals("invoke")
        || !(invoke.items().get(1) instanceof Atom name && name.quoted())) {
      skipped++;
      return;
    }
    Func f = exports.get(name.text());
    String what = form.toString();
    try {
      if (f == null || f.body() == null || f.body().size() > 1) {
        throw new Unsupported("function");
      }
      List<long[]> args = new ArrayList<>();
      for (Sexpr arg : invoke.items().subList(2, invoke.items().size())) {
        args.add(constant((Node) arg));
      }
      if (isReturn) {
        List<Sexpr> expected = form.items().subList(2, form.items().size());
        if (expected.size() > 1) {
          throw new Unsupported("multiple results");
        }
        Function<long[], Void> check =
            expected.isEmpty() ? r -> null : checker((Node) expected.getFirst(), what);
        long[] result = new Frame(f, args).call();
        check.apply(result);
        passed++;
      } else {
        String message = ((Atom) form.items().get(2)).text();
        try {
          new Frame(f, args).call();
          failures.add(what + ": no trap");
        } catch (TrapException e) {
          if (!e.reason().equals(message)) {
            failures.add(what + ": trapped with " + e.reason());
          } else {
            passed++;
          }
        }
      }
    } catch (Unsupported e) {
      skipped++;
    } catch (AssertionFailedError e) {
      failures.add(e.getMessage());
    } catch (RuntimeException e) {
      failures.add(what + ": " + e);
    }
  }

  /** A checker for an expected result: exact bits, or a NaN rule for float lanes. */
  private static Function<long[], Void> checker(Node expected, String what) {
    String head = expected.head();
    List<String> atoms = atoms(expected);
    Expect e = new Expect();
    switch (head) {
      case "i32.const", "i64.const" -> {
        boolean wide = head.startsWith("i64");
        e.bits[0] = WastLiterals.integer(atoms.getFirst(), wide ? 64 : 32);
        return r -> {
          e.checkScalar(r[0], wide, what);
          return null;
        };
      }
      case "f32.const" -> floatLane(e, 32, 0, atoms.getFirst());
      case "f64.const" -> floatLane(e, 64, 0, atoms.getFirst());
      case "v128.const" -> {
        String shape = atoms.getFirst();
        List<String> lanes = atoms.subList(1, atoms.size());
        if (shape.startsWith("f")) {
          int w = shape.equals("f32x4") ? 32 : 64;
          for (int i = 0; i < lanes.size(); i++) {
            floatLane(e, w, i, lanes.get(i));
          }
        } else {
          long[] v = v128(shape, lanes);
          e.bits[0] = v[0];
          e.bits[1] = v[1];
        }
        return r -> {
          e.checkV128(r, what);
          return null;
        };
      }
      default -> throw new Unsupported(head);
    }
    boolean f32 = head.equals("f32.const");
    return r -> {
      e.checkV128(new long[] {f32 ? r[0] & 0xFFFF_FFFFL : r[0], 0}, what);
      return null;
    };
  }

  private static void floatLane(Expect e, int w, int lane, String text) {
    e.floatBits = w;
    if (text.equals("nan:canonical")) {
      e.rules[lane] = Expect.CANONICAL;
    } else if (text.equals("nan:arithmetic")) {
      e.rules[lane] = Expect.ARITHMETIC;
    } else if (w == 32) {
      int shift = 32 * (lane % 2);
      e.bits[lane / 2] |= (WastLiterals.f32(text) & 0xFFFF_FFFFL) << shift;
    } else {
      e.bits[lane] = WastLiterals.f64(text);
    }
  }

  private static List<String> atoms(Node n) {
    return n.items().subList(1, n.items().size()).stream().map(a -> ((Atom) a).text()).toList();
  }

  /** The raw slot contents of a constant: {value} or, for v128, {low, high}. */
  private static long[] constant(Node n) {
    List<String> atoms = atoms(n);
    return switch (n.head()) {
      case "i32.const" -> new long[] {WastLiterals.integer(atoms.getFirst(), 32)};
      case "i64.const" -> new long[] {WastLiterals.integer(atoms.getFirst(), 64)};
      case "f32.const" -> new long[] {WastLiterals.f32(atoms.getFirst()) & 0xFFFF_FFFFL};
      case "f64.const" -> new long[] {WastLiterals.f64(atoms.getFirst())};
      case "v128.const" -> v128(atoms.getFirst(), atoms.subList(1, atoms.size()));
      default -> throw new Unsupported(n.head());
    };
  }

  private static long[] v128(String shape, List<String> lanes) {
    int w = 128 / lanes.size();
    long[] values = new long[lanes.size()];
    for (int i = 0; i < values.length; i++) {
      String t = lanes.get(i);
      values[i] =
          switch (shape) {
            case "f32x4" -> WastLiterals.f32(t);
            case "f64x2" -> WastLiterals.f64(t);
            default -> WastLiterals.integer(t, w);
          };
    }
    return Lanes.ofInts(values, w);
  }

  /** One call: a fresh frame of slots, filled with garbage, evaluating the folded body. */
  private final class Frame {
    private final Func f;
    private final List<long[]> args;
    private final long[] s = new long[1024];
    private int next;

    private record Val(int slot, ValType type) {}

    Frame(Func f, List<long[]> args) {
      this.f = f;
      this.args = args;
      for (int i = 0; i < s.length; i++) {
        s[i] = garbage.nextLong();
      }
    }

    long[] call() {
      if (f.body().isEmpty()) {
        return new long[2];
      }
      Val v = eval(f.body().getFirst());
      if (v == null) {
        return new long[2];
      }
      int at = FP + v.slot();
      return new long[] {s[at], v.type() == ValType.V128 ? s[at + 1] : 0};
    }

    private int alloc() {
      next += 2;
      return next - 2;
    }

    /** Writes a scalar; i32 and f32 get garbage in the upper half, as the slot contract allows. */
    private Val scalar(long value, ValType type) {
      int slot = alloc();
      boolean narrow = type == ValType.I32 || type == ValType.F32;
      s[FP + slot] = narrow ? (value & 0xFFFF_FFFFL) | garbage.nextLong() << 32 : value;
      return new Val(slot, type);
    }

    private Val eval(Node n) {
      String head = n.head();
      switch (head) {
        case "local.get" -> {
          String ref = ((Atom) n.items().get(1)).text();
          Integer index = ref.startsWith("$") ? f.names().get(ref) : Integer.valueOf(ref);
          if (index == null || index >= f.params().size()) {
            throw new Unsupported("local");
          }
          long[] value = args.get(index);
          ValType type = f.params().get(index);
          Val v = scalar(value[0], type);
          if (type == ValType.V128) {
            s[FP + v.slot() + 1] = value[1];
          }
          return v;
        }
        case "i32.const", "i64.const", "f32.const", "f64.const" -> {
          return scalar(constant(n)[0], ALL.get(head).results().getFirst());
        }
        case "drop" -> {
          eval((Node) n.items().get(1));
          return null;
        }
        default -> {}
      }
      Opcode op = SIMD.get(head);
      if (op != null) {
        return simd(op, n);
      }
      Opcode scalar = ALL.get(head);
      if (scalar != null && scalar.prefix() != 0xFD && ScalarOps.supports(head)) {
        return scalarOp(scalar, n);
      }
      throw new Unsupported(head);
    }

    private Val simd(Opcode op, Node n) {
      List<Integer> imm = new ArrayList<>();
      List<Val> operands = new ArrayList<>();
      List<Sexpr> items = n.items().subList(1, n.items().size());
      if (op == Opcode.V128_CONST) {
        List<String> atoms = atoms(n);
        long[] v = v128(atoms.getFirst(), atoms.subList(1, atoms.size()));
        for (long half : v) {
          imm.add((int) half);
          imm.add((int) (half >>> 32));
        }
      } else {
        for (Sexpr item : items) {
          if (item instanceof Atom a) {
            imm.add((int) WastLiterals.integer(a.text(), 32));
          } else {
            operands.add(eval((Node) item));
          }
        }
      }
      if (operands.size() != op.params().size()) {
        throw new Unsupported("operand count of " + op.text());
      }
      int dst = operands.isEmpty() ? alloc() : operands.getFirst().slot();
      int[] code = new int[2 + operands.size() + imm.size()];
      int k = 1; // code[0] is an unrelated word: execute starts at pc = 1
      code[0] = garbage.nextInt();
      code[k++] = dst;
      for (Val v : operands) {
        code[k++] = v.slot();
      }
      for (int word : imm) {
        code[k++] = word;
      }
      Simd.execute(op.code(), s, FP, code, 1);
      return new Val(dst, op.results().getFirst());
    }

    private Val scalarOp(Opcode op, Node n) {
      List<Val> operands = new ArrayList<>();
      for (Sexpr item : n.items().subList(1, n.items().size())) {
        if (!(item instanceof Node m)) {
          throw new Unsupported("immediate");
        }
        operands.add(eval(m));
      }
      if (operands.size() != op.params().size()) {
        throw new Unsupported("operand count of " + op.text());
      }
      long x = operands.isEmpty() ? 0 : s[FP + operands.get(0).slot()];
      long y = operands.size() < 2 ? 0 : s[FP + operands.get(1).slot()];
      return scalar(ScalarOps.apply(op.text(), x, y), op.results().getFirst());
    }
  }
}
