package dev.patina.wasm.binary;

import static dev.patina.wasm.binary.Leb128Test.assertMalformed;
import static dev.patina.wasm.binary.WasmBytes.body;
import static dev.patina.wasm.binary.WasmBytes.bytes;
import static dev.patina.wasm.binary.WasmBytes.codeSection;
import static dev.patina.wasm.binary.WasmBytes.concat;
import static dev.patina.wasm.binary.WasmBytes.module;
import static dev.patina.wasm.binary.WasmBytes.section;
import static dev.patina.wasm.binary.WasmBytes.vecSection;
import static dev.patina.wasm.binary.WasmBytes.voidFunctions;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.wasm.ExternKind;
import dev.patina.wasm.FuncType;
import dev.patina.wasm.GlobalType;
import dev.patina.wasm.Limits;
import dev.patina.wasm.ValType;
import dev.patina.wasm.structure.ConstExpr;
import dev.patina.wasm.structure.ImportDesc;
import dev.patina.wasm.structure.NameSection;
import dev.patina.wasm.structure.SegmentMode;
import dev.patina.wasm.structure.WasmModule;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModuleDecoderTest {
  private static final byte[][] ONE_FUNC = voidFunctions(1);

  private static WasmModule decode(byte[]... sections) {
    return ModuleDecoder.decode(module(sections));
  }

  private static void assertModuleMalformed(String reason, byte[]... sections) {
    assertMalformed(reason, () -> decode(sections));
  }

  private static byte[] name(String s) {
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    return concat(bytes(utf8.length), utf8);
  }

  @Test
  void emptyModule() {
    WasmModule m = decode();
    assertTrue(m.types().isEmpty());
    assertEquals(-1, m.start());
    assertEquals(-1, m.dataCount());
    assertEquals(NameSection.EMPTY, m.names());
  }

  @Test
  void header() {
    assertMalformed("unexpected end", () -> ModuleDecoder.decode(bytes()));
    assertMalformed("unexpected end", () -> ModuleDecoder.decode(bytes(0, 0x61, 0x73)));
    assertMalformed(
        "magic header not detected", () -> ModuleDecoder.decode(bytes(0, 0x41, 0x53, 0x4D, 1)));
    assertMalformed("unexpected end", () -> ModuleDecoder.decode(bytes(0, 0x61, 0x73, 0x6D, 1)));
    assertMalformed(
        "unknown binary version",
        () -> ModuleDecoder.decode(bytes(0, 0x61, 0x73, 0x6D, 2, 0, 0, 0)));
  }

  @Test
  void everySection() {
    byte[] types = vecSection(1, 2, 0x60, 0, 0, 0x60, 2, 0x7F, 0x7E, 1, 0x7B);
    byte[] imports =
        section(
            2,
            concat(
                bytes(4),
                name("m"),
                name("f"),
                bytes(0x00, 1),
                name("m"),
                name("t"),
                bytes(0x01, 0x70, 0x01, 1, 10),
                name("m"),
                name("mem"),
                bytes(0x02, 0x00, 1),
                name("m"),
                name("g"),
                bytes(0x03, 0x7F, 0x00)));
    byte[] funcs = vecSection(3, 1, 0);
    byte[] tables = vecSection(4, 1, 0x6F, 0x00, 0);
    byte[] globals = vecSection(6, 1, 0x7E, 0x01, 0x42, 0x2A, 0x0B);
    byte[] exports = section(7, concat(bytes(1), name("run"), bytes(0x00, 1)));
    byte[] start = section(8, bytes(1));
    byte[] elements =
        section(
            9,
            bytes(
                8, // eight segments, one of each encoding
                0, 0x41, 0, 0x0B, 1, 1, // 0: active table 0, funcidx
                1, 0x00, 1, 0, // 1: passive, elemkind, funcidx
                2, 0, 0x41, 1, 0x0B, 0x00, 0, // 2: active table 0 explicitly, empty
                3, 0x00, 1, 1, // 3: declarative, funcidx
                4, 0x41, 2, 0x0B, 1, 0xD2, 1, 0x0B, // 4: active table 0, exprs
                5, 0x6F, 1, 0xD0, 0x6F, 0x0B, // 5: passive, externref exprs
                6, 1, 0x41, 3, 0x0B, 0x6F, 0, // 6: active table 1, externref
                7, 0x70, 1, 0xD2, 0, 0x0B)); // 7: declarative, funcref exprs
    byte[] dataCount = section(12, bytes(3));
    byte[] code = codeSection(body(1, 2, 0x7F, 0x01, 0x0B));
    byte[] data =
        section(11, bytes(3, 0, 0x41, 0, 0x0B, 2, 'h', 'i', 1, 1, 'x', 2, 0, 0x41, 8, 0x0B, 0));
    byte[] custom = section(0, concat(name("meta"), bytes(1, 2, 3)));
    WasmModule m =
        decode(
            types, custom, imports, funcs, tables, globals, exports, start, elements, dataCount,
            code, data);

    assertEquals(
        List.of(
            FuncType.of(List.of(), List.of()),
            FuncType.of(List.of(ValType.I32, ValType.I64), List.of(ValType.V128))),
        m.types());
    assertEquals(new ImportDesc.Func(1), m.imports().get(0).desc());
    assertEquals(
        ValType.FUNCREF, ((ImportDesc.Table) m.imports().get(1).desc()).type().elementType());
    assertEquals(new Limits(1, 10), ((ImportDesc.Table) m.imports().get(1).desc()).type().limits());
    assertEquals(
        new Limits(1, Limits.NO_MAX),
        ((ImportDesc.Memory) m.imports().get(2).desc()).type().limits());
    assertEquals(
        new ImportDesc.Global(new GlobalType(ValType.I32, false)), m.imports().get(3).desc());
    assertArrayEquals(new int[] {0}, m.functions());
    assertEquals(ValType.EXTERNREF, m.tables().get(0).elementType());
    assertEquals(new GlobalType(ValType.I64, true), m.globals().get(0).type());
    assertArrayEquals(bytes(0x42, 0x2A, 0x0B), m.globals().get(0).init().code());
    assertEquals("run", m.exports().get(0).name());
    assertEquals(ExternKind.FUNC, m.exports().get(0).kind());
    assertEquals(1, m.start());

    var e = m.elements();
    assertEquals(8, e.size());
    assertEquals(SegmentMode.ACTIVE, e.get(0).mode());
    assertEquals(List.of(ConstExpr.refFunc(1, -1)), e.get(0).init());
    assertEquals(SegmentMode.PASSIVE, e.get(1).mode());
    assertEquals(SegmentMode.ACTIVE, e.get(2).mode());
    assertEquals(List.of(), e.get(2).init());
    assertEquals(SegmentMode.DECLARATIVE, e.get(3).mode());
    assertArrayEquals(bytes(0x41, 2, 0x0B), e.get(4).offset().code());
    assertArrayEquals(bytes(0xD2, 1, 0x0B), e.get(4).init().get(0).code());
    assertEquals(ValType.EXTERNREF, e.get(5).type());
    assertEquals(1, e.get(6).tableIndex());
    assertEquals(ValType.EXTERNREF, e.get(6).type());
    assertEquals(SegmentMode.DECLARATIVE, e.get(7).mode());

    assertEquals(3, m.dataCount());
    var code0 = m.codes().get(0);
    assertArrayEquals(new ValType[] {ValType.I32, ValType.I32}, code0.locals());
    assertEquals(0x01, m.binary()[code0.start()]);
    assertEquals(0x0B, m.binary()[code0.end() - 1]);
    assertEquals(2, code0.end() - code0.start());

    assertEquals(SegmentMode.ACTIVE, m.data().get(0).mode());
    assertArrayEquals(bytes('h', 'i'), m.data().get(0).bytes());
    assertEquals(SegmentMode.PASSIVE, m.data().get(1).mode());
    assertNull(m.data().get(1).offset());
    assertArrayEquals(bytes(0x41, 8, 0x0B), m.data().get(2).offset().code());

    assertEquals("meta", m.customSections().get(0).name());
    assertArrayEquals(bytes(1, 2, 3), m.customSections().get(0).payload());
  }

  @Test
  void sectionOrderAndIds() {
    assertModuleMalformed(
        "unexpected content after last section", vecSection(3, 0), vecSection(1, 0));
    assertModuleMalformed(
        "unexpected content after last section", vecSection(1, 0), vecSection(1, 0));
    // The data count section goes between element and code sections.
    assertModuleMalformed(
        "unexpected content after last section", codeSection(), section(12, bytes(0)));
    decode(section(12, bytes(0)), codeSection());
    assertModuleMalformed("malformed section id", section(13, bytes()));
    // Custom sections may go anywhere, and are kept in order.
    WasmModule m =
        decode(
            section(0, name("a")), vecSection(1, 0), section(0, name("b")), section(0, name("c")));
    assertEquals(List.of("a", "b", "c"), m.customSections().stream().map(c -> c.name()).toList());
  }

  @Test
  void sectionSizes() {
    assertModuleMalformed("section size mismatch", section(1, bytes(1, 0x60, 0, 0, 0x60)));
    assertModuleMalformed("length out of bounds", bytes(1, 9, 1, 0x60, 0, 0));
    assertModuleMalformed("unexpected end", bytes(1));
    assertModuleMalformed("unexpected end", section(0, bytes()));
    assertModuleMalformed("length out of bounds", section(0, bytes(5, 'a')));
  }

  @Test
  void typesAndLimits() {
    assertModuleMalformed("malformed function type", vecSection(1, 1, 0x61, 0, 0));
    assertModuleMalformed("integer representation too long", vecSection(1, 1, 0xE0, 0x7F, 0, 0));
    assertModuleMalformed("integer too large", vecSection(5, 1, 0x02, 0));
    assertModuleMalformed("integer representation too long", vecSection(5, 1, 0x81, 0, 0, 0));
    assertModuleMalformed("malformed reference type", vecSection(4, 1, 0x7F, 0, 0));
    assertModuleMalformed("malformed mutability", vecSection(6, 1, 0x7F, 2, 0x41, 0, 0x0B));
    assertModuleMalformed("malformed import kind", section(2, bytes(1, 0, 0, 4)));
    assertModuleMalformed("malformed export kind", section(7, bytes(1, 0, 4, 0)));
  }

  @Test
  void segmentKinds() {
    assertModuleMalformed("malformed elements segment kind", section(9, bytes(1, 8)));
    assertModuleMalformed("malformed element kind", section(9, bytes(1, 1, 0x01, 0)));
    assertModuleMalformed("malformed data segment kind", section(11, bytes(1, 3)));
  }

  @Test
  void functionAndCodeCounts() {
    assertModuleMalformed(
        "function and code section have inconsistent lengths", ONE_FUNC[0], ONE_FUNC[1]);
    assertModuleMalformed(
        "function and code section have inconsistent lengths", codeSection(body(0, 0x0B)));
    assertModuleMalformed(
        "data count and data section have inconsistent lengths", section(12, bytes(1)));
  }

  private static void assertBodyMalformed(String reason, int... body) {
    assertModuleMalformed(reason, ONE_FUNC[0], ONE_FUNC[1], codeSection(body(body)));
  }

  private static WasmModule decodeBody(int... body) {
    return decode(ONE_FUNC[0], ONE_FUNC[1], codeSection(body(body)));
  }

  @Test
  void bodyNesting() {
    decodeBody(0, 0x02, 0x40, 0x04, 0x40, 0x05, 0x0B, 0x0B, 0x0B);
    assertBodyMalformed("END opcode expected", 0, 0x05, 0x0B);
    assertBodyMalformed("END opcode expected", 0, 0x02, 0x40, 0x05, 0x0B, 0x0B);
    assertBodyMalformed("END opcode expected", 0, 0x04, 0x40, 0x05, 0x05, 0x0B, 0x0B);
    // Without its final end, the body runs into the end of the binary.
    assertBodyMalformed("unexpected end of section or function", 0, 0x01);
    // A body that ends before its declared size.
    assertBodyMalformed("section size mismatch", 0, 0x0B, 0x01);
    assertBodyMalformed("illegal opcode", 0, 0x06, 0x0B);
    assertBodyMalformed("illegal opcode", 0, 0xFC, 0x12, 0x0B);
    assertBodyMalformed("malformed block type", 0, 0x02, 0xFF, 0x7F, 0x0B, 0x0B);
    assertBodyMalformed("malformed value type", 0, 0x02, 0x50, 0x0B, 0x0B);
  }

  @Test
  void bodyImmediates() {
    assertBodyMalformed("zero byte expected", 0, 0x3F, 0x01, 0x1A, 0x0B);
    assertBodyMalformed("zero byte expected", 0, 0x41, 0, 0x40, 0x80, 0x00, 0x1A, 0x0B);
    assertBodyMalformed("malformed memop flags", 0, 0x41, 0, 0x28, 0x40, 0, 0x1A, 0x0B);
    assertBodyMalformed("malformed reference type", 0, 0xD0, 0x7F, 0x1A, 0x0B);
    // The data count section is required by memory.init and data.drop.
    assertBodyMalformed("data count section required", 0, 0xFC, 0x09, 0, 0x0B);
    decode(ONE_FUNC[0], ONE_FUNC[1], section(12, bytes(0)), codeSection(body(0, 0xFC, 9, 0, 0x0B)));
  }

  @Test
  void locals() {
    WasmModule m = decodeBody(2, 3, 0x7F, 1, 0x7C, 0x0B);
    assertArrayEquals(
        new ValType[] {ValType.I32, ValType.I32, ValType.I32, ValType.F64},
        m.codes().get(0).locals());
    assertBodyMalformed("too many locals", 1, 0xD1, 0x86, 0x03, 0x7F, 0x0B); // 50,001
    decodeBody(1, 0xD0, 0x86, 0x03, 0x7F, 0x0B); // 50,000
    assertBodyMalformed("too many locals", 2, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x7F, 2, 0x7E, 0x0B);
    assertBodyMalformed("integer too large", 1, 0x80, 0x80, 0x80, 0x80, 0x10, 0x7F, 0x0B);
  }

  @Test
  void nameSection() {
    byte[] names =
        section(
            0,
            concat(
                name("name"),
                bytes(0, 4),
                name("mod"),
                bytes(1, 7, 1, 0),
                name("main"),
                bytes(2, 6, 1, 0, 1, 1),
                name("x"),
                bytes(7, 1, 0))); // an unknown subsection is skipped
    WasmModule m = decode(ONE_FUNC[0], ONE_FUNC[1], codeSection(body(0, 0x0B)), names);
    assertEquals(new NameSection("mod", Map.of(0, "main"), Map.of(0, Map.of(1, "x"))), m.names());
  }

  @Test
  void malformedNameSectionIsIgnored() {
    byte[] badSize = section(0, concat(name("name"), bytes(1, 9, 1, 0)));
    assertEquals(NameSection.EMPTY, decode(badSize).names());
    byte[] outOfOrder = section(0, concat(name("name"), bytes(1, 1, 0, 0, 1, 0)));
    assertEquals(NameSection.EMPTY, decode(outOfOrder).names());
    byte[] badUtf8 = section(0, concat(name("name"), bytes(0, 2, 1, 0xFF)));
    assertEquals(NameSection.EMPTY, decode(badUtf8).names());
  }
}
