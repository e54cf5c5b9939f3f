package dev.patina.wasm;

/**
 * One frame of a Wasm backtrace: the module name (or null), the function index, its name from the
 * {@code name} section (or null), and the byte offset of the instruction in the module binary (or
 * -1 when unknown).
 */
public record WasmFrame(String moduleName, int functionIndex, String functionName, int offset) {
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder();
    if (moduleName != null) {
      out.append(moduleName).append('!');
    }
    out.append(functionName != null ? functionName : "<wasm function " + functionIndex + ">");
    if (offset >= 0) {
      out.append(" @ 0x").append(Integer.toHexString(offset));
    }
    return out.toString();
  }
}
