package dev.patina.wasm.validate;

import dev.patina.wasm.InvalidException;
import dev.patina.wasm.TableType;
import dev.patina.wasm.ValType;
import dev.patina.wasm.binary.CodeReader;
import dev.patina.wasm.binary.Opcode;
import dev.patina.wasm.structure.Code;
import java.util.Arrays;

/**
 * Type-checks function bodies with the specification's validation algorithm (appendix "Validation
 * Algorithm"): an operand stack whose entries may be Unknown, and a stack of control frames with
 * their label types, entry height and an unreachable flag.
 *
 * <p>Built for speed: stacks are byte arrays reused across all the bodies of a module, types are
 * {@link StackType} codes, the ~350 instructions with a fixed signature are checked from a table
 * derived from {@link Opcode}, and the common path allocates nothing.
 */
final class FunctionValidator {
  private static final byte BLOCK = 0;
  private static final byte LOOP = 1;
  private static final byte IF = 2;
  private static final byte ELSE = 3;
  private static final byte FUNCTION = 4;

  /** Fixed operand and result types per opcode ordinal, or null when they depend on context. */
  private static final byte[][] PARAMS = new byte[Opcode.values().length][];

  private static final byte[][] RESULTS = new byte[Opcode.values().length][];

  static {
    for (Opcode op : Opcode.values()) {
      if (op.hasFixedSignature()) {
        PARAMS[op.ordinal()] = StackType.codes(op.params());
        RESULTS[op.ordinal()] = StackType.codes(op.results());
      }
    }
  }

  private final ModuleContext context;
  private final CodeReader reader;

  private byte[] operands = new byte[64];
  private int operandCount;

  private byte[] frameKinds = new byte[16];
  private byte[][] frameStarts = new byte[16][];
  private byte[][] frameEnds = new byte[16][];
  private int[] frameHeights = new int[16];
  private boolean[] frameUnreachable = new boolean[16];
  private int frameCount;

  private byte[] locals;
  private byte[] results;
  private int[] labels = new int[16];

  private int function;
  private int instructionOffset;

  FunctionValidator(ModuleContext context) {
    this.context = context;
    byte[] binary = context.module.binary();
    this.reader = new CodeReader(binary, 0, binary.length);
  }

  /** Validates the body of function {@code function} (an index in the function index space). */
  void validate(int function, Code code) {
    this.function = function;
    int type = context.functionTypes[function];
    byte[] params = context.typeParams[type];
    results = context.typeResults[type];
    locals = Arrays.copyOf(params, params.length + code.locals().length);
    for (int i = 0; i < code.locals().length; i++) {
      locals[params.length + i] = StackType.code(code.locals()[i]);
    }
    operandCount = 0;
    frameCount = 0;
    pushFrame(FUNCTION, StackType.NONE, results);
    reader.position(code.start());
    reader.limit(code.end());
    while (frameCount > 0) {
      instructionOffset = reader.position();
      instruction(reader.opcode());
    }
    if (reader.position() != code.end()) {
      throw invalid("operators remaining after end of function");
    }
  }

  private void instruction(Opcode op) {
    switch (op) {
      case UNREACHABLE -> unreachable();
      case NOP -> {}
      case BLOCK, LOOP -> {
        long blockType = reader.blockType();
        byte[] start = blockParams(blockType);
        byte[] end = blockResults(blockType);
        popValues(start);
        pushFrame(op == Opcode.BLOCK ? BLOCK : LOOP, start, end);
      }
      case IF -> {
        long blockType = reader.blockType();
        byte[] start = blockParams(blockType);
        byte[] end = blockResults(blockType);
        popValue(StackType.I32);
        popValues(start);
        pushFrame(IF, start, end);
      }
      case ELSE -> {
        int frame = popFrame();
        if (frameKinds[frame] != IF) {
          throw invalid("else without if");
        }
        pushFrame(ELSE, frameStarts[frame], frameEnds[frame]);
      }
      case END -> {
        int frame = popFrame();
        // An if without else has an implicit empty else, which must map its inputs to its outputs.
        if (frameKinds[frame] == IF && !Arrays.equals(frameStarts[frame], frameEnds[frame])) {
          throw mismatch(frameEnds[frame], frameStarts[frame]);
        }
        pushValues(frameEnds[frame]);
      }
      case BR -> {
        popValues(labelTypes(label(reader.u32())));
        unreachable();
      }
      case BR_IF -> {
        byte[] types = labelTypes(label(reader.u32()));
        popValue(StackType.I32);
        popValues(types);
        pushValues(types);
      }
      case BR_TABLE -> brTable();
      case RETURN -> {
        popValues(results);
        unreachable();
      }
      case CALL -> {
        int f = reader.u32();
        if (!ModuleContext.inRange(f, context.functionTypes.length)) {
          throw unknown("function", f);
        }
        int type = context.functionTypes[f];
        popValues(context.typeParams[type]);
        pushValues(context.typeResults[type]);
      }
      case CALL_INDIRECT -> {
        int type = reader.u32();
        TableType table = table(reader.u32());
        if (!ModuleContext.inRange(type, context.typeParams.length)) {
          throw unknown("type", type);
        }
        if (table.elementType() != ValType.FUNCREF) {
          throw invalid("type mismatch: instruction requires table of functions");
        }
        popValue(StackType.I32);
        popValues(context.typeParams[type]);
        pushValues(context.typeResults[type]);
      }
      case DROP -> popValue();
      case SELECT -> {
        popValue(StackType.I32);
        byte t1 = popValue();
        byte t2 = popValue();
        // Untyped select only takes numbers and vectors; Unknown counts as either.
        boolean numeric =
            (t1 == StackType.UNKNOWN || StackType.isNumeric(t1))
                && (t2 == StackType.UNKNOWN || StackType.isNumeric(t2));
        boolean vector =
            (t1 == StackType.UNKNOWN || t1 == StackType.V128)
                && (t2 == StackType.UNKNOWN || t2 == StackType.V128);
        if (!numeric && !vector) {
          throw invalid("type mismatch: select requires numeric or vector operands");
        }
        if (t1 != t2 && t1 != StackType.UNKNOWN && t2 != StackType.UNKNOWN) {
          throw mismatch(t1, t2);
        }
        pushValue(t1 == StackType.UNKNOWN ? t2 : t1);
      }
      case SELECT_T -> {
        int n = reader.length();
        if (n != 1) {
          throw invalid("invalid result arity");
        }
        byte t = StackType.code(reader.valType());
        popValue(StackType.I32);
        popValue(t);
        popValue(t);
        pushValue(t);
      }
      case LOCAL_GET -> pushValue(locals[local(reader.u32())]);
      case LOCAL_SET -> popValue(locals[local(reader.u32())]);
      case LOCAL_TEE -> {
        byte t = locals[local(reader.u32())];
        popValue(t);
        pushValue(t);
      }
      case GLOBAL_GET -> pushValue(StackType.code(global(reader.u32()).valType()));
      case GLOBAL_SET -> {
        var global = global(reader.u32());
        if (!global.mutable()) {
          throw invalid("global is immutable");
        }
        popValue(StackType.code(global.valType()));
      }
      case TABLE_GET -> {
        byte t = StackType.code(table(reader.u32()).elementType());
        popValue(StackType.I32);
        pushValue(t);
      }
      case TABLE_SET -> {
        byte t = StackType.code(table(reader.u32()).elementType());
        popValue(t);
        popValue(StackType.I32);
      }
      case TABLE_GROW -> {
        byte t = StackType.code(table(reader.u32()).elementType());
        popValue(StackType.I32);
        popValue(t);
        pushValue(StackType.I32);
      }
      case TABLE_FILL -> {
        byte t = StackType.code(table(reader.u32()).elementType());
        popValue(StackType.I32);
        popValue(t);
        popValue(StackType.I32);
      }
      case TABLE_SIZE -> {
        table(reader.u32());
        pushValue(StackType.I32);
      }
      case TABLE_INIT -> {
        int segment = reader.u32();
        ValType tableType = table(reader.u32()).elementType();
        if (tableType != elementSegment(segment)) {
          throw invalid("type mismatch: element segment does not match the table's type");
        }
        fixed(op);
      }
      case TABLE_COPY -> {
        ValType destination = table(reader.u32()).elementType();
        ValType source = table(reader.u32()).elementType();
        if (destination != source) {
          throw invalid("type mismatch: source and destination tables differ in element type");
        }
        fixed(op);
      }
      case ELEM_DROP -> elementSegment(reader.u32());
      case MEMORY_INIT -> {
        int segment = reader.u32();
        reader.u8();
        memory();
        dataSegment(segment);
        fixed(op);
      }
      case DATA_DROP -> dataSegment(reader.u32());
      case MEMORY_SIZE, MEMORY_GROW, MEMORY_FILL -> {
        reader.u8();
        memory();
        fixed(op);
      }
      case MEMORY_COPY -> {
        reader.u8();
        reader.u8();
        memory();
        fixed(op);
      }
      case REF_NULL -> pushValue(StackType.code(reader.refType()));
      case REF_IS_NULL -> {
        byte t = popValue();
        if (t != StackType.UNKNOWN && !StackType.isReference(t)) {
          throw invalid(
              "type mismatch: ref.is_null requires a reference, found " + StackType.name(t));
        }
        pushValue(StackType.I32);
      }
      case REF_FUNC -> {
        int f = reader.u32();
        if (!ModuleContext.inRange(f, context.functionTypes.length)) {
          throw unknown("function", f);
        }
        if (!context.declaredReferences[f]) {
          throw invalid("undeclared function reference " + Integer.toUnsignedString(f));
        }
        pushValue(StackType.FUNCREF);
      }
      case I8X16_SHUFFLE -> {
        for (int i = 0; i < 16; i++) {
          if (reader.u8() >= 32) {
            throw invalid("invalid lane index");
          }
        }
        fixed(op);
      }
      default -> {
        switch (op.immediate()) {
          case MEMARG -> memArg(op);
          case MEMARG_LANE -> {
            memArg(op);
            lane(op);
          }
          case LANE -> lane(op);
          default -> reader.skipImmediates(op);
        }
        fixed(op);
      }
    }
  }

  /** Pops and pushes the fixed signature of {@code op}. */
  private void fixed(Opcode op) {
    byte[] params = PARAMS[op.ordinal()];
    for (int i = params.length - 1; i >= 0; i--) {
      popValue(params[i]);
    }
    byte[] pushed = RESULTS[op.ordinal()];
    for (byte t : pushed) {
      pushValue(t);
    }
  }

  private void memArg(Opcode op) {
    int align = reader.u32();
    reader.u32(); // offset
    memory();
    if (Integer.compareUnsigned(align, op.naturalAlignment()) > 0) {
      throw invalid("alignment must not be larger than natural");
    }
  }

  private void lane(Opcode op) {
    if (reader.u8() >= op.laneCount()) {
      throw invalid("invalid lane index");
    }
  }

  /**
   * br_table: every target must have the default's arity and accept the operands; the operands are
   * checked in place (popping and pushing them back, as the algorithm says, would be the same).
   */
  private void brTable() {
    int n = reader.length();
    if (labels.length < n) {
      labels = new int[Math.max(n, labels.length * 2)];
    }
    for (int i = 0; i < n; i++) {
      labels[i] = reader.u32();
    }
    int defaultFrame = label(reader.u32());
    popValue(StackType.I32);
    byte[] defaultTypes = labelTypes(defaultFrame);
    for (int i = 0; i < n; i++) {
      byte[] types = labelTypes(label(labels[i]));
      if (types.length != defaultTypes.length) {
        throw invalid("type mismatch: br_table targets differ in arity");
      }
      checkTop(types);
    }
    popValues(defaultTypes);
    unreachable();
  }

  // Operand stack.

  private void pushValue(byte t) {
    if (operandCount == operands.length) {
      operands = Arrays.copyOf(operands, operandCount * 2);
    }
    operands[operandCount++] = t;
  }

  private void pushValues(byte[] types) {
    for (byte t : types) {
      pushValue(t);
    }
  }

  private byte popValue() {
    int top = frameCount - 1;
    if (operandCount == frameHeights[top]) {
      if (frameUnreachable[top]) {
        return StackType.UNKNOWN;
      }
      throw invalid("type mismatch: operand stack is empty");
    }
    return operands[--operandCount];
  }

  private byte popValue(byte expected) {
    byte actual = popValue();
    if (actual != expected && actual != StackType.UNKNOWN && expected != StackType.UNKNOWN) {
      throw mismatch(expected, actual);
    }
    return actual;
  }

  private void popValues(byte[] types) {
    for (int i = types.length - 1; i >= 0; i--) {
      popValue(types[i]);
    }
  }

  /** Checks that the top of the stack could be popped as {@code types}, leaving it unchanged. */
  private void checkTop(byte[] types) {
    int top = frameCount - 1;
    for (int i = 0; i < types.length; i++) {
      int at = operandCount - types.length + i;
      if (at < frameHeights[top]) {
        if (!frameUnreachable[top]) {
          throw invalid("type mismatch: operand stack is too short for the branch");
        }
        continue;
      }
      byte actual = operands[at];
      if (actual != types[i] && actual != StackType.UNKNOWN) {
        throw mismatch(types[i], actual);
      }
    }
  }

  private void unreachable() {
    int top = frameCount - 1;
    operandCount = frameHeights[top];
    frameUnreachable[top] = true;
  }

  // Control frames.

  private void pushFrame(byte kind, byte[] start, byte[] end) {
    if (frameCount == frameKinds.length) {
      int n = frameCount * 2;
      frameKinds = Arrays.copyOf(frameKinds, n);
      frameStarts = Arrays.copyOf(frameStarts, n);
      frameEnds = Arrays.copyOf(frameEnds, n);
      frameHeights = Arrays.copyOf(frameHeights, n);
      frameUnreachable = Arrays.copyOf(frameUnreachable, n);
    }
    frameKinds[frameCount] = kind;
    frameStarts[frameCount] = start;
    frameEnds[frameCount] = end;
    frameHeights[frameCount] = operandCount;
    frameUnreachable[frameCount] = false;
    frameCount++;
    pushValues(start);
  }

  /** Pops the innermost frame, whose results must be exactly what is left on its stack. */
  private int popFrame() {
    int top = frameCount - 1;
    popValues(frameEnds[top]);
    if (operandCount != frameHeights[top]) {
      throw invalid(
          "type mismatch: block requires "
              + StackType.names(frameEnds[top])
              + " but leaves extra values on the stack");
    }
    frameCount--;
    return top;
  }

  /** The frame a branch to {@code depth} targets. */
  private int label(int depth) {
    if (!ModuleContext.inRange(depth, frameCount)) {
      throw unknown("label", depth);
    }
    return frameCount - 1 - depth;
  }

  /** A branch to a loop goes back to its start; to anything else, past its end. */
  private byte[] labelTypes(int frame) {
    return frameKinds[frame] == LOOP ? frameStarts[frame] : frameEnds[frame];
  }

  private byte[] blockParams(long blockType) {
    if (blockType < 0) {
      return StackType.NONE;
    }
    return context.typeParams[blockTypeIndex(blockType)];
  }

  private byte[] blockResults(long blockType) {
    if (blockType == CodeReader.EMPTY_BLOCK) {
      return StackType.NONE;
    }
    if (blockType < 0) {
      return StackType.single(StackType.code(CodeReader.blockValueType(blockType)));
    }
    return context.typeResults[blockTypeIndex(blockType)];
  }

  private int blockTypeIndex(long blockType) {
    if (blockType >= context.typeParams.length) {
      throw invalid("unknown type " + blockType);
    }
    return (int) blockType;
  }

  // Index spaces.

  private int local(int index) {
    if (!ModuleContext.inRange(index, locals.length)) {
      throw unknown("local", index);
    }
    return index;
  }

  private dev.patina.wasm.GlobalType global(int index) {
    if (!ModuleContext.inRange(index, context.globals.size())) {
      throw unknown("global", index);
    }
    return context.globals.get(index);
  }

  private TableType table(int index) {
    if (!ModuleContext.inRange(index, context.tables.size())) {
      throw unknown("table", index);
    }
    return context.tables.get(index);
  }

  private void memory() {
    if (context.memoryCount == 0) {
      throw unknown("memory", 0);
    }
  }

  private ValType elementSegment(int index) {
    if (!ModuleContext.inRange(index, context.elementTypes.length)) {
      throw unknown("elem segment", index);
    }
    return context.elementTypes[index];
  }

  private void dataSegment(int index) {
    if (!ModuleContext.inRange(index, context.dataCount)) {
      throw unknown("data segment", index);
    }
  }

  // Errors.

  private String where() {
    return "function " + function + " at byte offset 0x" + Integer.toHexString(instructionOffset);
  }

  private InvalidException invalid(String reason) {
    return new InvalidException(reason, where());
  }

  private InvalidException unknown(String what, int index) {
    return ModuleContext.unknown(what, index, where());
  }

  private InvalidException mismatch(byte expected, byte actual) {
    return invalid(
        "type mismatch: expected "
            + StackType.name(expected)
            + ", found "
            + StackType.name(actual));
  }

  private InvalidException mismatch(byte[] expected, byte[] actual) {
    return invalid(
        "type mismatch: expected "
            + StackType.names(expected)
            + ", found "
            + StackType.names(actual));
  }
}
