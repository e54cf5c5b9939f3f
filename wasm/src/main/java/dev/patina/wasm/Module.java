package dev.patina.wasm;

import dev.patina.wasm.binary.ModuleDecoder;
import dev.patina.wasm.internal.interp.InterpreterBackend;
import dev.patina.wasm.internal.runtime.ExecutionBackend;
import dev.patina.wasm.internal.runtime.ModuleCode;
import dev.patina.wasm.structure.CustomSection;
import dev.patina.wasm.structure.Export;
import dev.patina.wasm.structure.Import;
import dev.patina.wasm.structure.ImportDesc;
import dev.patina.wasm.structure.WasmModule;
import dev.patina.wasm.text.Wat;
import dev.patina.wasm.validate.ModuleValidator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A decoded, validated and compiled module, ready to be instantiated any number of times. Create
 * one from the binary or the text format; errors are {@link MalformedException} and {@link
 * InvalidException}. Its functions run in the interpreter unless another execution backend (such as
 * the {@code wasm-compiler} module's) is given.
 */
public final class Module {
  private final WasmModule structure;
  private final ExecutionBackend backend;
  private final ModuleCode code;
  private volatile ModuleCode meteredCode;

  private Module(WasmModule structure, ExecutionBackend backend) {
    this.structure = structure;
    this.backend = backend;
    ModuleValidator.validate(structure);
    this.code = backend.prepare(structure, false);
  }

  /** A module from its binary encoding. */
  public static Module fromBinary(byte[] binary) {
    return fromBinary(binary, InterpreterBackend.INSTANCE);
  }

  /** A module from its binary encoding, whose functions {@code backend} runs. */
  public static Module fromBinary(byte[] binary, ExecutionBackend backend) {
    return new Module(ModuleDecoder.decode(binary), backend);
  }

  /** A module from the text format (a {@code (module ...)} or bare module fields). */
  public static Module fromText(String wat) {
    return fromBinary(Wat.toBinary(wat));
  }

  /** A module from the text format, whose functions {@code backend} runs. */
  public static Module fromText(String wat, ExecutionBackend backend) {
    return fromBinary(Wat.toBinary(wat), backend);
  }

  /** A module from a file: binary if it starts with the Wasm magic bytes, else text. */
  public static Module read(Path path) throws IOException {
    return read(path, InterpreterBackend.INSTANCE);
  }

  /** Like {@link #read(Path)}, with {@code backend} running the module's functions. */
  public static Module read(Path path, ExecutionBackend backend) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    return isBinary(bytes)
        ? fromBinary(bytes, backend)
        : fromText(new String(bytes, StandardCharsets.UTF_8), backend);
  }

  /** Like {@link #read(Path)}, for callers that do not handle checked exceptions. */
  public static Module readUnchecked(Path path) {
    try {
      return read(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static boolean isBinary(byte[] bytes) {
    return bytes.length >= 4
        && bytes[0] == 0
        && bytes[1] == 'a'
        && bytes[2] == 's'
        && bytes[3] == 'm';
  }

  WasmModule structure() {
    return structure;
  }

  /** The prepared code; metered code (fuel, interruption) is prepared on first use. */
  ModuleCode code(boolean metered) {
    if (!metered) {
      return code;
    }
    ModuleCode m = meteredCode;
    if (m == null) {
      meteredCode = m = backend.prepare(structure, true);
    }
    return m;
  }

  /** The module's name from its name section, or null. */
  public String name() {
    return structure.names().moduleName();
  }

  public List<ImportType> imports() {
    List<ImportType> out = new ArrayList<>();
    for (Import i : structure.imports()) {
      ExternType type =
          switch (i.desc()) {
            case ImportDesc.Func f -> structure.types().get(f.typeIndex());
            case ImportDesc.Table t -> t.type();
            case ImportDesc.Memory m -> m.type();
            case ImportDesc.Global g -> g.type();
          };
      out.add(new ImportType(i.module(), i.name(), type));
    }
    return out;
  }

  public List<ExportType> exports() {
    List<ExportType> out = new ArrayList<>();
    for (Export e : structure.exports()) {
      out.add(new ExportType(e.name(), e.kind()));
    }
    return out;
  }

  public List<CustomSection> customSections() {
    return structure.customSections();
  }

  /** An import of a module: where it comes from and what type it must have. */
  public record ImportType(String module, String name, ExternType type) {}

  /** An export of a module: its name and kind. */
  public record ExportType(String name, ExternKind kind) {}
}
