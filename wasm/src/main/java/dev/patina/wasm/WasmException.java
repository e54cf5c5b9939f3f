package dev.patina.wasm;

/**
 * The root of Patina's WebAssembly errors. The subclasses are the specification's own categories: a
 * module can be malformed (cannot be decoded or parsed), invalid (fails validation), unlinkable
 * (its imports cannot be satisfied), or a running module can trap (including exhausting a
 * resource).
 */
public abstract sealed class WasmException extends RuntimeException
    permits MalformedException,
        InvalidException,
        UnlinkableException,
        TrapException,
        ExitException {
  protected WasmException(String message) {
    super(message);
  }

  protected WasmException(String message, Throwable cause) {
    super(message, cause);
  }
}
