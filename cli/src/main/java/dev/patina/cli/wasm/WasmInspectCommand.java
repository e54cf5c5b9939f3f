package dev.patina.cli.wasm;

import dev.patina.wasm.FuncType;
import dev.patina.wasm.MalformedException;
import dev.patina.wasm.ValType;
import dev.patina.wasm.binary.BinaryReader;
import dev.patina.wasm.binary.ModuleDecoder;
import dev.patina.wasm.structure.CustomSection;
import dev.patina.wasm.structure.DataSegment;
import dev.patina.wasm.structure.ElementSegment;
import dev.patina.wasm.structure.Export;
import dev.patina.wasm.structure.Global;
import dev.patina.wasm.structure.Import;
import dev.patina.wasm.structure.ImportDesc;
import dev.patina.wasm.structure.WasmModule;
import dev.patina.wasm.text.Wat;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code patina wasm inspect}: the sections of a module with their sizes, then its imports,
 * exports, functions and custom sections, as {@code wasm-objdump -h -x} shows them.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
      "Shows the structure of a WebAssembly module: every section with its offset and size,",
      "then the details: types, imports, functions, tables, memories, globals, exports, start,",
      "element and data segments, and custom sections (as wasm-objdump -h -x does).",
    },
    footer = {"", "Example:", "  patina wasm inspect program.wasm"})
public final class WasmInspectCommand implements Callable<Integer> {
  private static final String[] SECTION_NAMES = {
    "Custom",
    "Type",
    "Import",
    "Function",
    "Table",
    "Memory",
    "Global",
    "Export",
    "Start",
    "Elem",
    "Code",
    "Data",
    "DataCount"
  };

  @Parameters(index = "0", paramLabel = "FILE", description = "The module: .wasm or .wat.")
  Path file;

  @Override
  public Integer call() throws Exception {
    byte[] bytes = Files.readAllBytes(file);
    if (!dev.patina.wasm.Module.isBinary(bytes)) {
      bytes = Wat.toBinary(new String(bytes, StandardCharsets.UTF_8));
    }
    WasmModule module = ModuleDecoder.decode(bytes);
    PrintStream out = System.out;
    out.println(file.getFileName() + ": file format wasm 0x1, " + bytes.length + " bytes");
    out.println();
    out.println("Sections:");
    printSections(bytes, module, out);
    out.println();
    out.println("Section Details:");
    printDetails(module, out);
    return 0;
  }

  private static void printSections(byte[] bytes, WasmModule module, PrintStream out) {
    BinaryReader reader = new BinaryReader(bytes, 8, bytes.length);
    int custom = 0;
    while (!reader.atEnd()) {
      int id = reader.u8();
      int size = reader.u32();
      int start = reader.position();
      if (id >= SECTION_NAMES.length) {
        throw new MalformedException("malformed section id " + id);
      }
      String name = SECTION_NAMES[id];
      String extra = "";
      if (id == 0) {
        extra = " \"" + module.customSections().get(custom++).name() + "\"";
      } else if (id != 8 && id != 12) {
        extra = " count: " + new BinaryReader(bytes, start, start + size).u32();
      }
      out.printf(
          "%9s start=0x%08x end=0x%08x (size=0x%08x)%s%n", name, start, start + size, size, extra);
      reader.position(start + size);
    }
  }

  private static void printDetails(WasmModule m, PrintStream out) {
    section(out, "Type", m.types().size());
    for (int i = 0; i < m.types().size(); i++) {
      out.println(" - type[" + i + "] " + signature(m.types().get(i)));
    }
    section(out, "Import", m.imports().size());
    int funcIndex = 0;
    for (Import i : m.imports()) {
      String what =
          switch (i.desc()) {
            case ImportDesc.Func f ->
                "func[" + funcIndex++ + "] sig=" + f.typeIndex() + name(m, funcIndex - 1);
            case ImportDesc.Table t -> "table " + t.type().elementType() + " " + t.type().limits();
            case ImportDesc.Memory mem -> "memory pages: " + mem.type().limits();
            case ImportDesc.Global g ->
                "global " + g.type().valType() + (g.type().mutable() ? " mutable" : "");
          };
      out.println(" - " + what + " <- " + i.module() + "." + i.name());
    }
    int imported = funcIndex;
    section(out, "Function", m.functions().length);
    for (int i = 0; i < m.functions().length; i++) {
      int index = imported + i;
      int size = m.codes().get(i).end() - m.codes().get(i).start();
      out.println(
          " - func["
              + index
              + "] sig="
              + m.functions()[i]
              + name(m, index)
              + " locals="
              + m.codes().get(i).locals().length
              + " code="
              + size
              + " bytes");
    }
    section(out, "Table", m.tables().size());
    m.tables().forEach(t -> out.println(" - " + t.elementType() + " " + t.limits()));
    section(out, "Memory", m.memories().size());
    m.memories().forEach(t -> out.println(" - pages: " + t.limits()));
    section(out, "Global", m.globals().size());
    for (Global g : m.globals()) {
      out.println(" - " + g.type().valType() + (g.type().mutable() ? " mutable" : ""));
    }
    section(out, "Export", m.exports().size());
    for (Export e : m.exports()) {
      out.println(" - " + e.kind().text() + "[" + e.index() + "] -> \"" + e.name() + "\"");
    }
    if (m.start() >= 0) {
      out.println("Start:");
      out.println(" - start function: " + m.start() + name(m, m.start()));
    }
    section(out, "Elem", m.elements().size());
    for (ElementSegment e : m.elements()) {
      out.println(
          " - "
              + e.mode().name().toLowerCase()
              + " "
              + e.type()
              + " count="
              + e.init().size()
              + (e.offset() != null ? " table=" + e.tableIndex() : ""));
    }
    section(out, "Data", m.data().size());
    for (DataSegment d : m.data()) {
      out.println(
          " - "
              + d.mode().name().toLowerCase()
              + " size="
              + d.bytes().length
              + (d.offset() != null ? " memory=" + d.memoryIndex() : ""));
    }
    section(out, "Custom", m.customSections().size());
    for (CustomSection c : m.customSections()) {
      out.println(" - \"" + c.name() + "\" size=" + c.payload().length);
    }
  }

  private static void section(PrintStream out, String name, int count) {
    if (count > 0) {
      out.println(name + "[" + count + "]:");
    }
  }

  private static String name(WasmModule m, int functionIndex) {
    String name = m.names().functionNames().get(functionIndex);
    return name == null ? "" : " <" + name + ">";
  }

  private static String signature(FuncType t) {
    return "("
        + t.params().stream().map(ValType::text).collect(Collectors.joining(", "))
        + ") -> "
        + (t.results().size() == 1
            ? t.results().get(0).text()
            : "("
                + t.results().stream().map(ValType::text).collect(Collectors.joining(", "))
                + ")");
  }
}
