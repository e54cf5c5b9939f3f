package dev.patina.wasm.compiler;

import dev.patina.wasm.MalformedException;
import dev.patina.wasm.Module;
import dev.patina.wasm.binary.ModuleDecoder;
import dev.patina.wasm.compiler.internal.CompiledCode;
import dev.patina.wasm.internal.runtime.ExecutionBackend;
import dev.patina.wasm.internal.runtime.ModuleCode;
import dev.patina.wasm.structure.WasmModule;
import dev.patina.wasm.validate.ModuleValidator;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Ahead-of-time compiled modules ({@code .pwasm}, like wasmtime's {@code .cwasm}): the module's
 * binary and the JVM classes compiled from it, so that loading skips code generation. A file is
 * only loaded by the Patina version that wrote it, and only if the module inside still has the
 * SHA-256 recorded beside it.
 *
 * <p>Layout (big-endian): the magic {@code "PWASM\r\n\0"}, format version (int), Patina version
 * (UTF), SHA-256 of the module (32 bytes), metered flag, module length and bytes, class count, then
 * per class its internal name (UTF), length and bytes.
 */
public final class AotFile {
  private static final byte[] MAGIC = {'P', 'W', 'A', 'S', 'M', '\r', '\n', 0};
  private static final int FORMAT = 2;

  private AotFile() {}

  /** The version of Patina this compiler belongs to; files from other versions are refused. */
  public static String patinaVersion() {
    try (InputStream in = AotFile.class.getResourceAsStream("version.properties")) {
      Properties p = new Properties();
      if (in != null) {
        p.load(in);
      }
      return p.getProperty("version", "unknown");
    } catch (IOException e) {
      return "unknown";
    }
  }

  /** Whether {@code bytes} start like an ahead-of-time file. */
  public static boolean isAotFile(byte[] bytes) {
    return bytes.length >= MAGIC.length && Arrays.equals(Arrays.copyOf(bytes, MAGIC.length), MAGIC);
  }

  /**
   * Compiles a module (binary format) ahead of time; returns the file's bytes.
   *
   * @throws MalformedException or {@link dev.patina.wasm.InvalidException} for a bad module
   */
  public static byte[] compile(byte[] wasm, CompileProgress progress) {
    WasmModule module = ModuleDecoder.decode(wasm);
    ModuleValidator.validate(module);
    Map<String, byte[]> classes = WasmCompiler.classes(module, false, progress);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.writeInt(FORMAT);
      out.writeUTF(patinaVersion());
      out.write(sha256(wasm));
      out.writeBoolean(false);
      out.writeInt(wasm.length);
      out.write(wasm);
      out.writeInt(classes.size());
      for (Map.Entry<String, byte[]> c : classes.entrySet()) {
        out.writeUTF(c.getKey());
        out.writeInt(c.getValue().length);
        out.write(c.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Compiles the module in {@code input} (binary or text) and writes the file {@code output}. */
  public static void compile(Path input, Path output, CompileProgress progress) throws IOException {
    byte[] wasm = Files.readAllBytes(input);
    if (!Module.isBinary(wasm)) {
      wasm =
          dev.patina.wasm.text.Wat.toBinary(
              new String(wasm, java.nio.charset.StandardCharsets.UTF_8));
    }
    Files.write(output, compile(wasm, progress));
  }

  /** Loads an ahead-of-time file written by {@link #compile}. */
  public static Module load(Path path) throws IOException {
    return load(Files.readAllBytes(path));
  }

  /**
   * Loads an ahead-of-time file: the module is decoded and validated again (cheap), its classes are
   * loaded as they are. Metered code (for stores with fuel or interruption) is compiled when first
   * needed.
   *
   * @throws MalformedException if the file is damaged, from another Patina version, or its module
   *     does not match its recorded hash
   */
  public static Module load(byte[] file) {
    try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(file))) {
      byte[] magic = in.readNBytes(MAGIC.length);
      if (!Arrays.equals(magic, MAGIC)) {
        throw new MalformedException("not a Patina ahead-of-time file (bad magic)");
      }
      int format = in.readInt();
      String version = in.readUTF();
      if (format != FORMAT || !version.equals(patinaVersion())) {
        throw new MalformedException(
            "ahead-of-time file from Patina "
                + version
                + " (format "
                + format
                + "); this is Patina "
                + patinaVersion()
                + ": compile the module again");
      }
      byte[] hash = in.readNBytes(32);
      in.readBoolean();
      byte[] wasm = in.readNBytes(in.readInt());
      if (!Arrays.equals(hash, sha256(wasm))) {
        throw new MalformedException("ahead-of-time file damaged: module hash mismatch");
      }
      int count = in.readInt();
      Map<String, byte[]> classes = new LinkedHashMap<>();
      for (int i = 0; i < count; i++) {
        String name = in.readUTF();
        classes.put(name, in.readNBytes(in.readInt()));
      }
      return Module.fromBinary(wasm, new Precompiled(hash, classes));
    } catch (IOException e) {
      throw new MalformedException("ahead-of-time file truncated: " + e.getMessage());
    }
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The backend of a loaded file: its classes for plain code, the compiler for metered code. */
  private record Precompiled(byte[] hash, Map<String, byte[]> classes) implements ExecutionBackend {
    @Override
    public ModuleCode prepare(WasmModule module, boolean metered) {
      if (metered || !Arrays.equals(hash, sha256(module.binary()))) {
        return WasmCompiler.backend().prepare(module, metered);
      }
      return new CompiledCode(module, classes);
    }
  }
}
