package dev.patina.wasm.compiler.internal;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.V21;

import dev.patina.wasm.structure.Code;
import dev.patina.wasm.structure.WasmModule;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.tree.MethodNode;

/**
 * Compiles every function of a validated module to JVM classes: functions in parallel (each to a
 * method tree), then the classes that hold them, the dispatch class and the invokers. The result is
 * class files by internal name, ready to load or to write to an ahead-of-time file.
 */
public final class ModuleCodegen {
  private ModuleCodegen() {}

  /**
   * The class files of {@code module}. {@code progress} is told the number of functions compiled so
   * far, now and then (from any thread).
   */
  public static Map<String, byte[]> compile(
      WasmModule module, boolean metered, IntConsumer progress) {
    return generate(module, metered, progress).classes();
  }

  /**
   * The class files of a module and where each generated function method went.
   *
   * @param classes class files by internal name
   * @param methods the methods of defined functions ({@code f<index>} and the parts {@code
   *     f<index>$<part>}), in function order, each with its class
   */
  public record Output(Map<String, byte[]> classes, List<GeneratedMethod> methods) {}

  /**
   * A generated function method.
   *
   * @param function the Wasm function's index
   * @param owner its class (internal name)
   * @param name the method's name
   * @param bytes its estimated bytecode size
   */
  public record GeneratedMethod(int function, String owner, String name, int bytes) {}

  /** Like {@link #compile}, also telling which methods were generated where. */
  public static Output generate(WasmModule module, boolean metered, IntConsumer progress) {
    ModuleLayout layout = new ModuleLayout(module, metered);
    int defined = layout.definedFunctions();
    List<List<MethodNode>> methods = new ArrayList<>(java.util.Collections.nCopies(defined, null));
    AtomicInteger done = new AtomicInteger();
    IntStream indices = IntStream.range(0, defined);
    if (defined >= 16) {
      indices = indices.parallel();
    }
    indices.forEach(
        i -> {
          int function = layout.importedFunctions + i;
          methods.set(i, compileFunction(layout, function, module.codes().get(i)));
          int n = done.incrementAndGet();
          if ((n & 63) == 0 || n == defined) {
            progress.accept(n);
          }
        });
    Map<String, byte[]> classes = new LinkedHashMap<>();
    List<MethodNode> all = new ArrayList<>();
    int[] functionOf = new int[0];
    for (int i = 0; i < defined; i++) {
      List<MethodNode> m = methods.get(i);
      if (functionOf.length < all.size() + m.size()) {
        functionOf = java.util.Arrays.copyOf(functionOf, 2 * (all.size() + m.size()));
      }
      for (int k = 0; k < m.size(); k++) {
        functionOf[all.size() + k] = layout.importedFunctions + i;
      }
      all.addAll(m);
    }
    methods.clear();
    int budget = CONSTANT_BUDGET;
    while (true) {
      List<List<MethodNode>> packed = pack(all, budget);
      Map<String, String> owners = new java.util.HashMap<>();
      for (int c = 0; c < packed.size(); c++) {
        for (MethodNode m : packed.get(c)) {
          owners.put(m.name, functionClass(c));
        }
      }
      for (MethodNode m : all) {
        for (var insn : m.instructions) {
          if (insn instanceof org.objectweb.asm.tree.MethodInsnNode call
              && (call.owner.equals(ModuleLayout.PENDING_OWNER)
                  || call.owner.startsWith(ModuleLayout.PACKAGE + "F"))) {
            call.owner = owners.get(call.name);
          }
        }
      }
      byte[][] bytes = new byte[packed.size()][];
      try {
        IntStream classIndices = IntStream.range(0, packed.size());
        if (packed.size() > 1) {
          classIndices = classIndices.parallel();
        }
        classIndices.forEach(c -> bytes[c] = functionClass(c, packed.get(c)));
      } catch (org.objectweb.asm.ClassTooLargeException e) {
        budget /= 2;
        continue;
      }
      for (int c = 0; c < packed.size(); c++) {
        classes.put(functionClass(c), bytes[c]);
      }
      layout.owners = owners;
      break;
    }
    DispatchCodegen dispatch = new DispatchCodegen(layout);
    classes.put(ModuleLayout.DISPATCH, dispatch.dispatchClass());
    for (int k = 0; k < dispatch.invokerCount(); k++) {
      int first = layout.importedFunctions + k * DispatchCodegen.FUNCTIONS_PER_INVOKER;
      int end =
          Math.min(layout.functionTypes.length, first + DispatchCodegen.FUNCTIONS_PER_INVOKER);
      classes.put(DispatchCodegen.invokerClass(k), dispatch.invokerClass(k, first, end));
    }
    List<GeneratedMethod> generated = new ArrayList<>(all.size());
    for (int k = 0; k < all.size(); k++) {
      MethodNode m = all.get(k);
      generated.add(
          new GeneratedMethod(
              functionOf[k], layout.owners.get(m.name), m.name, ((SizedMethodNode) m).bytes));
    }
    return new Output(classes, generated);
  }

  /** Bytecode bytes above which a function is split: HotSpot does not JIT methods over 8000. */
  static final int SPLIT_ABOVE = Integer.getInteger("patina.wasm.compiler.splitAbove", 7500);

  /** The JVM's limit on a method's bytecode. */
  static final int MAX_METHOD = 65535;

  /**
   * The methods of one function: one if it fits, else its own method and the parts it was split
   * into (see {@link SplitPlan}).
   */
  static List<MethodNode> compileFunction(ModuleLayout layout, int function, Code body) {
    FunctionCodegen first = new FunctionCodegen(layout, function, body);
    SizedMethodNode whole = first.generate();
    if (whole.bytes <= SPLIT_ABOVE) {
      return List.of(whole);
    }
    int target = Integer.getInteger("patina.wasm.compiler.splitTarget", SplitPlan.TARGET);
    List<MethodNode> acceptable = null;
    int acceptableLargest = Integer.MAX_VALUE;
    while (true) {
      SplitPlan plan =
          SplitPlan.plan(first.trace, layout.module.binary(), body.start(), body.end(), target);
      if (plan.parts.isEmpty()) {
        if (whole.bytes < MAX_METHOD) {
          return List.of(whole);
        }
        throw new IllegalStateException(
            "function " + function + " is too large for a JVM method and cannot be split");
      }
      List<MethodNode> out = new ArrayList<>();
      out.add(new FunctionCodegen(layout, function, body, plan, null).generate());
      // Parts in the order their callers are generated: each caller records a part's context.
      java.util.ArrayDeque<SplitPlan.Part> queue = new java.util.ArrayDeque<>(plan.topLevel);
      while (!queue.isEmpty()) {
        SplitPlan.Part p = queue.poll();
        out.add(new FunctionCodegen(layout, function, body, plan, p).generate());
        queue.addAll(p.children);
      }
      int largest = 0;
      for (MethodNode m : out) {
        largest = Math.max(largest, ((SizedMethodNode) m).bytes);
      }
      // A part's method is larger than the run it was planned from (loading and storing the
      // shared locals, exits): plan again with a smaller target until every method is one that
      // HotSpot compiles; failing that, one the JVM accepts.
      if (largest <= SPLIT_ABOVE) {
        return out;
      }
      if (largest < MAX_METHOD - 1000 && largest < acceptableLargest) {
        acceptable = out;
        acceptableLargest = largest;
      }
      if (target < 500) {
        if (acceptable != null) {
          return acceptable;
        }
        return out;
      }
      target = target * 2 / 3;
    }
  }

  /** Estimated constant pool entries a class may fill: well below the limit of 65535. */
  static final int CONSTANT_BUDGET = 40_000;

  /** Methods a class may hold. */
  static final int METHODS_PER_CLASS = 2000;

  static String functionClass(int c) {
    return ModuleLayout.PACKAGE + "F" + c;
  }

  /** Groups methods (a function's methods stay together) into classes within the budget. */
  private static List<List<MethodNode>> pack(List<MethodNode> all, int budget) {
    List<List<MethodNode>> out = new ArrayList<>();
    List<MethodNode> current = new ArrayList<>();
    int used = 0;
    for (MethodNode m : all) {
      int cost = constants(m);
      if (!current.isEmpty() && (used + cost > budget || current.size() >= METHODS_PER_CLASS)) {
        out.add(current);
        current = new ArrayList<>();
        used = 0;
      }
      current.add(m);
      used += cost;
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  /** A pessimistic count of the constant pool entries a method adds. */
  private static int constants(MethodNode m) {
    int n = 4;
    for (var insn : m.instructions) {
      switch (insn) {
        case org.objectweb.asm.tree.LdcInsnNode ldc -> n += 2;
        case org.objectweb.asm.tree.MethodInsnNode call ->
            n += call.owner.equals(ModuleLayout.PENDING_OWNER) ? 4 : 1;
        case org.objectweb.asm.tree.FieldInsnNode field -> n += 1;
        default -> {}
      }
    }
    return n;
  }

  private static byte[] functionClass(int c, List<MethodNode> methods) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(
        V21, ACC_PUBLIC | ACC_FINAL | ACC_SUPER, functionClass(c), null, "java/lang/Object", null);
    for (MethodNode m : methods) {
      m.accept(cw);
    }
    cw.visitEnd();
    return cw.toByteArray();
  }
}
