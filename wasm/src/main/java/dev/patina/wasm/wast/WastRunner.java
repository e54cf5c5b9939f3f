package dev.patina.wasm.wast;

import dev.patina.wasm.ExhaustionException;
import dev.patina.wasm.Extern;
import dev.patina.wasm.Function;
import dev.patina.wasm.Global;
import dev.patina.wasm.Instance;
import dev.patina.wasm.InvalidException;
import dev.patina.wasm.Linker;
import dev.patina.wasm.MalformedException;
import dev.patina.wasm.Module;
import dev.patina.wasm.Store;
import dev.patina.wasm.TrapException;
import dev.patina.wasm.UnlinkableException;
import dev.patina.wasm.Value;
import dev.patina.wasm.WasmException;
import dev.patina.wasm.internal.interp.InterpreterBackend;
import dev.patina.wasm.internal.runtime.ExecutionBackend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs {@code .wast} scripts: defines modules, registers them, performs actions and checks every
 * assertion. Each module, action and assertion counts as one assertion that passes or fails; a
 * failure never stops the script, and nothing a script does (malformed input, traps, deep
 * recursion) escapes as anything but a recorded failure.
 */
public final class WastRunner {
  private final String file;
  private final Store store;
  private final ExecutionBackend backend;
  private final Linker linker = new Linker();
  private final Map<String, Instance> named = new HashMap<>();
  private final List<WastResult.Failure> failures = new ArrayList<>();
  private Instance current;
  private int passed;

  private WastRunner(String file, Store store, ExecutionBackend backend) {
    this.file = file;
    this.store = store;
    this.backend = backend;
    SpecTestHost.define(linker);
  }

  /** Runs the script in {@code path}. */
  public static WastResult run(Path path) {
    return run(path, new Store());
  }

  /**
   * Runs the script in {@code path} with its modules in {@code store} (e.g. a metered one, to check
   * that fuel and interruption checks change no result).
   */
  public static WastResult run(Path path, Store store) {
    return run(path, store, InterpreterBackend.INSTANCE);
  }

  /** Runs the script in {@code path} with its modules' functions run by {@code backend}. */
  public static WastResult run(Path path, Store store, ExecutionBackend backend) {
    String name = path.toString();
    byte[] source;
    try {
      source = Files.readAllBytes(path);
    } catch (IOException e) {
      return new WastResult(
          name, 0, 1, List.of(new WastResult.Failure(name, 0, "cannot read: " + e.getMessage())));
    }
    return run(source, name, store, backend);
  }

  /** Runs a script given as UTF-8 bytes; {@code name} labels failures. */
  public static WastResult run(byte[] source, String name, Store store) {
    return run(source, name, store, InterpreterBackend.INSTANCE);
  }

  /** Runs a script given as UTF-8 bytes with {@code backend}; {@code name} labels failures. */
  public static WastResult run(byte[] source, String name, Store store, ExecutionBackend backend) {
    WastRunner runner = new WastRunner(name, store, backend);
    List<WastCommand> commands;
    try {
      commands = WastScript.parse(source, name);
    } catch (MalformedException e) {
      runner.fail(0, "script does not parse: " + e.getMessage());
      return runner.result();
    }
    for (WastCommand command : commands) {
      runner.execute(command);
    }
    return runner.result();
  }

  private WastResult result() {
    return new WastResult(file, passed, failures.size(), failures);
  }

  private void fail(int line, String reason) {
    failures.add(new WastResult.Failure(file, line, reason));
  }

  private void execute(WastCommand command) {
    String failure;
    try {
      failure = check(command);
    } catch (Throwable t) {
      // Whatever the command did, the script goes on with the next one.
      failure = "unexpected " + describe(t);
    }
    if (failure == null) {
      passed++;
    } else {
      fail(command.line(), failure);
    }
  }

  /** Performs one command; returns null if it behaved as the script expects, else why not. */
  private String check(WastCommand command) {
    return switch (command) {
      case WastCommand.ModuleCommand m -> {
        current = instantiate(m.source());
        if (m.name() != null) {
          named.put(m.name(), current);
        }
        yield null;
      }
      case WastCommand.Register r -> {
        Instance instance = instance(r.moduleName());
        linker.instance(r.as(), instance);
        yield null;
      }
      case WastCommand.ActionCommand a -> {
        perform(a.action());
        yield null;
      }
      case WastCommand.AssertReturn a -> ResultMatcher.mismatch(a.expected(), perform(a.action()));
      case WastCommand.AssertTrap a -> expectTrap(a.action(), a.message(), false);
      case WastCommand.AssertExhaustion a -> expectTrap(a.action(), a.message(), true);
      case WastCommand.AssertMalformed a ->
          expectError(a.module(), a.message(), MalformedException.class, false);
      case WastCommand.AssertInvalid a ->
          expectError(a.module(), a.message(), InvalidException.class, false);
      case WastCommand.AssertUnlinkable a ->
          expectError(a.module(), a.message(), UnlinkableException.class, true);
      case WastCommand.AssertUninstantiable a ->
          expectError(a.module(), a.message(), TrapException.class, true);
      case WastCommand.Unsupported u -> "unsupported command: " + u.keyword();
    };
  }

  private Instance instantiate(ModuleSource source) {
    Module module = Module.fromBinary(source.encode(), backend);
    return linker.instantiate(store, module);
  }

  private Instance instance(String name) {
    Instance instance = name == null ? current : named.get(name);
    if (instance == null) {
      throw new IllegalStateException(
          name == null ? "no module defined yet" : "no module named " + name);
    }
    return instance;
  }

  private Value[] perform(Action action) {
    Instance instance = instance(action.moduleName());
    Extern export = instance.export(action.field());
    return switch (action) {
      case Action.Invoke invoke -> {
        if (!(export instanceof Function f)) {
          throw new IllegalStateException("no exported function \"" + action.field() + "\"");
        }
        Value[] args = new Value[invoke.args().size()];
        for (int i = 0; i < args.length; i++) {
          args[i] = toValue(invoke.args().get(i));
        }
        yield f.call(args);
      }
      case Action.Get get -> {
        if (!(export instanceof Global g)) {
          throw new IllegalStateException("no exported global \"" + action.field() + "\"");
        }
        yield new Value[] {g.get()};
      }
    };
  }

  private String expectTrap(Action action, String message, boolean exhaustion) {
    try {
      Value[] results = perform(action);
      return "expected a trap (" + message + "), got results " + java.util.Arrays.toString(results);
    } catch (TrapException e) {
      if (exhaustion && !(e instanceof ExhaustionException)) {
        return "expected exhaustion (" + message + "), got trap: " + e.reason();
      }
      if (!exhaustion && e instanceof ExhaustionException) {
        return "expected trap (" + message + "), got exhaustion: " + e.reason();
      }
      return null;
    }
  }

  private String expectError(
      ModuleSource source, String message, Class<? extends WasmException> kind, boolean link) {
    try {
      Module module = Module.fromBinary(source.encode(), backend);
      if (link) {
        linker.instantiate(store, module);
      }
      return "expected "
          + category(kind)
          + " module ("
          + message
          + "), but it "
          + (link ? "instantiated" : "loaded");
    } catch (WasmException e) {
      if (kind.isInstance(e)) {
        return null;
      }
      return "expected " + category(kind) + " module (" + message + "), got " + describe(e);
    }
  }

  private static String category(Class<? extends WasmException> kind) {
    if (kind == MalformedException.class) {
      return "a malformed";
    }
    if (kind == InvalidException.class) {
      return "an invalid";
    }
    if (kind == UnlinkableException.class) {
      return "an unlinkable";
    }
    return "an uninstantiable";
  }

  private static String describe(Throwable t) {
    String kind =
        switch (t) {
          case MalformedException e -> "malformed";
          case InvalidException e -> "invalid";
          case UnlinkableException e -> "unlinkable";
          case ExhaustionException e -> "exhaustion";
          case TrapException e -> "trap";
          default -> t.getClass().getSimpleName();
        };
    String message = t instanceof TrapException trap ? trap.reason() : t.getMessage();
    return kind + ": " + message;
  }

  private static Value toValue(WastValue value) {
    return switch (value) {
      case WastValue.I32 v -> Value.i32(v.value());
      case WastValue.I64 v -> Value.i64(v.value());
      case WastValue.F32 v -> new Value.F32(v.bits());
      case WastValue.F64 v -> new Value.F64(v.bits());
      case WastValue.V128 v -> new Value.V128(v.lo(), v.hi());
      case WastValue.RefNull v -> Value.zero(v.type());
      case WastValue.RefExtern v -> new Value.ExternRef(v.id());
      case WastValue.Unsupported v ->
          throw new IllegalStateException("unsupported argument " + v.text());
    };
  }
}
