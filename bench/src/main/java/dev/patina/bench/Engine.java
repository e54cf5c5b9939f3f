package dev.patina.bench;

import com.dylibso.chicory.compiler.MachineFactoryCompiler;
import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.runtime.ImportValues;
import com.dylibso.chicory.wasi.WasiPreview1;
import com.dylibso.chicory.wasm.Parser;
import com.dylibso.chicory.wasm.WasmModule;
import dev.patina.wasm.Function;
import dev.patina.wasm.Linker;
import dev.patina.wasm.Module;
import dev.patina.wasm.Store;
import dev.patina.wasm.Value;
import dev.patina.wasm.compiler.WasmCompiler;
import dev.patina.wasm.internal.interp.InterpreterBackend;
import dev.patina.wasm.internal.runtime.ExecutionBackend;
import dev.patina.wasm.wasi.Wasi;
import dev.patina.wasm.wasi.WasiOptions;
import java.util.Locale;

/**
 * A Wasm engine with one program instantiated in it, ready to call the program's {@code run}.
 * Programs that import WASI (SQLite) get each engine's WASI with no arguments, files or
 * environment; a WASI reactor's {@code _initialize} is called once before {@code run}.
 */
public interface Engine {
  /** Calls the program's exported {@code run(n)} and returns its checksum. */
  int run(int n);

  /** The engines compared, by the name used in benchmark parameters. */
  enum Kind {
    /** Patina's interpreter. */
    PATINA("patina"),
    /** Chicory's interpreter. */
    CHICORY("chicory"),
    /** Patina's compiler to JVM bytecode ({@code wasm-compiler}). */
    PATINA_COMPILED("patina-compiled"),
    /** Chicory's compiler to JVM bytecode ({@code com.dylibso.chicory:compiler}). */
    CHICORY_COMPILER("chicory-compiler"),
    /** GraalWasm on Truffle (JIT-compiled by Graal when JVMCI and the compiler are there). */
    GRAALWASM("graalwasm");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    public static Kind of(String id) {
      for (Kind k : values()) {
        if (k.id.equals(id.toLowerCase(Locale.ROOT))) {
          return k;
        }
      }
      throw new IllegalArgumentException("unknown engine " + id);
    }

    public Engine instantiate(byte[] wasm) {
      return switch (this) {
        case PATINA -> new Patina(wasm, InterpreterBackend.INSTANCE);
        case CHICORY -> new Chicory(wasm, false);
        case PATINA_COMPILED -> new Patina(wasm, WasmCompiler.backend());
        case CHICORY_COMPILER -> new Chicory(wasm, true);
        case GRAALWASM -> GraalWasm.instantiate(wasm);
      };
    }
  }

  /** Patina through its public embedding API, with the given backend. */
  final class Patina implements Engine {
    private final Function run;

    Patina(byte[] wasm, ExecutionBackend backend) {
      Module module = Module.fromBinary(wasm, backend);
      Linker linker = new Linker();
      if (module.imports().stream().anyMatch(i -> i.module().equals(Wasi.MODULE))) {
        new Wasi(WasiOptions.builder().build()).define(linker);
      }
      var instance = linker.instantiate(new Store(), module);
      if (instance.export("_initialize") instanceof Function init) {
        init.call();
      }
      run = instance.function("run");
    }

    @Override
    public int run(int n) {
      return ((Value.I32) run.call(Value.i32(n))[0]).value();
    }
  }

  /**
   * Chicory: its interpreter (default machine) or its compiler ({@link MachineFactoryCompiler},
   * which compiles the module when the instance is built), with its byte-array memory: the faster
   * of its two memory implementations on recent JDKs.
   */
  final class Chicory implements Engine {
    private final ExportFunction run;

    Chicory(byte[] wasm, boolean compile) {
      WasmModule module = Parser.parse(wasm);
      var builder =
          com.dylibso.chicory.runtime.Instance.builder(module)
              .withMemoryFactory(ByteArrayMemory::new);
      if (module.importSection().stream()
          .anyMatch(i -> i.module().equals("wasi_snapshot_preview1"))) {
        WasiPreview1 wasi = WasiPreview1.builder().build();
        builder.withImportValues(
            ImportValues.builder().addFunction(wasi.toHostFunctions()).build());
      }
      if (compile) {
        builder.withMachineFactory(MachineFactoryCompiler.compile(module));
      }
      var instance = builder.withStart(false).build();
      if (hasExport(module, "_initialize")) {
        instance.export("_initialize").apply();
      }
      run = instance.export("run");
    }

    private static boolean hasExport(WasmModule module, String name) {
      var exports = module.exportSection();
      for (int i = 0; i < exports.exportCount(); i++) {
        if (exports.getExport(i).name().equals(name)) {
          return true;
        }
      }
      return false;
    }

    @Override
    public int run(int n) {
      return (int) run.apply(n)[0];
    }
  }
}
