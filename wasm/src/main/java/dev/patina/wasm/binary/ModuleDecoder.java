package dev.patina.wasm.binary;

import dev.patina.wasm.ExternKind;
import dev.patina.wasm.FuncType;
import dev.patina.wasm.MalformedException;
import dev.patina.wasm.MemoryType;
import dev.patina.wasm.TableType;
import dev.patina.wasm.ValType;
import dev.patina.wasm.structure.Code;
import dev.patina.wasm.structure.CustomSection;
import dev.patina.wasm.structure.DataSegment;
import dev.patina.wasm.structure.ElementSegment;
import dev.patina.wasm.structure.Export;
import dev.patina.wasm.structure.Global;
import dev.patina.wasm.structure.Import;
import dev.patina.wasm.structure.ImportDesc;
import dev.patina.wasm.structure.NameSection;
import dev.patina.wasm.structure.WasmModule;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Decodes the WebAssembly 2.0 binary format into a {@link WasmModule}, checking that it is well
 * formed (but not valid: see the validator). Every error is a {@link MalformedException} with the
 * reference interpreter's wording and the byte offset.
 *
 * <p>Like the reference interpreter, a section's contents are read against the whole binary and its
 * size is checked afterwards ("section size mismatch"); lengths are checked against the bytes left
 * in the binary ("length out of bounds"). This reproduces the spec suite's expected messages for
 * truncated and oversized sections alike.
 */
public final class ModuleDecoder {
  private static final int MAGIC = 0x6D736100; // "\0asm", little-endian
  private static final int VERSION = 1;

  /** The most locals a function may declare; like wasmtime, to bound what a body can allocate. */
  public static final int MAX_LOCALS = 50_000;

  private static final int CUSTOM = 0;
  private static final int TYPE = 1;
  private static final int IMPORT = 2;
  private static final int FUNCTION = 3;
  private static final int TABLE = 4;
  private static final int MEMORY = 5;
  private static final int GLOBAL = 6;
  private static final int EXPORT = 7;
  private static final int START = 8;
  private static final int ELEMENT = 9;
  private static final int CODE = 10;
  private static final int DATA = 11;
  private static final int DATA_COUNT = 12;

  private final byte[] binary;
  private final CodeReader reader;
  private final ExpressionScanner scanner = new ExpressionScanner();
  private final SegmentDecoder segments;

  private final List<FuncType> types = new ArrayList<>();
  private final List<Import> imports = new ArrayList<>();
  private int[] functions = new int[0];
  private final List<TableType> tables = new ArrayList<>();
  private final List<MemoryType> memories = new ArrayList<>();
  private final List<Global> globals = new ArrayList<>();
  private final List<Export> exports = new ArrayList<>();
  private int start = -1;
  private final List<ElementSegment> elements = new ArrayList<>();
  private int dataCount = -1;
  private final List<Code> codes = new ArrayList<>();
  private final List<DataSegment> data = new ArrayList<>();
  private final List<CustomSection> customSections = new ArrayList<>();
  private boolean bodiesUseDataIndex;

  private ModuleDecoder(byte[] binary) {
    this.binary = binary;
    this.reader = new CodeReader(binary, 0, binary.length);
    this.segments = new SegmentDecoder(reader, scanner);
  }

  /** Decodes a module binary; throws {@link MalformedException} if it is not well formed. */
  public static WasmModule decode(byte[] bytes) {
    return new ModuleDecoder(bytes).module();
  }

  private WasmModule module() {
    header();
    int lastRank = 0;
    while (!reader.atEnd()) {
      int idOffset = reader.position();
      int id = reader.u8();
      if (id > DATA_COUNT) {
        throw BinaryReader.error("malformed section id", idOffset);
      }
      if (id != CUSTOM) {
        // Non-custom sections come at most once each, in a fixed order (data count before code).
        int rank = rank(id);
        if (rank <= lastRank) {
          throw BinaryReader.error("unexpected content after last section", idOffset);
        }
        lastRank = rank;
      }
      int size = reader.length();
      int contentStart = reader.position();
      section(id, size);
      if (reader.position() != contentStart + size) {
        throw BinaryReader.error("section size mismatch", contentStart);
      }
    }
    int end = binary.length;
    if (functions.length != codes.size()) {
      throw BinaryReader.error("function and code section have inconsistent lengths", end);
    }
    if (dataCount >= 0 && dataCount != data.size()) {
      throw BinaryReader.error("data count and data section have inconsistent lengths", end);
    }
    if (dataCount < 0 && bodiesUseDataIndex) {
      throw BinaryReader.error("data count section required", end);
    }
    return new WasmModule(
        List.copyOf(types),
        List.copyOf(imports),
        functions,
        List.copyOf(tables),
        List.copyOf(memories),
        List.copyOf(globals),
        List.copyOf(exports),
        start,
        List.copyOf(elements),
        dataCount,
        List.copyOf(codes),
        List.copyOf(data),
        List.copyOf(customSections),
        names(),
        binary);
  }

  private void header() {
    if (binary.length < 4) {
      throw BinaryReader.error(BinaryReader.UNEXPECTED_END, binary.length);
    }
    if (reader.f32Bits() != MAGIC) {
      throw BinaryReader.error("magic header not detected", 0);
    }
    if (binary.length < 8) {
      throw BinaryReader.error(BinaryReader.UNEXPECTED_END, binary.length);
    }
    if (reader.f32Bits() != VERSION) {
      throw BinaryReader.error("unknown binary version", 4);
    }
  }

  /** The position of a non-custom section in the required order. */
  private static int rank(int id) {
    return switch (id) {
      case DATA_COUNT -> CODE;
      case CODE -> DATA;
      case DATA -> DATA_COUNT;
      default -> id;
    };
  }

  private void section(int id, int size) {
    switch (id) {
      case CUSTOM -> custom(size);
      case TYPE -> {
        int n = reader.length();
        for (int i = 0; i < n; i++) {
          types.add(TypeDecoder.funcType(reader));
        }
      }
      case IMPORT -> {
        int n = reader.length();
        for (int i = 0; i < n; i++) {
          imports.add(importEntry());
        }
      }
      case FUNCTION -> {
        int n = reader.length();
        functions = new int[n];
        for (int i = 0; i < n; i++) {
          functions[i] = reader.u32();
        }
      }
      case TABLE -> {
        int n = reader.length();
        for (int i = 0; i < n; i++) {
          tables.add(TypeDecoder.tableType(reader));
        }
      }
      case MEMORY -> {
        int n = reader.length();
        for (int i = 0; i < n; i++) {
          memories.add(TypeDecoder.memoryType(reader));
        }
      }
      case GLOBAL -> {
        int n = reader.length();
        for (int i = 0; i < n; i++) {
          globals.add(new Global(TypeDecoder.globalType(reader), segments.constExpr()));
        }
      }
      case EXPORT -> {
        int n = reader.length();
        for (int i = 0; i < n; i++) {
          exports.add(exportEntry());
        }
      }
      case START -> start = reader.u32();
      case ELEMENT -> {
        int n = reader.length();
        for (int i = 0; i < n; i++) {
          elements.add(segments.element());
        }
      }
      case CODE -> {
        int n = reader.length();
        for (int i = 0; i < n; i++) {
          codes.add(code());
        }
      }
      case DATA -> {
        int n = reader.length();
        for (int i = 0; i < n; i++) {
          data.add(segments.data());
        }
      }
      case DATA_COUNT -> dataCount = reader.u32();
      default -> throw new IllegalStateException("section id " + id);
    }
  }

  private void custom(int size) {
    int contentStart = reader.position();
    String name = reader.name();
    int payloadLength = contentStart + size - reader.position();
    if (payloadLength < 0) {
      // The name ran past the section.
      throw BinaryReader.error(BinaryReader.UNEXPECTED_END, reader.position());
    }
    int payloadOffset = reader.position();
    customSections.add(new CustomSection(name, reader.bytes(payloadLength), payloadOffset));
  }

  private Import importEntry() {
    String module = reader.name();
    String name = reader.name();
    int kindOffset = reader.position();
    ImportDesc desc =
        switch (reader.u8()) {
          case 0x00 -> new ImportDesc.Func(reader.u32());
          case 0x01 -> new ImportDesc.Table(TypeDecoder.tableType(reader));
          case 0x02 -> new ImportDesc.Memory(TypeDecoder.memoryType(reader));
          case 0x03 -> new ImportDesc.Global(TypeDecoder.globalType(reader));
          default -> throw BinaryReader.error("malformed import kind", kindOffset);
        };
    return new Import(module, name, desc);
  }

  private Export exportEntry() {
    String name = reader.name();
    int kindOffset = reader.position();
    ExternKind kind = ExternKind.fromCode(reader.u8());
    if (kind == null) {
      throw BinaryReader.error("malformed export kind", kindOffset);
    }
    return new Export(name, kind, reader.u32());
  }

  /** One function body: its size, local declarations and instructions through the final end. */
  private Code code() {
    int size = reader.length();
    int bodyStart = reader.position();
    ValType[] locals = locals();
    int codeStart = reader.position();
    bodiesUseDataIndex |= scanner.scan(reader);
    if (reader.position() != bodyStart + size) {
      throw BinaryReader.error("section size mismatch", bodyStart);
    }
    return new Code(locals, codeStart, reader.position());
  }

  /**
   * Local declarations, run-length encoded. All are read before the total is checked, so a
   * malformed declaration is reported as such, and nothing is expanded before the cap is known to
   * hold.
   */
  private ValType[] locals() {
    int declarationsOffset = reader.position();
    int n = reader.length();
    int[] counts = new int[n];
    ValType[] types = new ValType[n];
    long total = 0;
    for (int i = 0; i < n; i++) {
      counts[i] = reader.u32();
      types[i] = reader.valType();
      total += counts[i] & 0xFFFFFFFFL;
    }
    if (total > MAX_LOCALS) {
      throw BinaryReader.error("too many locals", declarationsOffset);
    }
    ValType[] locals = new ValType[(int) total];
    int at = 0;
    for (int i = 0; i < n; i++) {
      Arrays.fill(locals, at, at + counts[i], types[i]);
      at += counts[i];
    }
    return locals;
  }

  /** The first {@code name} custom section, or nothing if it is absent or malformed. */
  private NameSection names() {
    for (CustomSection section : customSections) {
      if (section.name().equals("name")) {
        NameSection names = NameSectionParser.parse(section.payload());
        return names == null ? NameSection.EMPTY : names;
      }
    }
    return NameSection.EMPTY;
  }
}
