package dev.patina.wasm.compiler;

import dev.patina.wasm.compiler.internal.CompiledCode;
import dev.patina.wasm.compiler.internal.ModuleCodegen;
import dev.patina.wasm.internal.runtime.ExecutionBackend;
import dev.patina.wasm.internal.runtime.ModuleCode;
import dev.patina.wasm.structure.WasmModule;
import java.util.Map;

/**
 * The compiling execution backend: every function of a module becomes JVM bytecode, which HotSpot
 * then compiles to machine code. Use it as {@code Module.fromBinary(bytes,
 * WasmCompiler.backend())}.
 */
public final class WasmCompiler implements ExecutionBackend {
  private static final WasmCompiler DEFAULT = new WasmCompiler();

  private WasmCompiler() {}

  /** The compiler with default settings. */
  public static WasmCompiler backend() {
    return DEFAULT;
  }

  @Override
  public ModuleCode prepare(WasmModule module, boolean metered) {
    Map<String, byte[]> classes = ModuleCodegen.compile(module, metered, n -> {});
    return new CompiledCode(module, classes);
  }
}
