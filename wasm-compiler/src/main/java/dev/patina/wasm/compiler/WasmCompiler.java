package dev.patina.wasm.compiler;

import dev.patina.wasm.compiler.internal.CompiledCode;
import dev.patina.wasm.compiler.internal.ModuleCodegen;
import dev.patina.wasm.internal.runtime.ExecutionBackend;
import dev.patina.wasm.internal.runtime.ModuleCode;
import dev.patina.wasm.structure.WasmModule;
import java.util.Map;

/**
 * The compiling execution backend: every function of a module becomes JVM bytecode, which HotSpot
 * then compiles to machine code. Functions too large for one JVM method are split over several, so
 * nothing is left to the interpreter. Use it as {@code Module.fromBinary(bytes,
 * WasmCompiler.backend())}; see {@link AotFile} for compiling ahead of time.
 */
public final class WasmCompiler implements ExecutionBackend {
  private static final WasmCompiler DEFAULT = new WasmCompiler(CompileProgress.NONE);

  private final CompileProgress progress;

  private WasmCompiler(CompileProgress progress) {
    this.progress = progress;
  }

  /** The compiler with default settings. */
  public static WasmCompiler backend() {
    return DEFAULT;
  }

  /** A compiler that reports its progress on each module it compiles. */
  public static WasmCompiler withProgress(CompileProgress progress) {
    return new WasmCompiler(progress);
  }

  @Override
  public ModuleCode prepare(WasmModule module, boolean metered) {
    return new CompiledCode(module, classes(module, metered, progress));
  }

  /** The generated class files of a validated module, by internal class name. */
  static Map<String, byte[]> classes(WasmModule module, boolean metered, CompileProgress progress) {
    int total = module.codes().size();
    return ModuleCodegen.compile(module, metered, done -> progress.update(done, total));
  }
}
