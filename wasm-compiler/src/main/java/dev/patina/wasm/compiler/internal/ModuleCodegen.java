package dev.patina.wasm.compiler.internal;

import static org.objectweb.asm.Opcodes.ACC_FINAL;
import static org.objectweb.asm.Opcodes.ACC_PUBLIC;
import static org.objectweb.asm.Opcodes.ACC_SUPER;
import static org.objectweb.asm.Opcodes.V21;

import dev.patina.wasm.structure.WasmModule;
import java.util.LinkedHashMap;
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
    ModuleLayout layout = new ModuleLayout(module, metered);
    int defined = layout.definedFunctions();
    MethodNode[] methods = new MethodNode[defined];
    AtomicInteger done = new AtomicInteger();
    IntStream indices = IntStream.range(0, defined);
    if (defined >= 16) {
      indices = indices.parallel();
    }
    indices.forEach(
        i -> {
          int function = layout.importedFunctions + i;
          methods[i] = new FunctionCodegen(layout, function, module.codes().get(i)).generate();
          int n = done.incrementAndGet();
          if ((n & 63) == 0 || n == defined) {
            progress.accept(n);
          }
        });
    Map<String, byte[]> classes = new LinkedHashMap<>();
    int classCount = layout.classCount();
    byte[][] functionClasses = new byte[classCount][];
    IntStream classIndices = IntStream.range(0, classCount);
    if (classCount > 1) {
      classIndices = classIndices.parallel();
    }
    classIndices.forEach(c -> functionClasses[c] = functionClass(layout, methods, c));
    for (int c = 0; c < classCount; c++) {
      classes.put(ModuleLayout.PACKAGE + "F" + c, functionClasses[c]);
    }
    DispatchCodegen dispatch = new DispatchCodegen(layout);
    classes.put(ModuleLayout.DISPATCH, dispatch.dispatchClass());
    for (int k = 0; k < dispatch.invokerCount(); k++) {
      int first = layout.importedFunctions + k * DispatchCodegen.FUNCTIONS_PER_INVOKER;
      int end =
          Math.min(layout.functionTypes.length, first + DispatchCodegen.FUNCTIONS_PER_INVOKER);
      classes.put(DispatchCodegen.invokerClass(k), dispatch.invokerClass(k, first, end));
    }
    return classes;
  }

  private static byte[] functionClass(ModuleLayout layout, MethodNode[] methods, int c) {
    ClassWriter cw = new ClassWriter(ClassWriter.COMPUTE_MAXS);
    cw.visit(
        V21,
        ACC_PUBLIC | ACC_FINAL | ACC_SUPER,
        ModuleLayout.PACKAGE + "F" + c,
        null,
        "java/lang/Object",
        null);
    int first = c * ModuleLayout.FUNCTIONS_PER_CLASS;
    int end = Math.min(methods.length, first + ModuleLayout.FUNCTIONS_PER_CLASS);
    for (int i = first; i < end; i++) {
      methods[i].accept(cw);
      methods[i] = null;
    }
    cw.visitEnd();
    return cw.toByteArray();
  }
}
