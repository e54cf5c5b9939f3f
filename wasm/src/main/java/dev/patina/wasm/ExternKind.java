package dev.patina.wasm;

/** The kinds of imports and exports, with their binary encoding. */
public enum ExternKind {
  FUNC(0, "func"),
  TABLE(1, "table"),
  MEMORY(2, "memory"),
  GLOBAL(3, "global");

  private final int code;
  private final String text;

  ExternKind(int code, String text) {
    this.code = code;
    this.text = text;
  }

  public int code() {
    return code;
  }

  public String text() {
    return text;
  }

  /** The kind encoded by {@code code}, or {@code null}. */
  public static ExternKind fromCode(int code) {
    return switch (code) {
      case 0 -> FUNC;
      case 1 -> TABLE;
      case 2 -> MEMORY;
      case 3 -> GLOBAL;
      default -> null;
    };
  }
}
