package dev.patina.wasm.text;

import dev.patina.wasm.FuncType;
import dev.patina.wasm.MalformedException;
import dev.patina.wasm.ValType;
import dev.patina.wasm.text.Tokens.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Parses the fields of one text module and encodes them in the binary format.
 *
 * <p>Two passes, as identifiers scope over the whole module: the first binds every {@code $id} of
 * every index space (and checks that imports precede definitions); the second parses each field in
 * order, resolving references, adding the types of inline signatures in order of first use, and
 * writing each field into its section.
 */
final class ModuleParser {
  private record Field(String keyword, int open, int index) {}

  private final Tokens t;
  private final int first;
  private final int end;
  private final String moduleName;
  private final ModuleContext m = new ModuleContext();
  private final List<Field> fields = new ArrayList<>();
  private final Sections s = new Sections();

  private ModuleParser(Tokens t, int first, int end, String moduleName) {
    this.t = t;
    this.first = first;
    this.end = end;
    this.moduleName = moduleName;
  }

  /**
   * Encodes the module fields in tokens {@code [first, end)}; {@code moduleId} is the module's
   * {@code $id} or null.
   */
  static byte[] encode(Tokens t, int first, int end, String moduleId) {
    rejectUnknownOperators(t, first, end);
    ModuleParser p = new ModuleParser(t, first, end, moduleId);
    MalformedException trailing = p.scan();
    for (Field f : p.fields) {
      p.field(f);
    }
    if (trailing != null) {
      throw trailing;
    }
    return p.s.assemble(p.m, moduleId, p.localNames);
  }

  /**
   * Fails on the first token the reference lexer would reject (a reserved token or an unknown
   * keyword). Such a module is malformed whatever else is wrong with it, and the reference
   * interpreter, which lexes lazily, reports these before most grammar errors.
   */
  static void rejectUnknownOperators(Tokens t, int first, int end) {
    for (int i = first; i < end; i++) {
      if (Cursor.isUnknownOperator(t, i)) {
        throw new Cursor(t, i).unexpected();
      }
    }
  }

  // ---- Pass 1: bind identifiers -------------------------------------------------------------

  /**
   * Binds the identifiers of all fields. A token that cannot start a field ends the scan: its error
   * is returned, to be thrown after the fields before it are parsed (whose own errors the reference
   * interpreter reports first).
   */
  private MalformedException scan() {
    String lastDefinition = null;
    int p = first;
    while (p < end) {
      if (t.kind(p) != Kind.LPAR) {
        return new Cursor(t, p).unexpected();
      }
      int close = t.partner(p);
      if (close < 0 || close >= end) {
        return new Cursor(t, close < 0 ? t.size() - 1 : end).unexpected();
      }
      if (t.kind(p + 1) != Kind.KEYWORD) {
        return new Cursor(t, p + 1).unexpected();
      }
      String keyword = t.text(p + 1);
      int index = -1;
      switch (keyword) {
        case "type" -> typeDefinition(new Cursor(t, p + 2));
        case "import" -> {
          checkImportOrder(lastDefinition, p);
          index = bindImport(new Cursor(t, p + 2));
        }
        case "func", "table", "memory", "global" -> {
          int id = t.kind(p + 2) == Kind.ID ? p + 2 : -1;
          int q = id >= 0 ? p + 3 : p + 2;
          while (isList(q, "export") && t.partner(q) > 0) {
            q = t.partner(q) + 1;
          }
          boolean imported = isList(q, "import");
          if (imported) {
            checkImportOrder(lastDefinition, q);
          } else {
            lastDefinition = keyword;
          }
          index = space(keyword).bind(t, id);
          if (!imported && keyword.equals("table") && isList(q + 1, "elem")) {
            m.elems.bindAnonymous(1);
          }
          if (!imported && keyword.equals("memory") && isList(q, "data")) {
            m.datas.bindAnonymous(1);
          }
        }
        case "elem" -> m.elems.bind(t, t.kind(p + 2) == Kind.ID ? p + 2 : -1);
        case "data" -> m.datas.bind(t, t.kind(p + 2) == Kind.ID ? p + 2 : -1);
        case "export", "start" -> {}
        default -> {
          return new Cursor(t, p + 1).unexpected();
        }
      }
      fields.add(new Field(keyword, p, index));
      p = close + 1;
    }
    return null;
  }

  private boolean isList(int i, String keyword) {
    return i + 1 < t.size() && t.kind(i) == Kind.LPAR && t.isKeyword(i + 1, keyword);
  }

  private void checkImportOrder(String lastDefinition, int at) {
    if (lastDefinition != null) {
      String what = lastDefinition.equals("func") ? "function" : lastDefinition;
      throw t.error(at, "import after " + what + " definition");
    }
  }

  private Space space(String keyword) {
    return switch (keyword) {
      case "func" -> m.funcs;
      case "table" -> m.tables;
      case "memory" -> m.memories;
      case "global" -> m.globals;
      default -> throw new IllegalArgumentException(keyword);
    };
  }

  /** {@code (type $id? (func (param ...)* (result ...)*))}. */
  private void typeDefinition(Cursor c) {
    int id = c.is(Kind.ID) ? c.pos() : -1;
    if (id >= 0) {
      c.advance();
    }
    c.expectLpar();
    c.expectKeyword("func");
    TypeUse use = TypeUse.parse(c, m.types, true);
    if (use.typeToken() >= 0) {
      throw t.error(use.typeToken(), "unexpected token");
    }
    c.expectRpar();
    c.expectRpar();
    m.types.define(t, id, use.inlineType());
  }

  /** Binds the identifier of {@code (import "m" "n" (kind $id? ...))}; returns its index. */
  private int bindImport(Cursor c) {
    c.expect(Kind.STRING);
    c.expect(Kind.STRING);
    c.expectLpar();
    if (!c.is(Kind.KEYWORD)) {
      throw c.unexpected();
    }
    String kind = c.text();
    if (!kind.equals("func")
        && !kind.equals("table")
        && !kind.equals("memory")
        && !kind.equals("global")) {
      throw c.unexpected();
    }
    c.advance();
    return space(kind).bind(t, c.is(Kind.ID) ? c.pos() : -1);
  }

  // ---- Pass 2: encode ------------------------------------------------------------------------

  /** Per defined function (by function index), its local names by local index. */
  private final Map<Integer, List<String>> localNames = new TreeMap<>();

  private void field(Field f) {
    Cursor c = new Cursor(t, f.open + 2);
    switch (f.keyword) {
      case "type" -> c.pos(t.partner(f.open) + 1);
      case "import" -> importField(c);
      case "func" -> func(c, f.index);
      case "table" -> table(c, f.index);
      case "memory" -> memory(c, f.index);
      case "global" -> global(c, f.index);
      case "export" -> export(c);
      case "start" -> start(c, f.open);
      case "elem" -> elem(c);
      case "data" -> data(c);
      default -> throw new IllegalStateException(f.keyword);
    }
    if (c.pos() != t.partner(f.open) + 1) {
      throw c.unexpected();
    }
  }

  private void importField(Cursor c) {
    byte[] module = name(c);
    byte[] item = name(c);
    c.expectLpar();
    String kind = c.text();
    c.advance();
    c.optionalId();
    importDesc(c, kind, module, item);
    c.expectRpar();
    c.expectRpar();
  }

  /** An import name: a string that must be valid UTF-8. */
  private static byte[] name(Cursor c) {
    int at = c.pos();
    byte[] b = c.string();
    if (!Lexer.isUtf8(b)) {
      throw c.tokens().error(at, "malformed UTF-8 encoding");
    }
    return b;
  }

  private void importDesc(Cursor c, String kind, byte[] module, byte[] item) {
    BinaryWriter w = s.imports;
    switch (kind) {
      case "func" -> {
        TypeUse use = TypeUse.parse(c, m.types, true);
        int type = use.resolve(c, m.types);
        w.vec(module).vec(item).u8(0).u32(type);
      }
      case "table" -> {
        w.vec(module).vec(item).u8(1);
        tableType(c, w);
      }
      case "memory" -> {
        w.vec(module).vec(item).u8(2);
        limits(c, w);
      }
      case "global" -> {
        w.vec(module).vec(item).u8(3);
        globalType(c, w);
      }
      default -> throw new IllegalStateException(kind);
    }
    s.importCount++;
  }

  /** Inline {@code (export "name")} clauses of a definition, then an optional inline import. */
  private boolean exportsThenImport(Cursor c, int kind, String keyword, int index) {
    while (c.acceptList("export")) {
      byte[] name = name(c);
      c.expectRpar();
      s.exports.vec(name).u8(kind).u32(index);
      s.exportCount++;
    }
    if (c.acceptList("import")) {
      byte[] module = name(c);
      byte[] item = name(c);
      c.expectRpar();
      importDesc(c, keyword, module, item);
      c.expectRpar();
      return true;
    }
    return false;
  }

  private void func(Cursor c, int index) {
    c.optionalId();
    if (exportsThenImport(c, 0, "func", index)) {
      return;
    }
    TypeUse use = TypeUse.parse(c, m.types, true);
    int type = use.resolve(c, m.types);
    Locals locals = new Locals();
    if (use.typeToken() < 0 || use.inline()) {
      for (int id : use.paramIdTokens()) {
        locals.param(t, id);
      }
    } else {
      FuncType declared = m.types.get(type);
      if (declared == null) {
        locals.unknownParameters(use.typeToken());
      } else {
        for (int i = 0; i < declared.params().size(); i++) {
          locals.param(t, -1);
        }
      }
    }
    while (c.acceptList("local")) {
      if (c.is(Kind.ID)) {
        int id = c.pos();
        c.advance();
        locals.local(t, id, c.valType());
      } else {
        while (!c.is(Kind.RPAR)) {
          locals.local(t, -1, c.valType());
        }
      }
      c.expectRpar();
    }
    BinaryWriter body = new BinaryWriter(64);
    writeLocals(body, locals.declared());
    new CodeParser(m, c, locals).instructions(body);
    body.u8(0x0B);
    c.expectRpar();
    s.functions.u32(type);
    s.functionCount++;
    s.code.sized(body);
    Space names = locals.space();
    if (names.hasNames()) {
      List<String> list = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        list.add(names.name(i));
      }
      localNames.put(index, list);
    }
  }

  /** Declared locals as runs of equal types. */
  private static void writeLocals(BinaryWriter w, List<ValType> types) {
    int runs = 0;
    for (int i = 0; i < types.size(); i++) {
      if (i == 0 || types.get(i) != types.get(i - 1)) {
        runs++;
      }
    }
    w.u32(runs);
    int i = 0;
    while (i < types.size()) {
      int j = i;
      while (j < types.size() && types.get(j) == types.get(i)) {
        j++;
      }
      w.u32(j - i).valType(types.get(i));
      i = j;
    }
  }

  private void table(Cursor c, int index) {
    c.optionalId();
    if (exportsThenImport(c, 1, "table", index)) {
      return;
    }
    if (c.is(Kind.KEYWORD) && isList(c.pos() + 1, "elem")) {
      // (table reftype (elem ...)): a table exactly as large as an active segment at offset 0.
      ValType type = c.refType();
      c.pos(c.pos() + 2);
      ElemItems items = elemItems(c, type, true);
      c.expectRpar();
      int n = items.size();
      s.tables.u8(type.code()).u8(1).u32(n).u32(n);
      s.tableCount++;
      writeElem(ElemMode.ACTIVE, index, zeroOffset(), items);
    } else {
      tableType(c, s.tables);
      s.tableCount++;
    }
    c.expectRpar();
  }

  private void memory(Cursor c, int index) {
    c.optionalId();
    if (exportsThenImport(c, 2, "memory", index)) {
      return;
    }
    if (c.acceptList("data")) {
      // (memory (data ...)): a memory exactly as large as its data, initialized at offset 0.
      byte[] bytes = c.strings();
      c.expectRpar();
      long pages = (bytes.length + 65535L) / 65536L;
      s.memories.u8(1).u32((int) pages).u32((int) pages);
      s.memoryCount++;
      writeData(index, zeroOffset(), bytes, true);
    } else {
      limits(c, s.memories);
      s.memoryCount++;
    }
    c.expectRpar();
  }

  private static byte[] zeroOffset() {
    return new byte[] {0x41, 0x00, 0x0B};
  }

  private void global(Cursor c, int index) {
    c.optionalId();
    if (exportsThenImport(c, 3, "global", index)) {
      return;
    }
    globalType(c, s.globals);
    new CodeParser(m, c, null).instructions(s.globals);
    s.globals.u8(0x0B);
    s.globalCount++;
    c.expectRpar();
  }

  private void export(Cursor c) {
    byte[] name = name(c);
    c.expectLpar();
    int kind;
    Space space;
    if (c.acceptKeyword("func")) {
      kind = 0;
      space = m.funcs;
    } else if (c.acceptKeyword("table")) {
      kind = 1;
      space = m.tables;
    } else if (c.acceptKeyword("memory")) {
      kind = 2;
      space = m.memories;
    } else if (c.acceptKeyword("global")) {
      kind = 3;
      space = m.globals;
    } else {
      throw c.unexpected();
    }
    int index = space.resolve(c);
    c.expectRpar();
    c.expectRpar();
    s.exports.vec(name).u8(kind).u32(index);
    s.exportCount++;
  }

  private void start(Cursor c, int open) {
    int func = m.funcs.resolve(c);
    c.expectRpar();
    if (s.start != null) {
      throw t.error(open, "multiple start sections");
    }
    s.start = func;
  }

  // ---- Element and data segments --------------------------------------------------------------

  enum ElemMode {
    PASSIVE,
    ACTIVE,
    DECLARATIVE
  }

  /** The items of an element segment: constant expressions, each also as a function index. */
  private record ElemItems(ValType type, List<byte[]> exprs, List<Integer> funcIndices) {
    int size() {
      return exprs.size();
    }

    /** Whether every item is exactly {@code ref.func x}. */
    boolean allFunctionIndices() {
      return !funcIndices.contains(-1);
    }
  }

  private void elem(Cursor c) {
    c.optionalId();
    ElemMode mode;
    int table = 0;
    byte[] offset = null;
    if (c.acceptKeyword("declare")) {
      mode = ElemMode.DECLARATIVE;
    } else if (c.acceptList("table")) {
      table = m.tables.resolve(c);
      c.expectRpar();
      offset = offset(c);
      mode = ElemMode.ACTIVE;
    } else if (c.is(Kind.LPAR)) {
      offset = offset(c);
      mode = ElemMode.ACTIVE;
    } else {
      mode = ElemMode.PASSIVE;
    }
    ElemItems items;
    if (c.acceptKeyword("func")) {
      items = elemItems(c, ValType.FUNCREF, false);
    } else if (c.is(Kind.KEYWORD) && Cursor.valTypeNamed(c.text()) != null) {
      items = elemItems(c, c.refType(), true);
    } else if (mode == ElemMode.ACTIVE) {
      // Legacy abbreviation: an active segment may list function indices without "func".
      items = elemItems(c, ValType.FUNCREF, false);
    } else {
      throw c.unexpected();
    }
    c.expectRpar();
    writeElem(mode, table, offset, items);
  }

  /**
   * Element expressions ({@code (item ...)} or one folded instruction each) or function indices.
   */
  private ElemItems elemItems(Cursor c, ValType type, boolean expressions) {
    List<byte[]> exprs = new ArrayList<>();
    List<Integer> indices = new ArrayList<>();
    if (expressions && !c.is(Kind.NAT) && !c.is(Kind.ID)) {
      while (c.is(Kind.LPAR)) {
        BinaryWriter w = new BinaryWriter(8);
        CodeParser code = new CodeParser(m, c, null);
        if (c.acceptList("item")) {
          code.instructions(w);
          c.expectRpar();
        } else {
          code.foldedInstruction(w);
        }
        w.u8(0x0B);
        byte[] expr = w.toByteArray();
        exprs.add(expr);
        indices.add(refFuncIndex(expr));
      }
    } else {
      while (c.is(Kind.NAT) || c.is(Kind.ID)) {
        int f = m.funcs.resolve(c);
        BinaryWriter w = new BinaryWriter(8);
        w.u8(0xD2).u32(f).u8(0x0B);
        exprs.add(w.toByteArray());
        indices.add(f);
      }
    }
    return new ElemItems(type, exprs, indices);
  }

  /** The function index of an expression that is exactly {@code ref.func x; end}, else -1. */
  private static int refFuncIndex(byte[] expr) {
    if (expr.length < 3 || (expr[0] & 0xFF) != 0xD2 || expr[expr.length - 1] != 0x0B) {
      return -1;
    }
    long v = 0;
    int shift = 0;
    int p = 1;
    while (p < expr.length - 1) {
      int b = expr[p++] & 0xFF;
      v |= (long) (b & 0x7F) << shift;
      shift += 7;
      if ((b & 0x80) == 0) {
        break;
      }
    }
    return p == expr.length - 1 && v <= Integer.MAX_VALUE ? (int) v : -1;
  }

  /** {@code (offset instr*)} or a single folded instruction; returns the expression bytes. */
  private byte[] offset(Cursor c) {
    BinaryWriter w = new BinaryWriter(8);
    CodeParser code = new CodeParser(m, c, null);
    if (c.acceptList("offset")) {
      code.instructions(w);
      c.expectRpar();
    } else {
      code.foldedInstruction(w);
    }
    w.u8(0x0B);
    return w.toByteArray();
  }

  /** One element segment, in the binary form the reference encoder picks. */
  private void writeElem(ElemMode mode, int table, byte[] offset, ElemItems items) {
    BinaryWriter w = s.elements;
    boolean indices = items.type() == ValType.FUNCREF && items.allFunctionIndices();
    if (indices) {
      switch (mode) {
        case PASSIVE -> w.u32(1).u8(0);
        case ACTIVE -> {
          if (table == 0) {
            w.u32(0).bytes(offset);
          } else {
            w.u32(2).u32(table).bytes(offset).u8(0);
          }
        }
        case DECLARATIVE -> w.u32(3).u8(0);
      }
      w.u32(items.size());
      for (int f : items.funcIndices()) {
        w.u32(f);
      }
    } else {
      switch (mode) {
        case PASSIVE -> w.u32(5).valType(items.type());
        case ACTIVE -> {
          if (table == 0 && items.type() == ValType.FUNCREF) {
            w.u32(4).bytes(offset);
          } else {
            w.u32(6).u32(table).bytes(offset).valType(items.type());
          }
        }
        case DECLARATIVE -> w.u32(7).valType(items.type());
      }
      w.u32(items.size());
      for (byte[] e : items.exprs()) {
        w.bytes(e);
      }
    }
    s.elementCount++;
  }

  private void data(Cursor c) {
    c.optionalId();
    int memory = 0;
    byte[] offset = null;
    if (c.acceptList("memory")) {
      memory = m.memories.resolve(c);
      c.expectRpar();
      offset = offset(c);
    } else if (c.is(Kind.LPAR)) {
      offset = offset(c);
    }
    byte[] bytes = c.strings();
    c.expectRpar();
    writeData(memory, offset, bytes, offset != null);
  }

  private void writeData(int memory, byte[] offset, byte[] bytes, boolean active) {
    BinaryWriter w = s.data;
    if (!active) {
      w.u32(1);
    } else if (memory == 0) {
      w.u32(0).bytes(offset);
    } else {
      w.u32(2).u32(memory).bytes(offset);
    }
    w.vec(bytes);
    s.dataCount++;
  }

  // ---- Types ----------------------------------------------------------------------------------

  private static void limits(Cursor c, BinaryWriter w) {
    int min = c.u32();
    if (c.is(Kind.NAT)) {
      int max = c.u32();
      w.u8(1).u32(min).u32(max);
    } else {
      w.u8(0).u32(min);
    }
  }

  /** {@code limits reftype}, written as the binary's {@code reftype limits}. */
  private static void tableType(Cursor c, BinaryWriter w) {
    BinaryWriter limits = new BinaryWriter(12);
    limits(c, limits);
    w.valType(c.refType());
    w.bytes(limits);
  }

  private static void globalType(Cursor c, BinaryWriter w) {
    if (c.acceptList("mut")) {
      w.valType(c.valType()).u8(1);
      c.expectRpar();
    } else {
      w.valType(c.valType()).u8(0);
    }
  }
}
