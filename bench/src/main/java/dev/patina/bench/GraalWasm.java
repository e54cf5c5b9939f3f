package dev.patina.bench;

import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.ByteSequence;

/**
 * GraalWasm ({@code org.graalvm.polyglot:wasm}) through the polyglot API. Its code is JIT-compiled
 * by the Graal compiler only when the JVM runs with JVMCI and the compiler on the upgrade module
 * path (see bench/run-compiler.sh); otherwise Truffle falls back to interpreting it. The polyglot
 * jars are not in the benchmark jar: run-compiler.sh puts them on the module path of GraalWasm's
 * forks only, so this class is loaded in no other fork.
 */
final class GraalWasm implements Engine {
  private final Context context;
  private final Value run;

  private GraalWasm(byte[] wasm) {
    context =
        Context.newBuilder("wasm")
            .option("wasm.Builtins", "wasi_snapshot_preview1")
            .option("engine.WarnInterpreterOnly", "false")
            .build();
    Source source = Source.newBuilder("wasm", ByteSequence.create(wasm), "program").buildLiteral();
    Value instance = context.eval(source).newInstance();
    Value exports = instance.getMember("exports");
    if (exports.hasMember("_initialize")) {
      exports.getMember("_initialize").execute();
    }
    run = exports.getMember("run");
  }

  static Engine instantiate(byte[] wasm) {
    return new GraalWasm(wasm);
  }

  /** Whether Truffle runs with an optimizing (JIT) runtime here. */
  static String runtimeName() {
    try (var engine = org.graalvm.polyglot.Engine.newBuilder("wasm").build()) {
      return engine.getImplementationName();
    }
  }

  @Override
  public int run(int n) {
    return run.execute(n).asInt();
  }
}
