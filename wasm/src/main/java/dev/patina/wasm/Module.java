package dev.patina.wasm;

import dev.patina.wasm.binary.ModuleDecoder;
import dev.patina.wasm.internal.interp.ModuleCompiler;
import dev.patina.wasm.internal.runtime.CompiledFunction;
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
 * InvalidException}.
 */
public final class Module {
  private final WasmModule structure;
  private final CompiledFunction[] code;
  private volatile CompiledFunction[] meteredCode;

  private Module(WasmModule structure) {
    this.structure = structure;
    ModuleValidator.validate(structure);
    this.code = ModuleCompiler.compile(structure, false);
  }

  /** A module from its binary encoding. */
  public static Module fromBinary(byte[] binary) {
    return new Module(ModuleDecoder.decode(binary));
  }

  /** A module from the text format (a {@code (module ...)} or bare module fields). */
  public static Module fromText(String wat) {
    return fromBinary(Wat.toBinary(wat));
  }

  /** A module from a file: binary if it starts with the Wasm magic bytes, else text. */
  public static Module read(Path path) throws IOException {
    byte[] bytes = Files.readAllBytes(path);
    return isBinary(bytes)
        ? fromBinary(bytes)
        : fromText(new String(bytes, StandardCharsets.UTF_8));
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

  /** The compiled code; metered code (fuel, interruption) is compiled on first use. */
  CompiledFunction[] code(boolean metered) {
    if (!metered) {
      return code;
    }
    CompiledFunction[] m = meteredCode;
    if (m == null) {
      meteredCode = m = ModuleCompiler.compile(structure, true);
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
