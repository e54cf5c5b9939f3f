package dev.patina.wasm.text;

import dev.patina.wasm.ValType;
import dev.patina.wasm.binary.Opcode;
import dev.patina.wasm.text.Tokens.Kind;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses instruction sequences (function bodies and constant expressions) in plain and folded form
 * and writes their binary encoding.
 *
 * <p>Nesting is tracked with an explicit stack of open constructs rather than recursion, so that
 * arbitrarily deep input ({@code (block (block (block ...)))} or long folded chains) cannot
 * overflow the Java stack. A folded instruction {@code (op imm* expr*)} is written after its
 * operands: its own encoding waits on the stack until the closing parenthesis.
 */
final class CodeParser {
  private static final int END = 0x0B;
  private static final int ELSE = 0x05;

  /** The kinds of open constructs. */
  private enum Open {
    /** {@code block}/{@code loop} ... {@code end}. */
    BLOCK,
    /** {@code if} ... before {@code else}. */
    IF,
    /** {@code if} ... {@code else} ... before {@code end}. */
    IF_ELSE,
    /** {@code (op ...)}: operands may follow, the op is written at the close. */
    FOLDED,
    /** {@code (block ...)} or {@code (loop ...)}. */
    FOLDED_BLOCK,
    /** {@code (if ...)} before {@code (then ...)}: condition operands. */
    FOLDED_IF,
    /** Inside {@code (then ...)}. */
    FOLDED_THEN,
    /** Inside {@code (else ...)}. */
    FOLDED_ELSE
  }

  /**
   * An open construct. A folded instruction's own encoding waits in {@code pending} from offset
   * {@code pendingStart} on: constructs close in reverse order of opening, so one buffer used as a
   * stack holds them all without an allocation per instruction.
   */
  private static final class Frame {
    Open kind;
    final String label;
    final int pendingStart;

    Frame(Open kind, String label, int pendingStart) {
      this.kind = kind;
      this.label = label;
      this.pendingStart = pendingStart;
    }
  }

  private final ModuleContext module;
  private final Cursor c;
  private final Tokens t;
  private final Locals locals;
  private final List<String> labels = new ArrayList<>();
  private final List<Frame> stack = new ArrayList<>();
  private final BinaryWriter pending = new BinaryWriter(64);

  /**
   * @param locals the function's locals, or null in a constant expression
   */
  CodeParser(ModuleContext module, Cursor c, Locals locals) {
    this.module = module;
    this.c = c;
    this.t = c.tokens();
    this.locals = locals;
  }

  /** Parses instructions up to the parenthesis closing the enclosing list (not consumed). */
  void instructions(BinaryWriter out) {
    run(out, false);
  }

  /** Parses exactly one folded instruction {@code ( ... )}. */
  void foldedInstruction(BinaryWriter out) {
    if (!c.is(Kind.LPAR)) {
      throw c.unexpected();
    }
    run(out, true);
  }

  private void run(BinaryWriter out, boolean single) {
    while (true) {
      Kind k = c.kind();
      if (k == Kind.RPAR) {
        if (stack.isEmpty()) {
          return;
        }
        close(out);
        if (single && stack.isEmpty()) {
          return;
        }
      } else if (k == Kind.LPAR) {
        open(out);
      } else if (k == Kind.KEYWORD && (stack.isEmpty() || !acceptsOnlyFolded(top()))) {
        plain(out);
      } else if (stack.isEmpty()) {
        return; // not an instruction: the caller decides whether it may follow
      } else {
        throw c.unexpected();
      }
    }
  }

  private static boolean acceptsOnlyFolded(Frame f) {
    return f.kind == Open.FOLDED || f.kind == Open.FOLDED_IF;
  }

  private Frame top() {
    return stack.get(stack.size() - 1);
  }

  private void pop() {
    stack.remove(stack.size() - 1);
  }

  private void popLabel() {
    labels.remove(labels.size() - 1);
  }

  /** At a closing parenthesis inside an open construct. */
  private void close(BinaryWriter out) {
    Frame f = top();
    switch (f.kind) {
      case FOLDED -> {
        c.advance();
        emitPending(out, f);
        pop();
      }
      case FOLDED_BLOCK -> {
        c.advance();
        out.u8(END);
        popLabel();
        pop();
      }
      case FOLDED_THEN -> {
        c.advance();
        if (c.acceptList("else")) {
          out.u8(ELSE);
          f.kind = Open.FOLDED_ELSE;
        } else {
          c.expectRpar();
          out.u8(END);
          popLabel();
          pop();
        }
      }
      case FOLDED_ELSE -> {
        c.advance();
        c.expectRpar();
        out.u8(END);
        popLabel();
        pop();
      }
      default -> throw c.unexpected(); // a missing "end" or "(then ...)"
    }
  }

  /** Moves a frame's waiting encoding to the output. */
  private void emitPending(BinaryWriter out, Frame f) {
    pending.moveTail(f.pendingStart, out);
  }

  /** At an opening parenthesis: a folded instruction, or the {@code then} of a folded if. */
  private void open(BinaryWriter out) {
    if (!stack.isEmpty() && top().kind == Open.FOLDED_IF && c.atList("then")) {
      Frame f = top();
      c.pos(c.pos() + 2);
      emitPending(out, f);
      labels.add(f.label);
      f.kind = Open.FOLDED_THEN;
      return;
    }
    c.advance();
    if (!c.is(Kind.KEYWORD)) {
      throw c.unexpected();
    }
    String name = c.text();
    switch (name) {
      case "block", "loop" -> {
        c.advance();
        String label = c.optionalId();
        out.u8(name.equals("block") ? 0x02 : 0x03);
        blockType(out);
        labels.add(label);
        stack.add(new Frame(Open.FOLDED_BLOCK, label, pending.size()));
      }
      case "if" -> {
        c.advance();
        String label = c.optionalId();
        int start = pending.size();
        pending.u8(0x04);
        blockType(pending);
        stack.add(new Frame(Open.FOLDED_IF, label, start));
      }
      default -> {
        int start = pending.size();
        instruction(pending);
        stack.add(new Frame(Open.FOLDED, null, start));
      }
    }
  }

  /** A plain (unfolded) instruction, including the structured {@code block ... end} forms. */
  private void plain(BinaryWriter out) {
    String name = c.text();
    switch (name) {
      case "block", "loop", "if" -> {
        c.advance();
        String label = c.optionalId();
        out.u8(name.equals("block") ? 0x02 : name.equals("loop") ? 0x03 : 0x04);
        blockType(out);
        labels.add(label);
        stack.add(new Frame(name.equals("if") ? Open.IF : Open.BLOCK, label, pending.size()));
      }
      case "else" -> {
        if (stack.isEmpty() || top().kind != Open.IF) {
          throw c.unexpected();
        }
        c.advance();
        endLabel(top());
        out.u8(ELSE);
        top().kind = Open.IF_ELSE;
      }
      case "end" -> {
        if (stack.isEmpty()) {
          throw c.unexpected();
        }
        Frame f = top();
        if (f.kind != Open.BLOCK && f.kind != Open.IF && f.kind != Open.IF_ELSE) {
          throw c.unexpected();
        }
        c.advance();
        endLabel(f);
        out.u8(END);
        popLabel();
        pop();
      }
      default -> instruction(out);
    }
  }

  /** An optional label after {@code end} or {@code else}: it must repeat the block's label. */
  private void endLabel(Frame f) {
    if (c.is(Kind.ID)) {
      if (f.label == null || !f.label.equals(c.text())) {
        throw c.error("mismatching label");
      }
      c.advance();
    }
  }

  private void blockType(BinaryWriter out) {
    TypeUse use = TypeUse.parse(c, module.types, false);
    if (use.typeToken() >= 0) {
      out.s64(use.resolve(c, module.types) & 0xFFFFFFFFL);
    } else if (use.params().isEmpty() && use.results().size() <= 1) {
      out.u8(use.results().isEmpty() ? 0x40 : use.results().get(0).code());
    } else {
      out.s64(module.types.implicit(use.inlineType()));
    }
  }

  /** A non-structured instruction at the cursor (its name) with its immediates. */
  private void instruction(BinaryWriter w) {
    Opcode op = Opcode.byText(c.text());
    if (op == null || op == Opcode.BLOCK || op == Opcode.LOOP || op == Opcode.IF) {
      throw c.unexpected();
    }
    if (op == Opcode.ELSE || op == Opcode.END) {
      throw c.unexpected();
    }
    c.advance();
    if (op == Opcode.SELECT) {
      select(w);
      return;
    }
    writeOpcode(w, op);
    switch (op.immediate()) {
      case NONE -> {}
      case LABEL -> w.u32(label());
      case BR_TABLE -> {
        List<Integer> targets = new ArrayList<>();
        targets.add(label());
        while (c.is(Kind.NAT) || c.is(Kind.ID)) {
          targets.add(label());
        }
        w.u32(targets.size() - 1);
        for (int target : targets) {
          w.u32(target);
        }
      }
      case FUNC -> w.u32(module.funcs.resolve(c));
      case CALL_INDIRECT -> {
        int table = optionalIndex(module.tables);
        TypeUse use = TypeUse.parse(c, module.types, false);
        w.u32(use.resolve(c, module.types));
        w.u32(table);
      }
      case LOCAL -> w.u32(local());
      case GLOBAL -> w.u32(module.globals.resolve(c));
      case TABLE -> w.u32(optionalIndex(module.tables));
      case MEMARG -> memArg(w, op);
      case MEMARG_LANE -> {
        memArg(w, op);
        w.u8(laneIndex());
      }
      case MEMORY -> w.u8(0);
      case I32 -> w.s32((int) c.intLiteral(32));
      case I64 -> w.s64(c.intLiteral(64));
      case F32 -> w.f32(c.f32Literal());
      case F64 -> w.f64(c.f64Literal());
      case REF_TYPE -> {
        if (c.acceptKeyword("func")) {
          w.u8(ValType.FUNCREF.code());
        } else if (c.acceptKeyword("extern")) {
          w.u8(ValType.EXTERNREF.code());
        } else {
          throw c.unexpected();
        }
      }
      case MEMORY_INIT -> {
        w.u32(module.datas.resolve(c));
        w.u8(0);
        module.dataIndexUsed = true;
      }
      case DATA -> {
        w.u32(module.datas.resolve(c));
        module.dataIndexUsed = true;
      }
      case MEMORY_COPY -> w.u8(0).u8(0);
      case TABLE_INIT -> {
        // "table.init x y" names table x and segment y; "table.init y" uses table 0.
        if (isIndex(1)) {
          int table = module.tables.resolve(c);
          w.u32(module.elems.resolve(c));
          w.u32(table);
        } else {
          w.u32(module.elems.resolve(c));
          w.u32(0);
        }
      }
      case ELEM -> w.u32(module.elems.resolve(c));
      case TABLE_COPY -> {
        if (isIndex(0)) {
          w.u32(module.tables.resolve(c));
          w.u32(module.tables.resolve(c));
        } else {
          w.u32(0).u32(0);
        }
      }
      case V128 -> w.bytes(V128Literal.parse(c));
      case SHUFFLE -> shuffle(w);
      case LANE -> w.u8(laneIndex());
      case BLOCK_TYPE, SELECT_TYPES -> throw new IllegalStateException(op.text());
    }
  }

  private void select(BinaryWriter w) {
    if (!c.atList("result")) {
      writeOpcode(w, Opcode.SELECT);
      return;
    }
    List<ValType> types = new ArrayList<>();
    while (c.acceptList("result")) {
      while (!c.is(Kind.RPAR)) {
        types.add(c.valType());
      }
      c.expectRpar();
    }
    writeOpcode(w, Opcode.SELECT_T);
    w.u32(types.size());
    for (ValType type : types) {
      w.valType(type);
    }
  }

  static void writeOpcode(BinaryWriter w, Opcode op) {
    if (op.prefix() == 0) {
      w.u8(op.code());
    } else {
      w.u8(op.prefix()).u32(op.code());
    }
  }

  /** Whether the token {@code ahead} positions on is an index (a nat or an identifier). */
  private boolean isIndex(int ahead) {
    Kind k = c.kind(ahead);
    return k == Kind.NAT || k == Kind.ID;
  }

  private int optionalIndex(Space space) {
    return isIndex(0) ? space.resolve(c) : 0;
  }

  private int label() {
    if (c.is(Kind.ID)) {
      String id = c.text();
      for (int i = labels.size() - 1; i >= 0; i--) {
        if (id.equals(labels.get(i))) {
          c.advance();
          return labels.size() - 1 - i;
        }
      }
      throw c.error("unknown label " + id);
    }
    if (!c.is(Kind.NAT)) {
      throw c.unexpected();
    }
    return c.u32();
  }

  private int local() {
    if (c.is(Kind.ID)) {
      if (locals == null) {
        throw c.error("unknown local " + c.text());
      }
      return locals.resolve(c);
    }
    if (!c.is(Kind.NAT)) {
      throw c.unexpected();
    }
    return c.u32();
  }

  private void memArg(BinaryWriter w, Opcode op) {
    long offset = 0;
    int align = op.naturalAlignment();
    if (c.is(Kind.KEYWORD) && c.text().startsWith("offset=")) {
      String digits = c.text().substring("offset=".length());
      offset = immediateNat(digits, 0xFFFFFFFFL, "i32 constant out of range");
      c.advance();
    }
    if (c.is(Kind.KEYWORD) && c.text().startsWith("align=")) {
      String digits = c.text().substring("align=".length());
      long value = immediateNat(digits, -1L, "integer constant out of range");
      if (value == 0 || (value & (value - 1)) != 0) {
        throw c.error("alignment must be a power of two");
      }
      align = Long.numberOfTrailingZeros(value);
      c.advance();
    }
    w.u32(align);
    w.u32((int) offset);
  }

  private long immediateNat(String digits, long max, String rangeError) {
    byte[] b = digits.getBytes(StandardCharsets.ISO_8859_1);
    if (b.length == 0 || NumberSyntax.classify(b, 0, b.length) != Kind.NAT) {
      throw c.unexpected();
    }
    try {
      return Literals.parseNat(digits, max);
    } catch (Literals.OutOfRange e) {
      throw c.error(rangeError);
    }
  }

  private int laneIndex() {
    if (!c.is(Kind.NAT)) {
      throw c.unexpected();
    }
    try {
      int lane = (int) Literals.parseNat(c.text(), 255);
      c.advance();
      return lane;
    } catch (Literals.OutOfRange e) {
      throw c.error("malformed lane index");
    }
  }

  private void shuffle(BinaryWriter w) {
    int n = 0;
    while (isNumber(c.kind(n))) {
      n++;
    }
    if (n != 16) {
      throw t.error(c.pos() + Math.min(n, 16), "invalid lane length");
    }
    for (int i = 0; i < 16; i++) {
      long lane;
      try {
        lane = c.is(Kind.FLOAT) ? -1 : Literals.parseInt(c.text(), 64);
      } catch (Literals.OutOfRange e) {
        lane = -1;
      }
      if (lane < 0 || lane > 255) {
        throw c.error("malformed lane index");
      }
      w.u8((int) lane);
      c.advance();
    }
  }

  static boolean isNumber(Kind k) {
    return k == Kind.NAT || k == Kind.INT || k == Kind.FLOAT;
  }
}
