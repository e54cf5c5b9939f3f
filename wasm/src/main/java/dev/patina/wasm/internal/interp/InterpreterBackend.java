package dev.patina.wasm.internal.interp;

import dev.patina.wasm.FuncType;
import dev.patina.wasm.internal.runtime.CompiledFunction;
import dev.patina.wasm.internal.runtime.ExecutionBackend;
import dev.patina.wasm.internal.runtime.FunctionInstance;
import dev.patina.wasm.internal.runtime.ModuleCode;
import dev.patina.wasm.internal.runtime.ModuleInstance;
import dev.patina.wasm.internal.runtime.WasmFunction;
import dev.patina.wasm.structure.WasmModule;

/** The default backend: functions are translated to interpreter code and run by the interpreter. */
public final class InterpreterBackend implements ExecutionBackend {
  public static final InterpreterBackend INSTANCE = new InterpreterBackend();

  private InterpreterBackend() {}

  @Override
  public ModuleCode prepare(WasmModule module, boolean metered) {
    CompiledFunction[] code = ModuleCompiler.compile(module, metered);
    return new Code(code);
  }

  private record Code(CompiledFunction[] code) implements ModuleCode {
    @Override
    public FunctionInstance function(
        ModuleInstance instance, int index, int defined, FuncType type) {
      return new WasmFunction(type, instance, index, code[defined]);
    }
  }
}
