package dev.patina.wasm.wasi;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A directory the program may use: {@code host} (on any {@link java.nio.file.FileSystem}, e.g. an
 * in-memory one) appears to the guest as {@code guest}. Nothing outside it can be reached through
 * it: not by {@code ..}, absolute paths or symbolic links. A read-only preopen refuses every change
 * with {@code EPERM}, as wasmtime's read-only directories do.
 */
public record Preopen(Path host, String guest, boolean readOnly) {
  public Preopen {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(guest, "guest");
  }

  public static Preopen of(Path host, String guest) {
    return new Preopen(host, guest, false);
  }

  public static Preopen readOnly(Path host, String guest) {
    return new Preopen(host, guest, true);
  }

  /**
   * Parses the command line's form {@code HOST[::GUEST][:ro]} (wasmtime's {@code --dir
   * HOST::GUEST}, plus {@code :ro} for read-only). Without {@code ::GUEST}, the guest sees the
   * directory under the same name as the host path given.
   */
  public static Preopen parse(String spec) {
    boolean readOnly = false;
    String s = spec;
    if (s.endsWith(":ro") && !s.endsWith("::ro")) {
      readOnly = true;
      s = s.substring(0, s.length() - 3);
    } else if (s.endsWith(":rw") && !s.endsWith("::rw")) {
      s = s.substring(0, s.length() - 3);
    }
    int sep = s.indexOf("::");
    String host = sep < 0 ? s : s.substring(0, sep);
    String guest = sep < 0 ? s : s.substring(sep + 2);
    if (host.isEmpty() || guest.isEmpty()) {
      throw new IllegalArgumentException(
          "bad directory \"" + spec + "\": expected HOST[::GUEST][:ro]");
    }
    return new Preopen(Path.of(host), guest, readOnly);
  }
}
