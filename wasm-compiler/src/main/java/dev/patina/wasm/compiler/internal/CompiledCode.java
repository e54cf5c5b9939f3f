package dev.patina.wasm.compiler.internal;

import dev.patina.wasm.FuncType;
import dev.patina.wasm.internal.runtime.FunctionInstance;
import dev.patina.wasm.internal.runtime.JvmFunction;
import dev.patina.wasm.internal.runtime.ModuleCode;
import dev.patina.wasm.internal.runtime.ModuleInstance;
import dev.patina.wasm.structure.WasmModule;
import java.lang.reflect.InvocationTargetException;
import java.util.Map;

/** A module's generated classes, loaded: creates the {@link JvmFunction}s of its instances. */
public final class CompiledCode implements ModuleCode {
  private final Map<String, byte[]> classes;
  private final Invoker[] invokers;
  private final int importedFunctions;

  public CompiledCode(WasmModule module, Map<String, byte[]> classes) {
    this.classes = classes;
    ModuleLayout layout = new ModuleLayout(module, false);
    this.importedFunctions = layout.importedFunctions;
    GeneratedClassLoader loader = new GeneratedClassLoader(classes);
    int count =
        (layout.definedFunctions() + DispatchCodegen.FUNCTIONS_PER_INVOKER - 1)
            / DispatchCodegen.FUNCTIONS_PER_INVOKER;
    invokers = new Invoker[count];
    for (int k = 0; k < count; k++) {
      String name = DispatchCodegen.invokerClass(k).replace('/', '.');
      try {
        invokers[k] = (Invoker) loader.loadClass(name).getDeclaredConstructor().newInstance();
      } catch (ClassNotFoundException
          | NoSuchMethodException
          | InstantiationException
          | IllegalAccessException
          | InvocationTargetException e) {
        throw new IllegalStateException("cannot load generated class " + name, e);
      }
    }
  }

  /** The class files, by internal name. */
  public Map<String, byte[]> classes() {
    return classes;
  }

  @Override
  public FunctionInstance function(ModuleInstance instance, int index, int defined, FuncType type) {
    Invoker invoker = invokers[defined / DispatchCodegen.FUNCTIONS_PER_INVOKER];
    return new JvmFunction(type, instance, index, new Entry(invoker, index, instance));
  }
}
