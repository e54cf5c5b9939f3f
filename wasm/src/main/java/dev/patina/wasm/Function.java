package dev.patina.wasm;

import dev.patina.wasm.internal.interp.Interpreter;
import dev.patina.wasm.internal.runtime.CallStack;
import dev.patina.wasm.internal.runtime.FunctionInstance;
import dev.patina.wasm.internal.runtime.HostFunctionInstance;
import dev.patina.wasm.internal.runtime.JvmFunction;
import dev.patina.wasm.internal.runtime.WasmFunction;
import java.util.List;

/** A callable function: exported by an instance, or implemented by the host. */
public final class Function implements Extern {
  private final FunctionInstance instance;

  Function(FunctionInstance instance) {
    this.instance = instance;
  }

  /** A host function of the given type. {@code name} appears in backtraces and error messages. */
  public static Function host(String name, FuncType type, HostFunction body) {
    List<ValType> params = type.params();
    List<ValType> results = type.results();
    return new Function(
        new HostFunctionInstance(
            type,
            name,
            (stack, base) -> {
              Value[] args = new Value[params.size()];
              int slot = base;
              for (int i = 0; i < args.length; i++) {
                args[i] = Values.read(params.get(i), stack.slots(), stack.refs(), slot);
                slot += params.get(i).slots();
              }
              Value[] out = body.call(new Caller(stack.caller), args);
              if (out == null) {
                out = new Value[0];
              }
              Values.check(results, out, "host function " + name + " result");
              slot = base;
              for (int i = 0; i < out.length; i++) {
                Values.write(out[i], stack.slots(), stack.refs(), slot);
                slot += results.get(i).slots();
              }
            }));
  }

  FunctionInstance instance() {
    return instance;
  }

  @Override
  public FuncType type() {
    return instance.type();
  }

  /**
   * Calls the function. Arguments must match the parameter types.
   *
   * @throws TrapException if the function traps (including exhaustion)
   * @throws IllegalArgumentException if the arguments do not match the type
   */
  public Value[] call(Value... args) {
    FuncType type = instance.type();
    Values.check(type.params(), args, "call");
    CallStack stack = CallStacks.current();
    int base = stack.top;
    int frame = Math.max(instance.paramSlots(), instance.resultSlots());
    stack.ensureSlots(base + frame);
    int slot = base;
    for (int i = 0; i < args.length; i++) {
      Values.write(args[i], stack.slots(), stack.refs(), slot);
      slot += args[i].type().slots();
    }
    int oldDepth = stack.depth;
    int oldMaxDepth = stack.maxDepth();
    if (oldDepth == 0) {
      // The outermost call on this thread sets the depth limit of the function's store.
      if (instance instanceof WasmFunction w) {
        stack.maxDepth(w.instance().store.maxCallDepth);
      } else if (instance instanceof JvmFunction j) {
        stack.maxDepth(j.instance().store.maxCallDepth);
      }
    }
    try {
      Interpreter.invoke(instance, stack, base);
    } finally {
      stack.depth = oldDepth;
      stack.top = base;
      stack.maxDepth(oldMaxDepth);
    }
    Value[] results = new Value[type.results().size()];
    slot = base;
    for (int i = 0; i < results.length; i++) {
      ValType t = type.results().get(i);
      results[i] = Values.read(t, stack.slots(), stack.refs(), slot);
      slot += t.slots();
    }
    // Drop references so the stack does not keep host objects alive.
    java.util.Arrays.fill(stack.refs(), base, base + frame, null);
    return results;
  }

  /** The name of this function in its module's name section, or null. */
  public String name() {
    return switch (instance) {
      case WasmFunction w -> w.name();
      case HostFunctionInstance h -> h.name();
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Function f && f.instance == instance;
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(instance);
  }

  @Override
  public String toString() {
    String name = name();
    return "function " + (name == null ? "" : name + " ") + type();
  }
}
