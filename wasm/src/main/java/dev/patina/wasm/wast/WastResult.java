package dev.patina.wasm.wast;

import java.util.List;

/** The outcome of running one script: assertions passed and failed, and each failure. */
public record WastResult(String file, int passed, int failed, List<Failure> failures) {
  public WastResult {
    failures = List.copyOf(failures);
  }

  /** One failed command: where it is and why it failed. */
  public record Failure(String file, int line, String reason) {
    @Override
    public String toString() {
      return file + ":" + line + ": " + reason;
    }
  }
}
