package dev.patina.bench;

import com.dylibso.chicory.runtime.ByteArrayMemory;
import com.dylibso.chicory.runtime.ExportFunction;
import com.dylibso.chicory.wasm.Parser;
import dev.patina.wasm.Function;
import dev.patina.wasm.Linker;
import dev.patina.wasm.Module;
import dev.patina.wasm.Store;
import dev.patina.wasm.Value;
import java.util.Locale;

/** A Wasm engine with one program instantiated in it, ready to call the program's {@code run}. */
public sealed interface Engine {
  /** Calls the program's exported {@code run(n)} and returns its checksum. */
  int run(int n);

  /** The engines compared, by the name used in benchmark parameters. */
  enum Kind {
    PATINA,
    CHICORY;

    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind of(String id) {
      return valueOf(id.toUpperCase(Locale.ROOT));
    }

    public Engine instantiate(byte[] wasm) {
      return switch (this) {
        case PATINA -> new Patina(wasm);
        case CHICORY -> new Chicory(wasm);
      };
    }
  }

  /** Patina's interpreter, through its public embedding API. */
  final class Patina implements Engine {
    private final Function run;

    Patina(byte[] wasm) {
      Module module = Module.fromBinary(wasm);
      run = new Linker().instantiate(new Store(), module).function("run");
    }

    @Override
    public int run(int n) {
      return ((Value.I32) run.call(Value.i32(n))[0]).value();
    }
  }

  /**
   * Chicory's interpreter (its default machine), with its byte-array memory: the faster of its two
   * memory implementations on recent JDKs.
   */
  final class Chicory implements Engine {
    private final ExportFunction run;

    Chicory(byte[] wasm) {
      var module = Parser.parse(wasm);
      var instance =
          com.dylibso.chicory.runtime.Instance.builder(module)
              .withMemoryFactory(ByteArrayMemory::new)
              .build();
      run = instance.export("run");
    }

    @Override
    public int run(int n) {
      return (int) run.apply(n)[0];
    }
  }
}
