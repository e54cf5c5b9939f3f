package dev.patina.wasm.wast;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.patina.wasm.MalformedException;
import dev.patina.wasm.binary.BinaryReader;
import dev.patina.wasm.binary.CodeReader;
import dev.patina.wasm.binary.Opcode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Parses every script of the specification's test suite (found at {@code ../shared/wasm-testsuite}
 * beside the repository; skipped where absent) and encodes every module that is not meant to be
 * malformed. Encodings are checked to decode section by section and instruction by instruction.
 */
class SpecSuiteParseTest {
  private static Path suite(String version) {
    Path dir = Path.of("").toAbsolutePath();
    for (Path d = dir; d != null; d = d.getParent()) {
      Path candidate = d.resolve("shared/wasm-testsuite").resolve(version);
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  private static List<Path> scripts(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".wast")).sorted().toList();
    }
  }

  /** The module of a command, if it is one that must encode. */
  private static ModuleSource moduleToEncode(WastCommand c) {
    return switch (c) {
      case WastCommand.ModuleCommand m -> m.source();
      case WastCommand.AssertInvalid m -> m.module();
      case WastCommand.AssertUnlinkable m -> m.module();
      case WastCommand.AssertUninstantiable m -> m.module();
      default -> null;
    };
  }

  @Test
  void everyScriptOfVersion2ParsesAndEncodes() throws IOException {
    Path root = suite("2.0");
    Assumptions.assumeTrue(root != null, "no ../shared/wasm-testsuite/2.0 beside the repository");
    List<String> failures = new ArrayList<>();
    int files = 0;
    int modules = 0;
    int malformed = 0;
    for (Path file : scripts(root)) {
      files++;
      String name = root.relativize(file).toString();
      List<WastCommand> commands = WastScript.parse(Files.readAllBytes(file), name);
      for (WastCommand c : commands) {
        if (c instanceof WastCommand.Unsupported u) {
          failures.add(name + ":" + u.line() + " unsupported " + u.keyword());
        } else if (c instanceof WastCommand.AssertMalformed m
            && !(m.module() instanceof ModuleSource.Binary)) {
          malformed++;
          try {
            m.module().encode();
            failures.add(name + ":" + c.line() + " should be malformed: " + m.message());
          } catch (MalformedException expected) {
            if (!expected.reason().startsWith(m.message())) {
              failures.add(name + ":" + c.line() + " " + expected.reason() + " for " + m.message());
            }
          }
        } else if (moduleToEncode(c) instanceof ModuleSource source
            && !(source instanceof ModuleSource.Binary)) {
          modules++;
          try {
            checkStructure(source.encode());
          } catch (MalformedException e) {
            failures.add(name + ":" + c.line() + " " + e.getMessage());
          }
        }
      }
    }
    System.out.printf(
        "wasm 2.0 suite: %d scripts, %d text modules encoded, %d malformed ones rejected%n",
        files, modules, malformed);
    assertEquals(List.of(), failures);
    assertTrue(modules > 3000, "too few modules: " + modules);
  }

  @Test
  void laterScriptsParseOrFailAsMalformed() throws IOException {
    Path root = suite("3.0");
    Assumptions.assumeTrue(root != null, "no ../shared/wasm-testsuite/3.0 beside the repository");
    int files = 0;
    int unparsable = 0;
    int modules = 0;
    int notEncodable = 0;
    for (Path file : scripts(root)) {
      files++;
      List<WastCommand> commands;
      try {
        commands = WastScript.parse(Files.readAllBytes(file), file.getFileName().toString());
      } catch (MalformedException e) {
        unparsable++;
        continue;
      }
      for (WastCommand c : commands) {
        ModuleSource source = moduleToEncode(c);
        if (c instanceof WastCommand.AssertMalformed m) {
          source = m.module();
        }
        if (source == null || source instanceof ModuleSource.Binary) {
          continue;
        }
        modules++;
        try {
          source.encode();
        } catch (MalformedException e) {
          if (!(c instanceof WastCommand.AssertMalformed)) {
            notEncodable++;
          }
        }
      }
    }
    System.out.printf(
        "wasm 3.0 suite: %d scripts (%d unparsable), %d text modules, %d beyond 2.0 syntax%n",
        files, unparsable, modules, notEncodable);
    assertTrue(files > 0);
  }

  /** Walks the sections and every function body, as a decoder would. */
  static void checkStructure(byte[] module) {
    BinaryReader r = new BinaryReader(module);
    if (r.f32Bits() != 0x6D736100 || r.f32Bits() != 1) {
      fail("bad header");
    }
    while (!r.atEnd()) {
      int id = r.u8();
      int size = r.u32AsInt("section size");
      int end = r.position() + size;
      if (id == 10) {
        int count = r.u32AsInt("count");
        for (int i = 0; i < count; i++) {
          int bodySize = r.u32AsInt("body size");
          int bodyEnd = r.position() + bodySize;
          int runs = r.u32AsInt("locals");
          for (int k = 0; k < runs; k++) {
            r.u32();
            r.u8();
          }
          checkCode(new CodeReader(module, r.position(), bodyEnd));
          r.position(bodyEnd);
        }
      }
      if (r.position() > end) {
        fail("section " + id + " overruns");
      }
      r.position(end);
    }
  }

  private static void checkCode(CodeReader code) {
    int depth = 0;
    while (true) {
      Opcode op = code.opcode();
      code.skipImmediates(op);
      switch (op) {
        case BLOCK, LOOP, IF -> depth++;
        case END -> {
          if (depth-- == 0) {
            assertTrue(code.atEnd(), "code after the final end");
            return;
          }
        }
        default -> {}
      }
    }
  }
}
