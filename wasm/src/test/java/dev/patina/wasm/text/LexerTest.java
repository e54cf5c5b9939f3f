package dev.patina.wasm.text;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patina.wasm.MalformedException;
import dev.patina.wasm.text.Tokens.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {
  private static List<Kind> kinds(String text) {
    Tokens t = Lexer.lex(text);
    List<Kind> out = new ArrayList<>();
    for (int i = 0; i < t.size() - 1; i++) {
      out.add(t.kind(i));
    }
    return out;
  }

  private static MalformedException error(String text) {
    return assertThrows(MalformedException.class, () -> Lexer.lex(text));
  }

  @Test
  void classifiesTokens() {
    assertEquals(
        List.of(
            Kind.LPAR,
            Kind.KEYWORD,
            Kind.ID,
            Kind.NAT,
            Kind.INT,
            Kind.FLOAT,
            Kind.STRING,
            Kind.RPAR),
        kinds("(func $f 0x1F -3 1.5e3 \"s\")"));
    assertEquals(List.of(Kind.NAT, Kind.NAT, Kind.INT), kinds("1_000 0xff_ff +0"));
    assertEquals(
        List.of(Kind.FLOAT, Kind.FLOAT, Kind.FLOAT, Kind.FLOAT, Kind.FLOAT, Kind.FLOAT),
        kinds("inf -nan nan:0x1_0 0x1.p-4 1. 1e+7"));
    assertEquals(List.of(Kind.KEYWORD, Kind.KEYWORD), kinds("offset=16 nan:canonical"));
    assertEquals(List.of(Kind.ID, Kind.ID), kinds("$l$l $a.b/c"));
  }

  @Test
  void malformedNumbersAndNeighboursAreReserved() {
    assertEquals(List.of(Kind.RESERVED), kinds("1_"));
    assertEquals(List.of(Kind.RESERVED), kinds("0drop"));
    assertEquals(List.of(Kind.RESERVED), kinds("1__0"));
    assertEquals(List.of(Kind.RESERVED), kinds("0x"));
    assertEquals(List.of(Kind.RESERVED), kinds("$"));
    assertEquals(List.of(Kind.RESERVED), kinds("$l\"a\""));
    assertEquals(List.of(Kind.RESERVED), kinds("\"a\"\"b\""));
    assertEquals(List.of(Kind.RESERVED), kinds("0\"a\""));
    assertEquals(List.of(Kind.KEYWORD), kinds("i32.const0"));
    assertEquals(List.of(Kind.RESERVED, Kind.RESERVED), kinds(", ;"));
  }

  @Test
  void commentsAreSkipped() {
    assertEquals(List.of(Kind.LPAR, Kind.RPAR), kinds("(;a (; nested ;) b;)( ;; line\n)"));
    assertEquals(List.of(Kind.KEYWORD), kinds("nop;;bla"));
    assertEquals(List.of(Kind.LPAR, Kind.KEYWORD), kinds("(func;;x"));
    assertEquals(List.of(), kinds("(; ü ;)"));
  }

  @Test
  void stringEscapes() {
    Tokens t = Lexer.lex("\"a\\n\\t\\r\\\\\\'\\\"\\00\\ff\\u{41}\\u{1F600}\\u{00_e9}é\"");
    byte[] expected = {
      'a',
      '\n',
      '\t',
      '\r',
      '\\',
      '\'',
      '"',
      0,
      (byte) 0xFF,
      'A',
      (byte) 0xF0,
      (byte) 0x9F,
      (byte) 0x98,
      (byte) 0x80,
      (byte) 0xC3,
      (byte) 0xA9,
      (byte) 0xC3,
      (byte) 0xA9
    };
    assertArrayEquals(expected, t.stringBytes(0));
  }

  @Test
  void lexicalErrorsAreLocated() {
    assertEquals("unclosed string literal", error("(data\n  \"abc").reason());
    assertEquals("2:3", locationOf(error("(data\n  \"abc")));
    assertEquals("illegal escape", error("\"\\q\"").reason());
    assertEquals("illegal escape", error("\"\\u{}\"").reason());
    assertEquals("malformed UTF-8 encoding", error("\"\\u{d800}\"").reason());
    assertEquals("illegal control character in string literal", error("\"\u0001\"").reason());
    assertEquals("unclosed comment", error("(; (; ;)").reason());
    assertEquals("misplaced control character", error("nop \u0001").reason());
    assertEquals("misplaced unicode character", error("nop é").reason());
    assertEquals("1:5", locationOf(error("nop é")));
    MalformedException bad =
        assertThrows(
            MalformedException.class,
            () -> Lexer.lex(new byte[] {'(', ';', (byte) 0xC0, (byte) 0x80, ';', ')'}));
    assertEquals("malformed UTF-8 encoding", bad.reason());
  }

  @Test
  void locationsCountCharactersAndLines() {
    Tokens t = Lexer.lex("(module\r\n  ;; é\n  (func \"é\" x)");
    int x = t.size() - 3;
    assertEquals("3:13", t.location(x));
    assertEquals(3, t.line(x));
  }

  @Test
  void parenthesesArePaired() {
    Tokens t = Lexer.lex("(a (b) (c (d)))) (");
    assertEquals(11, t.partner(0));
    assertEquals(0, t.partner(11));
    assertEquals(4, t.partner(2));
    assertEquals(-1, t.partner(12));
    assertEquals(-1, t.partner(13));
  }

  @Test
  void sourceNamePrefixesLocations() {
    Tokens t = Lexer.lex("nop".getBytes(StandardCharsets.UTF_8), "x.wast");
    assertEquals("x.wast:1:1", t.location(0));
  }

  private static String locationOf(MalformedException e) {
    String m = e.getMessage();
    return m.substring(m.indexOf("(at ") + 4, m.length() - 1);
  }
}
