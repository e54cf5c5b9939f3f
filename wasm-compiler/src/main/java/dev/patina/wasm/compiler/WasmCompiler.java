package dev.patina.wasm.compiler;

import dev.patina.wasm.compiler.internal.CompiledCode;
import dev.patina.wasm.compiler.internal.ModuleCodegen;
import dev.patina.wasm.internal.runtime.ExecutionBackend;
import dev.patina.wasm.internal.runtime.ModuleCode;
import dev.patina.wasm.structure.Code;
import dev.patina.wasm.structure.WasmModule;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The compiling execution backend: every function of a module becomes JVM bytecode, which HotSpot
 * then compiles to machine code. Functions too large for one JVM method are split over several, so
 * nothing is left to the interpreter. Use it as {@code Module.fromBinary(bytes,
 * WasmCompiler.backend())}; see {@link AotFile} for compiling ahead of time.
 */
public final class WasmCompiler implements ExecutionBackend {
  private static final WasmCompiler DEFAULT = new WasmCompiler(CompileProgress.NONE, null);

  private final CompileProgress progress;
  private final Consumer<CompileReport> reports;

  private WasmCompiler(CompileProgress progress, Consumer<CompileReport> reports) {
    this.progress = progress;
    this.reports = reports;
  }

  /** The compiler with default settings. */
  public static WasmCompiler backend() {
    return DEFAULT;
  }

  /** A compiler that reports its progress on each module it compiles. */
  public static WasmCompiler withProgress(CompileProgress progress) {
    return new WasmCompiler(Objects.requireNonNull(progress), null);
  }

  /**
   * This compiler, also telling {@code reports} what it generated for each module it compiles
   * (which JVM methods hold which function): for diagnostics, profilers and tests. The code is the
   * same as without a report.
   */
  public WasmCompiler withReports(Consumer<CompileReport> reports) {
    return new WasmCompiler(progress, Objects.requireNonNull(reports));
  }

  @Override
  public ModuleCode prepare(WasmModule module, boolean metered) {
    int total = module.codes().size();
    ModuleCodegen.Output out =
        ModuleCodegen.generate(module, metered, done -> progress.update(done, total));
    if (reports != null) {
      reports.accept(report(module, out));
    }
    return new CompiledCode(module, out.classes());
  }

  /** The generated class files of a validated module, by internal class name. */
  static Map<String, byte[]> classes(WasmModule module, boolean metered, CompileProgress progress) {
    int total = module.codes().size();
    return ModuleCodegen.compile(module, metered, done -> progress.update(done, total));
  }

  static CompileReport report(WasmModule module, ModuleCodegen.Output out) {
    int imported = module.importCount(dev.patina.wasm.ExternKind.FUNC);
    List<CompileReport.Function> functions = new ArrayList<>();
    List<CompileReport.Method> current = new ArrayList<>();
    int function = -1;
    for (ModuleCodegen.GeneratedMethod m : out.methods()) {
      if (m.function() != function) {
        if (function >= 0) {
          functions.add(function(module, imported, function, current));
        }
        function = m.function();
        current = new ArrayList<>();
      }
      current.add(new CompileReport.Method(m.owner().replace('/', '.'), m.name(), m.bytes()));
    }
    if (function >= 0) {
      functions.add(function(module, imported, function, current));
    }
    return new CompileReport(functions);
  }

  private static CompileReport.Function function(
      WasmModule module, int imported, int index, List<CompileReport.Method> methods) {
    Code code = module.codes().get(index - imported);
    return new CompileReport.Function(
        index, module.names().functionNames().get(index), code.end() - code.start(), methods);
  }
}
