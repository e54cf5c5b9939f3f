package dev.patina.wasm.compiler.internal;

import dev.patina.wasm.ExhaustionException;
import dev.patina.wasm.ExitException;
import dev.patina.wasm.TrapException;
import dev.patina.wasm.WasmFrame;
import dev.patina.wasm.internal.runtime.ModuleInstance;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A trap on its way out of generated code. Every generated function catches what its trapping
 * instructions throw and adds its own frame (function and byte offset of the instruction) here; the
 * entry that called into generated code turns it back into the {@link TrapException} with the whole
 * Wasm backtrace. Collecting frames in one growing array keeps deep unwinds linear.
 */
public final class Unwind extends RuntimeException {
  private final TrapException trap;
  private ModuleInstance[] instances = new ModuleInstance[8];
  private int[] functions = new int[8];
  private int[] offsets = new int[8];
  private int size;

  private Unwind(TrapException trap) {
    super(null, null, false, false);
    this.trap = trap;
  }

  /**
   * What a generated handler throws for {@code thrown}, caught at the instruction at module byte
   * {@code offset} of function {@code function}: the trap it means, with this frame added. Exits
   * and errors that are not traps pass through unchanged.
   */
  public static RuntimeException unwind(
      Throwable thrown, int offset, int function, ModuleInstance instance) {
    Unwind u =
        switch (thrown) {
          case Unwind w -> w;
          case TrapException t -> new Unwind(t);
          case IndexOutOfBoundsException e ->
              new Unwind(new TrapException("out of bounds memory access"));
          case StackOverflowError e -> new Unwind(new ExhaustionException("call stack exhausted"));
          case ExitException e -> null;
          case RuntimeException e -> null;
          case Error e -> throw e;
          default -> throw new IllegalStateException(thrown);
        };
    if (u == null) {
      return (RuntimeException) thrown;
    }
    u.add(instance, function, offset);
    return u;
  }

  private void add(ModuleInstance instance, int function, int offset) {
    if (size == functions.length) {
      instances = Arrays.copyOf(instances, size * 2);
      functions = Arrays.copyOf(functions, size * 2);
      offsets = Arrays.copyOf(offsets, size * 2);
    }
    instances[size] = instance;
    functions[size] = function;
    offsets[size] = offset;
    size++;
  }

  /** The trap, its backtrace extended by the frames collected here (innermost first). */
  public TrapException toTrap() {
    List<WasmFrame> frames = new ArrayList<>(trap.backtrace().size() + size);
    frames.addAll(trap.backtrace());
    for (int i = 0; i < size; i++) {
      ModuleInstance m = instances[i];
      frames.add(
          new WasmFrame(m.moduleName(), functions[i], m.functionName(functions[i]), offsets[i]));
    }
    trap.withBacktrace(frames);
    return trap;
  }
}
