package dev.patina.wasm.wast;

import dev.patina.wasm.ValType;
import dev.patina.wasm.text.Cursor;
import dev.patina.wasm.text.Lexer;
import dev.patina.wasm.text.Tokens;
import dev.patina.wasm.text.Tokens.Kind;
import dev.patina.wasm.text.V128Literal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses the commands of a script from its tokens. Each command is one parenthesized form; forms
 * this parser does not know are skipped whole (their parentheses are already paired), so scripts
 * written for later versions still parse.
 */
final class ScriptParser {
  private static final Set<String> MODULE_FIELDS =
      Set.of(
          "type", "import", "func", "table", "memory", "global", "export", "start", "elem", "data");

  /** Bounds the nesting of {@code (either ...)}, the one recursive form of a script. */
  private static final int MAX_EITHER_DEPTH = 64;

  private final Tokens t;
  private final Cursor c;
  private int eitherDepth;

  ScriptParser(byte[] source, String fileName) {
    this.t = Lexer.lex(source, fileName);
    this.c = new Cursor(t, 0);
  }

  List<WastCommand> parse() {
    List<WastCommand> commands = new ArrayList<>();
    if (c.is(Kind.LPAR) && t.kind(1) == Kind.KEYWORD && MODULE_FIELDS.contains(t.text(1))) {
      // A script may be just the fields of one module.
      commands.add(new WastCommand.ModuleCommand(1, null, new ModuleSource.Text(null, t, -1)));
      return commands;
    }
    while (!c.is(Kind.EOF)) {
      int open = c.pos();
      if (!c.is(Kind.LPAR) || t.kind(open + 1) != Kind.KEYWORD) {
        throw c.is(Kind.LPAR) ? new Cursor(t, open + 1).unexpected() : c.unexpected();
      }
      int close = t.partner(open);
      if (close < 0) {
        throw new Cursor(t, t.size() - 1).unexpected();
      }
      commands.add(command(open, close));
      c.pos(close + 1);
    }
    return commands;
  }

  private WastCommand command(int open, int close) {
    int line = t.line(open);
    String keyword = t.text(open + 1);
    c.pos(open + 2);
    WastCommand command =
        switch (keyword) {
          case "module" -> {
            ModuleSource source = moduleSource(open);
            c.pos(close);
            yield source == null
                ? new WastCommand.Unsupported(line, "module " + t.text(open + 2))
                : new WastCommand.ModuleCommand(line, source.name(), source);
          }
          case "register" -> {
            String as = c.name();
            String module = c.optionalId();
            yield new WastCommand.Register(line, as, module);
          }
          case "invoke", "get" -> {
            c.pos(open);
            Action action = action();
            c.pos(close);
            yield new WastCommand.ActionCommand(line, action);
          }
          case "assert_return" -> {
            Action action = action();
            List<Expected> expected = new ArrayList<>();
            while (!c.is(Kind.RPAR)) {
              expected.add(expected());
            }
            yield new WastCommand.AssertReturn(line, action, expected);
          }
          case "assert_trap" -> {
            if (c.atList("module")) {
              ModuleSource source = moduleSource(c.pos());
              yield source == null
                  ? new WastCommand.Unsupported(line, keyword)
                  : new WastCommand.AssertUninstantiable(line, source, message());
            }
            yield new WastCommand.AssertTrap(line, action(), message());
          }
          case "assert_exhaustion" -> new WastCommand.AssertExhaustion(line, action(), message());
          case "assert_malformed",
              "assert_invalid",
              "assert_unlinkable",
              "assert_uninstantiable" -> {
            if (!c.atList("module")) {
              throw c.unexpected();
            }
            ModuleSource source = moduleSource(c.pos());
            if (source == null) {
              yield new WastCommand.Unsupported(line, keyword);
            }
            String message = message();
            yield switch (keyword) {
              case "assert_malformed" -> new WastCommand.AssertMalformed(line, source, message);
              case "assert_invalid" -> new WastCommand.AssertInvalid(line, source, message);
              case "assert_unlinkable" -> new WastCommand.AssertUnlinkable(line, source, message);
              default -> new WastCommand.AssertUninstantiable(line, source, message);
            };
          }
          default -> new WastCommand.Unsupported(line, keyword);
        };
    if (!(command instanceof WastCommand.Unsupported)) {
      if (c.pos() != close) {
        throw c.unexpected();
      }
    }
    return command;
  }

  /**
   * The {@code (module ...)} form at token {@code open}, leaving the cursor after it; null for the
   * forms of later versions ({@code module definition}, {@code module instance}).
   */
  private ModuleSource moduleSource(int open) {
    c.pos(open + 1);
    c.expectKeyword("module");
    if (c.isKeyword("definition") || c.isKeyword("instance")) {
      return null;
    }
    String name = c.optionalId();
    ModuleSource source;
    if (c.acceptKeyword("binary")) {
      source = new ModuleSource.Binary(name, c.strings());
    } else if (c.acceptKeyword("quote")) {
      source = new ModuleSource.Quote(name, c.strings());
    } else {
      c.pos(t.partner(open));
      source = new ModuleSource.Text(name, t, open);
    }
    c.expectRpar();
    return source;
  }

  private String message() {
    return new String(c.string(), StandardCharsets.UTF_8);
  }

  private Action action() {
    c.expectLpar();
    if (c.acceptKeyword("invoke")) {
      String module = c.optionalId();
      String field = c.name();
      List<WastValue> args = new ArrayList<>();
      while (!c.is(Kind.RPAR)) {
        args.add(value());
      }
      c.expectRpar();
      return new Action.Invoke(module, field, args);
    }
    if (c.acceptKeyword("get")) {
      String module = c.optionalId();
      String field = c.name();
      c.expectRpar();
      return new Action.Get(module, field);
    }
    throw c.unexpected();
  }

  /** A constant argument: {@code (i32.const 1)}, {@code (ref.null func)}, ... */
  private WastValue value() {
    int open = c.pos();
    c.expectLpar();
    if (!c.is(Kind.KEYWORD)) {
      throw c.unexpected();
    }
    String form = c.text();
    c.advance();
    WastValue value =
        switch (form) {
          case "i32.const" -> new WastValue.I32((int) c.intLiteral(32));
          case "i64.const" -> new WastValue.I64(c.intLiteral(64));
          case "f32.const" -> new WastValue.F32(c.f32Literal());
          case "f64.const" -> new WastValue.F64(c.f64Literal());
          case "v128.const" -> WastValue.V128.of(V128Literal.parse(c));
          case "ref.null" -> {
            ValType type = nullType();
            yield type == null ? unsupportedValue(open) : new WastValue.RefNull(type);
          }
          case "ref.extern" ->
              c.is(Kind.NAT)
                  ? new WastValue.RefExtern(c.u32() & 0xFFFFFFFFL)
                  : unsupportedValue(open);
          default -> unsupportedValue(open);
        };
    c.expectRpar();
    return value;
  }

  /** Skips to the closing parenthesis of the form at {@code open}; the form as text. */
  private WastValue unsupportedValue(int open) {
    return new WastValue.Unsupported(skip(open));
  }

  private String skip(int open) {
    int close = t.partner(open);
    c.pos(close);
    int from = t.start(open);
    return new String(t.source(), from, t.end(close) - from, StandardCharsets.UTF_8);
  }

  /** The heap type after {@code ref.null} for 2.0 reference types, or null if it is another. */
  private ValType nullType() {
    if (!c.is(Kind.KEYWORD)) {
      return null;
    }
    ValType type =
        switch (c.text()) {
          case "func", "nofunc" -> ValType.FUNCREF;
          case "extern", "noextern" -> ValType.EXTERNREF;
          default -> null;
        };
    if (type != null) {
      c.advance();
    }
    return type;
  }

  private Expected expected() {
    int open = c.pos();
    c.expectLpar();
    if (!c.is(Kind.KEYWORD)) {
      throw c.unexpected();
    }
    String form = c.text();
    c.advance();
    Expected result =
        switch (form) {
          case "i32.const" -> new Expected.Exact(new WastValue.I32((int) c.intLiteral(32)));
          case "i64.const" -> new Expected.Exact(new WastValue.I64(c.intLiteral(64)));
          case "f32.const" -> {
            NanKind nan = nanPattern();
            yield nan != null
                ? new Expected.F32Nan(nan)
                : new Expected.Exact(new WastValue.F32(c.f32Literal()));
          }
          case "f64.const" -> {
            NanKind nan = nanPattern();
            yield nan != null
                ? new Expected.F64Nan(nan)
                : new Expected.Exact(new WastValue.F64(c.f64Literal()));
          }
          case "v128.const" -> vectorPattern();
          case "ref.null" -> {
            if (c.is(Kind.RPAR)) {
              yield new Expected.RefNull(null);
            }
            ValType type = nullType();
            yield type == null ? new Expected.Unsupported(skip(open)) : new Expected.RefNull(type);
          }
          case "ref.extern" ->
              c.is(Kind.NAT)
                  ? new Expected.RefExtern(c.u32() & 0xFFFFFFFFL)
                  : c.is(Kind.RPAR)
                      ? new Expected.RefExternAny()
                      : new Expected.Unsupported(skip(open));
          case "ref.func" ->
              c.is(Kind.RPAR) ? new Expected.RefFuncAny() : new Expected.Unsupported(skip(open));
          case "either" -> {
            if (++eitherDepth > MAX_EITHER_DEPTH) {
              throw t.error(open, "nesting too deep");
            }
            List<Expected> alternatives = new ArrayList<>();
            while (!c.is(Kind.RPAR)) {
              alternatives.add(expected());
            }
            eitherDepth--;
            yield new Expected.Either(alternatives);
          }
          default -> new Expected.Unsupported(skip(open));
        };
    c.expectRpar();
    return result;
  }

  private NanKind nanPattern() {
    if (c.acceptKeyword("nan:canonical")) {
      return NanKind.CANONICAL;
    }
    if (c.acceptKeyword("nan:arithmetic")) {
      return NanKind.ARITHMETIC;
    }
    return null;
  }

  /** {@code shape lane*} where float lanes may be NaN patterns. */
  private Expected vectorPattern() {
    if (!c.is(Kind.KEYWORD) || LaneShape.named(c.text()) == null) {
      throw c.unexpected();
    }
    LaneShape shape = LaneShape.named(c.text());
    boolean floats = shape == LaneShape.F32X4 || shape == LaneShape.F64X2;
    int n = 0;
    boolean anyNan = false;
    for (int i = c.pos() + 1; isLanePattern(i); i++) {
      n++;
      anyNan |= t.kind(i) == Kind.KEYWORD;
    }
    if (n != shape.lanes()) {
      throw c.error("wrong number of lane literals");
    }
    if (!anyNan) {
      return new Expected.Exact(WastValue.V128.of(V128Literal.parse(c)));
    }
    if (!floats) {
      throw c.error("invalid vector constant");
    }
    c.advance();
    List<Expected> lanes = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      NanKind nan = nanPattern();
      if (shape == LaneShape.F32X4) {
        lanes.add(
            nan != null
                ? new Expected.F32Nan(nan)
                : new Expected.Exact(new WastValue.F32(c.f32Literal())));
      } else {
        lanes.add(
            nan != null
                ? new Expected.F64Nan(nan)
                : new Expected.Exact(new WastValue.F64(c.f64Literal())));
      }
    }
    return new Expected.V128Lanes(shape, lanes);
  }

  private boolean isLanePattern(int i) {
    Kind k = t.kind(i);
    return k == Kind.NAT
        || k == Kind.INT
        || k == Kind.FLOAT
        || t.isKeyword(i, "nan:canonical")
        || t.isKeyword(i, "nan:arithmetic");
  }
}
