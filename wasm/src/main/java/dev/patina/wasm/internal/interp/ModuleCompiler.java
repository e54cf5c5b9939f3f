package dev.patina.wasm.internal.interp;

import dev.patina.wasm.FuncType;
import dev.patina.wasm.internal.runtime.CompiledFunction;
import dev.patina.wasm.structure.WasmModule;
import java.util.stream.IntStream;

/** Compiles every function body of a validated module for the interpreter. */
public final class ModuleCompiler {
  /** Below this many functions, compiling in parallel costs more than it saves. */
  private static final int PARALLEL_THRESHOLD = 64;

  private ModuleCompiler() {}

  /**
   * Compiles every body. Metered code also counts fuel and checks for interruption at the start of
   * every basic block.
   */
  public static CompiledFunction[] compile(WasmModule module, boolean metered) {
    ModuleTypes types = ModuleTypes.of(module);
    CompiledFunction[] out = new CompiledFunction[module.codes().size()];
    IntStream indices = IntStream.range(0, out.length);
    if (out.length >= PARALLEL_THRESHOLD) {
      indices = indices.parallel();
    }
    indices.forEach(
        i -> {
          FuncType type = module.types().get(module.functions()[i]);
          out[i] =
              FunctionCompiler.compile(
                  types, type, module.codes().get(i), module.binary(), metered);
        });
    return out;
  }
}
