package dev.patina.wasm.compiler;

/** Told how many of a module's functions are compiled, now and then, from any thread. */
@FunctionalInterface
public interface CompileProgress {
  CompileProgress NONE = (done, total) -> {};

  void update(int done, int total);
}
