package dev.patina.wasm.compiler;

import java.util.Comparator;
import java.util.List;

/**
 * What the compiler made of one module: the JVM methods generated for each defined function. For
 * diagnostics, profiling and tests: a profiler or JFR shows these method names, and a function
 * split into parts (see {@code docs/wasm-compiler.md}) has one method per part.
 *
 * @param functions the defined functions, in index order
 */
public record CompileReport(List<Function> functions) {
  public CompileReport {
    functions = List.copyOf(functions);
  }

  /**
   * One Wasm function.
   *
   * @param index the function's index (imports included)
   * @param name its name from the module's name section, or null
   * @param wasmBytes the size of its body in the module
   * @param methods its JVM methods: the function's own method first, then its parts
   */
  public record Function(int index, String name, int wasmBytes, List<Method> methods) {
    public Function {
      methods = List.copyOf(methods);
    }

    /** Whether the function was split over several JVM methods. */
    public boolean split() {
      return methods.size() > 1;
    }
  }

  /**
   * One generated JVM method.
   *
   * @param className the binary name of its class ({@code dev.patina.wasm.gen.F0})
   * @param methodName its name: {@code f<index>}, or {@code f<index>$<part>} for a part
   * @param bytecodeBytes the size of its bytecode (estimated while generating: exact but for
   *     switches and wide local indices); HotSpot compiles only methods under 8000 bytes
   */
  public record Method(String className, String methodName, int bytecodeBytes) {
    /** {@code class::method}, the form JFR's method filters take. */
    public String qualifiedName() {
      return className + "::" + methodName;
    }
  }

  /** The function with index {@code index}. */
  public Function function(int index) {
    for (Function f : functions) {
      if (f.index() == index) {
        return f;
      }
    }
    throw new IllegalArgumentException("no defined function " + index);
  }

  /** The defined function with the largest body (the first of equals). */
  public Function largest() {
    return functions.stream()
        .max(Comparator.comparingInt(Function::wasmBytes).thenComparing(f -> -f.index()))
        .orElseThrow(() -> new IllegalStateException("the module defines no function"));
  }
}
