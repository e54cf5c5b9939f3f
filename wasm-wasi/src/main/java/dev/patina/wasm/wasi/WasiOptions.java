package dev.patina.wasm.wasi;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a WASI program is given: arguments, environment, standard streams, preopened directories and
 * listening sockets. Nothing is given unless asked for: no environment, empty standard input,
 * standard output and error discarded, no directories, no sockets.
 *
 * <pre>{@code
 * WasiOptions options = WasiOptions.builder()
 *     .args("prog", "input.txt")
 *     .env("LANG", "C")
 *     .inheritStdio()
 *     .preopen(Path.of("data"), "/data")
 *     .build();
 * }</pre>
 */
public final class WasiOptions {
  private static final InputStream EMPTY = InputStream.nullInputStream();

  private final List<String> args;
  private final Map<String, String> env;
  private final InputStream stdin;
  private final OutputStream stdout;
  private final OutputStream stderr;
  private final boolean terminal;
  private final List<Preopen> preopens;
  private final List<ServerSocketChannel> listeners;
  private final SecureRandom random;

  private WasiOptions(Builder b) {
    this.args = List.copyOf(b.args);
    this.env = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.env));
    this.stdin = b.stdin;
    this.stdout = b.stdout;
    this.stderr = b.stderr;
    this.terminal = b.terminal;
    this.preopens = List.copyOf(b.preopens);
    this.listeners = List.copyOf(b.listeners);
    this.random = b.random;
  }

  public static Builder builder() {
    return new Builder();
  }

  public List<String> args() {
    return args;
  }

  public Map<String, String> env() {
    return env;
  }

  public InputStream stdin() {
    return stdin;
  }

  public OutputStream stdout() {
    return stdout;
  }

  public OutputStream stderr() {
    return stderr;
  }

  /** Whether the standard streams are reported to the program as a terminal. */
  public boolean terminal() {
    return terminal;
  }

  public List<Preopen> preopens() {
    return preopens;
  }

  public List<ServerSocketChannel> listeners() {
    return listeners;
  }

  public SecureRandom random() {
    return random;
  }

  public static final class Builder {
    private final List<String> args = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private InputStream stdin = EMPTY;
    private OutputStream stdout = OutputStream.nullOutputStream();
    private OutputStream stderr = OutputStream.nullOutputStream();
    private boolean terminal;
    private final List<Preopen> preopens = new ArrayList<>();
    private final List<ServerSocketChannel> listeners = new ArrayList<>();
    private SecureRandom random;

    private Builder() {}

    /** The program's arguments; the first is its name ({@code argv[0]}). */
    public Builder args(String... args) {
      return args(List.of(args));
    }

    public Builder args(List<String> args) {
      this.args.clear();
      this.args.addAll(args);
      return this;
    }

    public Builder arg(String arg) {
      args.add(Objects.requireNonNull(arg));
      return this;
    }

    /** Sets an environment variable (a later call for the same name replaces it). */
    public Builder env(String name, String value) {
      if (name.isEmpty() || name.indexOf('=') >= 0) {
        throw new IllegalArgumentException("bad environment variable name \"" + name + "\"");
      }
      env.put(name, Objects.requireNonNull(value));
      return this;
    }

    /** Gives the program every variable of this process's environment (sorted by name). */
    public Builder inheritEnv() {
      new TreeMap<>(System.getenv()).forEach(env::putIfAbsent);
      return this;
    }

    public Builder stdin(InputStream in) {
      this.stdin = Objects.requireNonNull(in);
      return this;
    }

    public Builder stdout(OutputStream out) {
      this.stdout = Objects.requireNonNull(out);
      return this;
    }

    public Builder stderr(OutputStream err) {
      this.stderr = Objects.requireNonNull(err);
      return this;
    }

    /** Connects the program to this process's standard input, output and error. */
    public Builder inheritStdio() {
      this.stdin = System.in;
      this.stdout = System.out;
      this.stderr = System.err;
      java.io.Console console = System.console();
      this.terminal = console != null && console.isTerminal();
      return this;
    }

    /** Whether the standard streams are reported as a terminal (character device). */
    public Builder terminal(boolean terminal) {
      this.terminal = terminal;
      return this;
    }

    public Builder preopen(Preopen preopen) {
      preopens.add(Objects.requireNonNull(preopen));
      return this;
    }

    /** Preopens the directory {@code host} (any file system) as {@code guest}, read-write. */
    public Builder preopen(Path host, String guest) {
      return preopen(Preopen.of(host, guest));
    }

    /**
     * Hands the program a listening socket (as {@code wasmtime run --tcplisten}): it appears as a
     * descriptor before the preopened directories, numbered from 3, for {@code sock_accept}.
     */
    public Builder listener(ServerSocketChannel listener) {
      listeners.add(Objects.requireNonNull(listener));
      return this;
    }

    /** The source of {@code random_get} (default: a new {@link SecureRandom}). */
    public Builder random(SecureRandom random) {
      this.random = Objects.requireNonNull(random);
      return this;
    }

    public WasiOptions build() {
      if (random == null) {
        random = new SecureRandom();
      }
      return new WasiOptions(this);
    }
  }
}
