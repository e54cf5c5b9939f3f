package dev.patina.wasm.internal.interp;

import dev.patina.wasm.FuncType;
import dev.patina.wasm.GlobalType;
import dev.patina.wasm.ValType;
import dev.patina.wasm.binary.CodeReader;
import dev.patina.wasm.binary.MemArg;
import dev.patina.wasm.binary.Opcode;
import dev.patina.wasm.internal.runtime.CompiledFunction;
import dev.patina.wasm.structure.Code;
import java.util.Arrays;
import java.util.List;

/**
 * Translates one validated function body into interpreter code.
 *
 * <p>Because validated code has a static stack height at every instruction, every operand has a
 * fixed frame slot; the compiler turns stack code into register code whose operands name slots. It
 * tracks a virtual operand stack whose entries either sit in their own ("canonical") slot or are
 * still a pending reference to a local, so that {@code local.get} emits nothing and the consuming
 * instruction reads the local directly. Pending entries are materialized (copied into their
 * canonical slot) wherever control flow merges or the local is about to change. A {@code local.set}
 * right after the instruction that produced its value rewrites that instruction's destination
 * instead of copying.
 *
 * <p>The input must have passed validation: the compiler does not check types.
 */
final class FunctionCompiler {
  private static final int BLOCK = 0;
  private static final int LOOP = 1;
  private static final int IF = 2;
  private static final int FUNCTION = 3;

  private final ModuleTypes types;
  private final CodeReader reader;
  private final CodeBuffer out = new CodeBuffer();

  // Locals: parameters first, then declared locals.
  private final ValType[] localTypes;
  private final int[] localSlot;
  private final int localSlots;

  // Pooled constants: slot (relative to the pool) by stored bits, and the pool's values.
  private final java.util.HashMap<Long, Integer> constantSlots = new java.util.HashMap<>();
  private final long[] constants;
  private final int constantBase;

  // The virtual operand stack.
  private ValType[] vType = new ValType[32];
  private int[] vSlot = new int[32];
  private int[] vLoc = new int[32];
  private int vsp;
  private int pendingLocals;
  private int height;
  private int maxHeight;

  // Control frames.
  private Ctrl[] ctrls = new Ctrl[16];
  private int csp;
  private int deadNesting;

  /** Position of the destination operand of the last value-producing instruction, or -1. */
  private int lastDst = -1;

  // Metering: the count word of the basic block's METER instruction, and its instructions.
  private final boolean metered;
  private int meterPosition = -1;
  private int meterCount;

  private static final class Ctrl {
    int kind;
    List<ValType> params;
    List<ValType> results;
    int stackBase;
    int heightBase;
    int loopPc;
    int[] patches = new int[4];
    int patchCount;
    int elsePatch;
    boolean unreachable;
    boolean branchedTo;

    List<ValType> labelTypes() {
      return kind == LOOP ? params : results;
    }

    void addPatch(int position) {
      if (patchCount == patches.length) {
        patches = Arrays.copyOf(patches, patchCount * 2);
      }
      patches[patchCount++] = position;
    }
  }

  private FunctionCompiler(
      ModuleTypes types, FuncType type, Code body, byte[] binary, boolean metered) {
    this.types = types;
    this.metered = metered;
    this.reader = new CodeReader(binary, body.start(), body.end());
    int count = type.params().size() + body.locals().length;
    this.localTypes = new ValType[count];
    this.localSlot = new int[count];
    int slot = 0;
    for (int i = 0; i < count; i++) {
      ValType t =
          i < type.params().size() ? type.params().get(i) : body.locals()[i - type.params().size()];
      localTypes[i] = t;
      localSlot[i] = slot;
      slot += t.slots();
    }
    this.localSlots = slot;
    this.constants = poolConstants(binary, body);
    this.constantBase = slot;
    this.height = slot + constants.length;
    this.maxHeight = height;
  }

  /** The most constants a frame holds; they are copied in at every call. */
  private static final int MAX_POOLED_CONSTANTS = 64;

  /**
   * Collects the function's distinct numeric constants (the first {@link #MAX_POOLED_CONSTANTS})
   * into a pool that every call copies into its frame, so that instructions read constants from
   * slots instead of re-creating them with a CONST instruction at each use, e.g. in every iteration
   * of a loop.
   */
  private long[] poolConstants(byte[] binary, Code body) {
    CodeReader scan = new CodeReader(binary, body.start(), body.end());
    java.util.ArrayList<Long> pool = new java.util.ArrayList<>();
    while (!scan.atEnd() && pool.size() < MAX_POOLED_CONSTANTS) {
      Opcode op = scan.opcode();
      long bits;
      switch (op) {
        case I32_CONST -> bits = scan.s32();
        case I64_CONST -> bits = scan.s64();
        case F32_CONST -> bits = scan.f32Bits();
        case F64_CONST -> bits = scan.f64Bits();
        default -> {
          scan.skipImmediates(op);
          continue;
        }
      }
      if (constantSlots.putIfAbsent(bits, pool.size()) == null) {
        pool.add(bits);
      }
    }
    return pool.stream().mapToLong(Long::longValue).toArray();
  }

  static CompiledFunction compile(
      ModuleTypes types, FuncType type, Code body, byte[] binary, boolean metered) {
    return new FunctionCompiler(types, type, body, binary, metered).run(type);
  }

  private CompiledFunction run(FuncType type) {
    Ctrl fn = pushCtrl(FUNCTION, List.of(), type.results());
    fn.stackBase = 0;
    fn.heightBase = 0;
    startBasicBlock();
    while (csp > 0) {
      int offset = reader.position();
      out.at(offset);
      Opcode op = reader.opcode();
      if (ctrls[csp - 1].unreachable && skipDead(op)) {
        continue;
      }
      meterCount++;
      compile(op);
    }
    if (meterPosition >= 0) {
      out.set(meterPosition, meterCount);
    }
    int paramSlots = 0;
    for (ValType t : type.params()) {
      paramSlots += t.slots();
    }
    int resultSlots = 0;
    for (ValType t : type.results()) {
      resultSlots += t.slots();
    }
    int[] refLocals =
        java.util.stream.IntStream.range(type.params().size(), localTypes.length)
            .filter(i -> localTypes[i].isReference())
            .map(i -> localSlot[i])
            .toArray();
    return new CompiledFunction(
        out.code(),
        out.offsets(),
        paramSlots,
        localSlots,
        constants,
        Math.max(maxHeight, resultSlots),
        resultSlots,
        refLocals);
  }

  /**
   * In metered code, closes the current basic block's count and opens a new block with a METER
   * instruction here. Called where control can arrive from elsewhere (labels) or split (conditional
   * branches), so that every executed instruction is charged once.
   */
  private void startBasicBlock() {
    if (!metered) {
      return;
    }
    if (meterPosition >= 0) {
      out.set(meterPosition, meterCount);
    }
    out.emit(Op.METER, 0);
    meterPosition = out.size() - 1;
    meterCount = 0;
    lastDst = -1;
  }

  /** In unreachable code: tracks nesting and skips; returns false for the frame's else/end. */
  private boolean skipDead(Opcode op) {
    switch (op) {
      case BLOCK, LOOP, IF -> {
        reader.skipImmediates(op);
        deadNesting++;
        return true;
      }
      case ELSE -> {
        return deadNesting > 0;
      }
      case END -> {
        if (deadNesting > 0) {
          deadNesting--;
          return true;
        }
        return false;
      }
      default -> {
        reader.skipImmediates(op);
        return true;
      }
    }
  }

  private void compile(Opcode op) {
    switch (op) {
      case UNREACHABLE -> {
        out.emit(Op.UNREACHABLE);
        markDead();
      }
      case NOP -> {}
      case BLOCK, LOOP -> {
        long bt = reader.blockType();
        List<ValType> params = blockParams(bt);
        materializeForBlock(params.size());
        Ctrl c = pushCtrl(op == Opcode.BLOCK ? BLOCK : LOOP, params, blockResults(bt));
        if (op == Opcode.LOOP) {
          startBasicBlock();
        }
        c.loopPc = out.size() - (metered && op == Opcode.LOOP ? 2 : 0);
        lastDst = -1;
      }
      case IF -> {
        long bt = reader.blockType();
        int cond = pop();
        int[] comparison = takeComparison(cond);
        List<ValType> params = blockParams(bt);
        materializeForBlock(params.size());
        Ctrl c = pushCtrl(IF, params, blockResults(bt));
        c.elsePatch = emitConditionalJump(cond, comparison, true);
        startBasicBlock();
      }
      case ELSE -> compileElse();
      case END -> compileEnd();
      case BR -> {
        branch(reader.u32());
        markDead();
      }
      case BR_IF -> compileBrIf(reader.u32());
      case BR_TABLE -> compileBrTable();
      case RETURN -> {
        emitReturn();
        markDead();
      }
      case CALL -> {
        int f = reader.u32();
        FuncType ft = types.functions()[f];
        int argBase = prepareCall(ft);
        out.emit(Op.CALL, f, argBase);
        finishCall(ft);
      }
      case CALL_INDIRECT -> {
        int typeIndex = reader.u32();
        int table = reader.u32();
        FuncType ft = types.types().get(typeIndex);
        int index = pop();
        int argBase = prepareCall(ft);
        out.emit(Op.CALL_INDIRECT, typeIndex, table, argBase);
        out.emit(index);
        finishCall(ft);
      }
      case DROP -> pop();
      case SELECT -> compileSelect(vType[vsp - 2]);
      case SELECT_T -> {
        int n = reader.u32();
        ValType t = null;
        for (int i = 0; i < n; i++) {
          t = reader.valType();
        }
        compileSelect(t);
      }
      case LOCAL_GET -> pushLocal(reader.u32());
      case LOCAL_SET -> setLocal(reader.u32(), false);
      case LOCAL_TEE -> setLocal(reader.u32(), true);
      case GLOBAL_GET -> {
        int g = reader.u32();
        ValType t = types.globals()[g].valType();
        int dst = push(t);
        emitProducer(pick(t, Op.GLOBAL_GET, Op.GLOBAL_GET_REF, Op.GLOBAL_GET_V128), dst, g);
      }
      case GLOBAL_SET -> {
        int g = reader.u32();
        GlobalType gt = types.globals()[g];
        int src = pop();
        out.emit(pick(gt.valType(), Op.GLOBAL_SET, Op.GLOBAL_SET_REF, Op.GLOBAL_SET_V128), g, src);
        lastDst = -1;
      }
      case TABLE_GET -> {
        int t = reader.u32();
        int index = pop();
        int dst = push(types.tables()[t].elementType());
        emitProducer(Op.TABLE_GET, dst, t, index);
      }
      case TABLE_SET -> {
        int t = reader.u32();
        int value = pop();
        int index = pop();
        emitPlain(Op.TABLE_SET, t, index, value);
      }
      case TABLE_SIZE -> {
        int t = reader.u32();
        emitProducer(Op.TABLE_SIZE, push(ValType.I32), t);
      }
      case TABLE_GROW -> {
        int t = reader.u32();
        int delta = pop();
        int init = pop();
        int dst = push(ValType.I32);
        emitProducer(Op.TABLE_GROW, dst, t, init, delta);
      }
      case TABLE_FILL -> {
        int t = reader.u32();
        int n = pop();
        int value = pop();
        int start = pop();
        emitPlain(Op.TABLE_FILL, t, start, value, n);
      }
      case TABLE_COPY -> {
        int dstTable = reader.u32();
        int srcTable = reader.u32();
        int n = pop();
        int src = pop();
        int dst = pop();
        emitPlain(Op.TABLE_COPY, dstTable, srcTable, dst, src);
        out.emit(n);
      }
      case TABLE_INIT -> {
        int segment = reader.u32();
        int table = reader.u32();
        int n = pop();
        int src = pop();
        int dst = pop();
        emitPlain(Op.TABLE_INIT, table, segment, dst, src);
        out.emit(n);
      }
      case ELEM_DROP -> emitPlain(Op.ELEM_DROP, reader.u32());
      case MEMORY_SIZE -> {
        reader.zeroByte();
        emitProducer(Op.MEMORY_SIZE, push(ValType.I32));
      }
      case MEMORY_GROW -> {
        reader.zeroByte();
        int delta = pop();
        emitProducer(Op.MEMORY_GROW, push(ValType.I32), delta);
      }
      case MEMORY_FILL -> {
        reader.zeroByte();
        int n = pop();
        int value = pop();
        int dst = pop();
        emitPlain(Op.MEMORY_FILL, dst, value, n);
      }
      case MEMORY_COPY -> {
        reader.zeroByte();
        reader.zeroByte();
        int n = pop();
        int src = pop();
        int dst = pop();
        emitPlain(Op.MEMORY_COPY, dst, src, n);
      }
      case MEMORY_INIT -> {
        int segment = reader.u32();
        reader.zeroByte();
        int n = pop();
        int src = pop();
        int dst = pop();
        emitPlain(Op.MEMORY_INIT, segment, dst, src, n);
      }
      case DATA_DROP -> emitPlain(Op.DATA_DROP, reader.u32());
      case I32_CONST -> pushConstant(ValType.I32, reader.s32());
      case I64_CONST -> pushConstant(ValType.I64, reader.s64());
      case F32_CONST -> pushConstant(ValType.F32, reader.f32Bits());
      case F64_CONST -> pushConstant(ValType.F64, reader.f64Bits());
      case REF_NULL -> {
        ValType t = reader.refType();
        emitProducer(Op.REF_NULL, push(t));
      }
      case REF_IS_NULL -> {
        int src = pop();
        emitProducer(Op.REF_IS_NULL, push(ValType.I32), src);
      }
      case REF_FUNC -> {
        int f = reader.u32();
        emitProducer(Op.REF_FUNC, push(ValType.FUNCREF), f);
      }
      default -> {
        if (op.prefix() == 0xFD) {
          compileSimd(op);
        } else if (op.immediate() == Opcode.Immediate.MEMARG) {
          compileMemoryAccess(op, reader.memArg());
        } else {
          compileNumeric(op);
        }
      }
    }
  }

  // ---------------------------------------------------------------- numeric and memory

  private void compileNumeric(Opcode op) {
    int internal = Op.of(op);
    if (internal < 0 || !op.hasFixedSignature() || op.results().size() != 1) {
      throw new IllegalStateException("no interpreter instruction for " + op.text());
    }
    int arity = op.params().size();
    if (arity == 1) {
      int a = pop();
      int dst = push(op.results().get(0));
      emitProducer(internal, dst, a);
    } else {
      int b = pop();
      int a = pop();
      int dst = push(op.results().get(0));
      int immediateForm = Fusion.withImmediate(internal);
      if (immediateForm >= 0 && producedByLastConst(b)) {
        int constant = out.get(lastDst + 1);
        out.truncate(lastDst - 1);
        if (internal == Op.I32_SUB) {
          constant = -constant;
        }
        emitProducer(immediateForm, dst, a, constant);
      } else {
        emitProducer(internal, dst, a, b);
      }
    }
  }

  /** Whether the value in {@code slot} was just written by the last instruction, a constant. */
  private boolean producedByLastConst(int slot) {
    return lastDst > 0
        && out.get(lastDst - 1) == Op.CONST
        && out.get(lastDst) == slot
        && lastDst + 3 == out.size();
  }

  /**
   * If the condition in {@code slot} was just computed by an i32 comparison (or eqz) that nothing
   * else reads, removes that instruction and returns it as {@code {op, a, b}} ({@code b} unused for
   * eqz); else null.
   */
  private int[] takeComparison(int slot) {
    if (lastDst <= 0 || out.get(lastDst) != slot) {
      return null;
    }
    int op = out.get(lastDst - 1);
    if (op == Op.I32_EQZ && lastDst + 2 == out.size()) {
      int[] cmp = {op, out.get(lastDst + 1), 0};
      out.truncate(lastDst - 1);
      lastDst = -1;
      return cmp;
    }
    if (Fusion.branchOnComparison(op) >= 0 && lastDst + 3 == out.size()) {
      int[] cmp = {op, out.get(lastDst + 1), out.get(lastDst + 2)};
      out.truncate(lastDst - 1);
      lastDst = -1;
      return cmp;
    }
    return null;
  }

  /**
   * Emits a jump taken when the condition (a fused comparison, or the i32 in {@code cond}) is true,
   * or when it is false if {@code negate}; returns the position of the target word.
   */
  private int emitConditionalJump(int cond, int[] comparison, boolean negate) {
    if (comparison == null) {
      out.emit(negate ? Op.BR_UNLESS : Op.BR_IF, cond, 0);
    } else if (comparison[0] == Op.I32_EQZ) {
      out.emit(negate ? Op.BR_IF : Op.BR_UNLESS, comparison[1], 0);
    } else {
      int op = negate ? Fusion.inverse(comparison[0]) : comparison[0];
      out.emit(Fusion.branchOnComparison(op), comparison[1], comparison[2], 0);
    }
    lastDst = -1;
    return out.size() - 1;
  }

  private void compileMemoryAccess(Opcode op, MemArg memArg) {
    int internal = Op.of(op);
    int offset = (int) memArg.offset();
    int fused = Fusion.withAddressSum(internal);
    if (op.results().isEmpty()) {
      int value = pop();
      int address = pop();
      int[] sum = fused >= 0 ? takeAddressSum(address) : null;
      if (sum != null) {
        emitPlain(fused, sum[0], sum[1], value, offset);
      } else {
        emitPlain(internal, address, value, offset);
      }
    } else {
      int address = pop();
      int[] sum = fused >= 0 ? takeAddressSum(address) : null;
      int dst = push(op.results().get(0));
      if (sum != null) {
        emitProducer(fused, dst, sum[0], sum[1], offset);
      } else {
        emitProducer(internal, dst, address, offset);
      }
    }
  }

  /**
   * If the address in {@code slot} was just computed by an {@code i32.add} that nothing else reads,
   * removes that instruction and returns its operands, for a memory access that adds them itself;
   * else null.
   */
  private int[] takeAddressSum(int slot) {
    if (lastDst <= 0
        || out.get(lastDst) != slot
        || out.get(lastDst - 1) != Op.I32_ADD
        || lastDst + 3 != out.size()) {
      return null;
    }
    int[] sum = {out.get(lastDst + 1), out.get(lastDst + 2)};
    out.truncate(lastDst - 1);
    lastDst = -1;
    return sum;
  }

  private void compileSimd(Opcode op) {
    switch (op.immediate()) {
      case MEMARG -> {
        compileMemoryAccess(op, reader.memArg());
        return;
      }
      case MEMARG_LANE -> {
        MemArg memArg = reader.memArg();
        int lane = reader.u8();
        int vector = pop();
        int address = pop();
        if (op.results().isEmpty()) {
          emitPlain(Op.of(op), address, vector, (int) memArg.offset(), lane);
        } else {
          int dst = push(ValType.V128);
          emitProducer(Op.of(op), dst, address, vector, (int) memArg.offset());
          out.emit(lane);
        }
        return;
      }
      default -> {}
    }
    int arity = op.params().size();
    int[] sources = new int[arity];
    for (int i = arity - 1; i >= 0; i--) {
      sources[i] = pop();
    }
    int dst = push(op.results().get(0));
    out.emit(Op.SIMD, op.code(), dst);
    lastDst = out.size() - 1;
    for (int source : sources) {
      out.emit(source);
    }
    switch (op.immediate()) {
      case LANE -> out.emit(reader.u8());
      case SHUFFLE -> {
        for (int i = 0; i < 16; i++) {
          out.emit(reader.u8());
        }
      }
      case V128 -> {
        for (int i = 0; i < 4; i++) {
          out.emit(reader.f32Bits());
        }
      }
      case NONE -> {}
      default -> throw new IllegalStateException("SIMD immediate " + op.immediate());
    }
  }

  private void compileSelect(ValType type) {
    int cond = pop();
    int b = pop();
    int a = pop();
    int dst = push(type);
    emitProducer(pick(type, Op.SELECT, Op.SELECT_REF, Op.SELECT_V128), dst, a, b);
    out.emit(cond);
  }

  // ---------------------------------------------------------------- locals

  private void setLocal(int local, boolean tee) {
    int slot = localSlot[local];
    ValType t = localTypes[local];
    int top = vsp - 1;
    if (vLoc[top] == slot) {
      // The value is the local itself (local.get x; local.set x): nothing to do.
      if (!tee) {
        pop();
      }
      return;
    }
    boolean pendingReads = hasPendingRead(slot);
    if (!pendingReads && canRetarget(top)) {
      out.set(lastDst, slot);
      lastDst = -1;
      if (tee) {
        vLoc[top] = slot;
        pendingLocals++;
      } else {
        pop();
      }
      return;
    }
    if (pendingReads) {
      materializeReadsOf(slot);
    }
    int src = vLoc[top];
    emitCopy(t, slot, src);
    lastDst = -1;
    if (!tee) {
      pop();
    }
  }

  /** Whether the top entry was produced by the last instruction, whose destination can move. */
  private boolean canRetarget(int top) {
    return lastDst >= 0 && vLoc[top] == vSlot[top] && out.get(lastDst) == vSlot[top];
  }

  private boolean hasPendingRead(int slot) {
    if (pendingLocals == 0) {
      return false;
    }
    for (int i = 0; i < vsp; i++) {
      if (vLoc[i] == slot && vSlot[i] != slot) {
        return true;
      }
    }
    return false;
  }

  private void materializeReadsOf(int slot) {
    for (int i = 0; i < vsp; i++) {
      if (vLoc[i] == slot && vSlot[i] != slot) {
        materialize(i);
      }
    }
  }

  // ---------------------------------------------------------------- calls

  /**
   * Materializes the arguments into their slots; returns the callee's frame base. Nothing below
   * needs it: the callee's frame starts above every slot the caller's pending entries read.
   */
  private int prepareCall(FuncType ft) {
    materializeFrom(vsp - ft.params().size());
    for (int i = 0; i < ft.params().size(); i++) {
      pop();
    }
    lastDst = -1;
    return height;
  }

  private void finishCall(FuncType ft) {
    for (ValType t : ft.results()) {
      push(t);
    }
    lastDst = -1;
  }

  // ---------------------------------------------------------------- control

  private Ctrl pushCtrl(int kind, List<ValType> params, List<ValType> results) {
    if (csp == ctrls.length) {
      ctrls = Arrays.copyOf(ctrls, csp * 2);
    }
    Ctrl c = ctrls[csp];
    if (c == null) {
      c = ctrls[csp] = new Ctrl();
    }
    csp++;
    c.kind = kind;
    c.params = params;
    c.results = results;
    c.stackBase = vsp - params.size();
    c.heightBase = c.stackBase < vsp ? vSlot[c.stackBase] : height;
    c.patchCount = 0;
    c.elsePatch = -1;
    c.unreachable = false;
    c.branchedTo = false;
    deadNesting = 0;
    return c;
  }

  private void markDead() {
    Ctrl c = ctrls[csp - 1];
    c.unreachable = true;
    deadNesting = 0;
    lastDst = -1;
  }

  private void resetStackTo(Ctrl c, List<ValType> types) {
    while (vsp > c.stackBase) {
      pop();
    }
    for (ValType t : types) {
      push(t);
    }
  }

  private void compileElse() {
    Ctrl c = ctrls[csp - 1];
    if (!c.unreachable) {
      materializeFrom(c.stackBase);
      out.emit(Op.BR, 0);
      c.addPatch(out.size() - 1);
    }
    out.set(c.elsePatch, out.size());
    c.elsePatch = -1;
    c.unreachable = false;
    deadNesting = 0;
    lastDst = -1;
    startBasicBlock();
    resetStackTo(c, c.params);
  }

  private void compileEnd() {
    Ctrl c = ctrls[csp - 1];
    if (c.kind == FUNCTION) {
      if (!c.unreachable) {
        emitReturn();
      }
      csp--;
      return;
    }
    if (!c.unreachable) {
      materializeFrom(c.stackBase);
    }
    int here = out.size();
    if (c.elsePatch >= 0) {
      out.set(c.elsePatch, here);
    }
    for (int i = 0; i < c.patchCount; i++) {
      out.set(c.patches[i], here);
    }
    lastDst = -1;
    resetStackTo(c, c.results);
    csp--;
    deadNesting = 0;
    startBasicBlock();
  }

  /** Emits the moves and the jump of an unconditional branch to label {@code depth}. */
  private void branch(int depth) {
    Ctrl target = ctrls[csp - 1 - depth];
    if (target.kind == FUNCTION) {
      emitReturn();
      return;
    }
    emitBranchMoves(target);
    emitJump(Op.BR, target);
  }

  private void compileBrIf(int depth) {
    int cond = pop();
    int[] comparison = takeComparison(cond);
    Ctrl target = ctrls[csp - 1 - depth];
    if (target.kind != FUNCTION && !needsMoves(target)) {
      int position = emitConditionalJump(cond, comparison, false);
      if (target.kind == LOOP) {
        out.set(position, target.loopPc);
      } else {
        target.addPatch(position);
        target.branchedTo = true;
      }
      startBasicBlock();
      return;
    }
    int skip = emitConditionalJump(cond, comparison, true);
    branch(depth);
    out.set(skip, out.size());
    lastDst = -1;
    startBasicBlock();
  }

  private void compileBrTable() {
    int n = reader.u32AsInt("br_table length");
    int[] depths = new int[n + 1];
    for (int i = 0; i <= n; i++) {
      depths[i] = reader.u32();
    }
    int index = pop();
    out.emit(Op.BR_TABLE, index, n);
    int table = out.size();
    for (int i = 0; i <= n; i++) {
      out.emit(0);
    }
    for (int i = 0; i <= n; i++) {
      Ctrl target = ctrls[csp - 1 - depths[i]];
      if (target.kind == LOOP && !needsMoves(target)) {
        out.set(table + i, target.loopPc);
      } else if (target.kind != FUNCTION && !needsMoves(target)) {
        target.addPatch(table + i);
        target.branchedTo = true;
      } else {
        // A stub that moves the values into place, then jumps.
        out.set(table + i, out.size());
        branch(depths[i]);
      }
    }
    markDead();
  }

  private boolean needsMoves(Ctrl target) {
    List<ValType> labelTypes = target.labelTypes();
    int first = vsp - labelTypes.size();
    int slot = target.heightBase;
    for (int i = 0; i < labelTypes.size(); i++) {
      if (vLoc[first + i] != slot) {
        return true;
      }
      slot += labelTypes.get(i).slots();
    }
    return false;
  }

  private void emitBranchMoves(Ctrl target) {
    // Targets lie at or below the sources' canonical slots, and pending sources are locals below
    // every stack slot, so copying bottom-up never overwrites a value still to be moved.
    List<ValType> labelTypes = target.labelTypes();
    int first = vsp - labelTypes.size();
    int slot = target.heightBase;
    for (int i = 0; i < labelTypes.size(); i++) {
      ValType t = labelTypes.get(i);
      if (vLoc[first + i] != slot) {
        emitCopy(t, slot, vLoc[first + i]);
      }
      slot += t.slots();
    }
    lastDst = -1;
  }

  private void emitJump(int op, Ctrl target) {
    out.emit(op);
    emitTarget(target);
  }

  private void emitTarget(Ctrl target) {
    if (target.kind == LOOP) {
      out.emit(target.loopPc);
    } else {
      out.emit(0);
      target.addPatch(out.size() - 1);
      target.branchedTo = true;
    }
  }

  private void emitReturn() {
    Ctrl fn = ctrls[0];
    List<ValType> results = fn.results;
    int first = vsp - results.size();
    int[] sources = new int[results.size()];
    for (int i = 0; i < sources.length; i++) {
      sources[i] = vLoc[first + i];
      if (sources.length > 1 && vLoc[first + i] != vSlot[first + i]) {
        // Results move down into slots 0.., which may be locals that later results still read:
        // copy pending locals up first. The stack state is left alone, since a conditional
        // return (br_if) falls through with it.
        emitCopy(vType[first + i], vSlot[first + i], vLoc[first + i]);
        sources[i] = vSlot[first + i];
      }
    }
    if (sources.length == 1 && sources[0] != 0 && results.get(0).isNumeric()) {
      out.emit(Op.RETURN_VALUE, sources[0]);
      lastDst = -1;
      return;
    }
    int slot = 0;
    for (int i = 0; i < sources.length; i++) {
      ValType t = results.get(i);
      if (sources[i] != slot) {
        emitCopy(t, slot, sources[i]);
      }
      slot += t.slots();
    }
    out.emit(Op.RETURN);
    lastDst = -1;
  }

  private List<ValType> blockParams(long blockType) {
    return blockType >= 0 ? types.types().get((int) blockType).params() : List.of();
  }

  private List<ValType> blockResults(long blockType) {
    if (blockType >= 0) {
      return types.types().get((int) blockType).results();
    }
    ValType t = CodeReader.blockValueType(blockType);
    return t == null ? List.of() : List.of(t);
  }

  // ---------------------------------------------------------------- virtual stack

  private void ensureStack() {
    if (vsp == vType.length) {
      vType = Arrays.copyOf(vType, vsp * 2);
      vSlot = Arrays.copyOf(vSlot, vsp * 2);
      vLoc = Arrays.copyOf(vLoc, vsp * 2);
    }
  }

  /** Pushes a value that the next emitted instruction writes; returns its slot. */
  private int push(ValType t) {
    ensureStack();
    int slot = height;
    vType[vsp] = t;
    vSlot[vsp] = slot;
    vLoc[vsp] = slot;
    vsp++;
    height += t.slots();
    if (height > maxHeight) {
      maxHeight = height;
    }
    return slot;
  }

  private void pushLocal(int local) {
    ensureStack();
    ValType t = localTypes[local];
    vType[vsp] = t;
    vSlot[vsp] = height;
    vLoc[vsp] = localSlot[local];
    vsp++;
    pendingLocals++;
    height += t.slots();
    if (height > maxHeight) {
      maxHeight = height;
    }
  }

  /**
   * Pushes a constant: a pending read of its pool slot if pooled (pool slots are never written, so
   * such entries stay valid on every path), else a CONST instruction.
   */
  private void pushConstant(ValType t, long bits) {
    Integer pooled = constantSlots.get(bits);
    if (pooled == null) {
      emitProducer(Op.CONST, push(t), (int) bits, (int) (bits >>> 32));
      return;
    }
    ensureStack();
    vType[vsp] = t;
    vSlot[vsp] = height;
    vLoc[vsp] = constantBase + pooled;
    vsp++;
    pendingLocals++;
    height += t.slots();
    if (height > maxHeight) {
      maxHeight = height;
    }
  }

  private boolean isConstantSlot(int slot) {
    return slot >= constantBase && slot < constantBase + constants.length;
  }

  /**
   * Before a block, loop or if: its parameters must sit in their own slots (branches back to a loop
   * and the else arm assume so), and pending locals below them too (a local.set inside the block
   * would otherwise copy them on one path only). Pending constants below may stay: they read the
   * same slot on every path.
   */
  private void materializeForBlock(int params) {
    if (pendingLocals == 0) {
      return;
    }
    for (int i = 0; i < vsp; i++) {
      if (i >= vsp - params || !isConstantSlot(vLoc[i])) {
        materialize(i);
      }
    }
  }

  /** Pops the top entry; returns the slot where its value is. */
  private int pop() {
    vsp--;
    height -= vType[vsp].slots();
    if (vLoc[vsp] != vSlot[vsp]) {
      pendingLocals--;
    }
    return vLoc[vsp];
  }

  private void materialize(int i) {
    if (vLoc[i] != vSlot[i]) {
      emitCopy(vType[i], vSlot[i], vLoc[i]);
      vLoc[i] = vSlot[i];
      pendingLocals--;
      lastDst = -1;
    }
  }

  /**
   * Materializes the entries from {@code index} up. Entries below the current block's base never
   * need it: pending locals there were materialized when the block began, and pending constants
   * read the same slot on every path.
   */
  private void materializeFrom(int index) {
    if (pendingLocals == 0) {
      return;
    }
    for (int i = index; i < vsp; i++) {
      materialize(i);
    }
  }

  // ---------------------------------------------------------------- emission

  private void emitCopy(ValType t, int dst, int src) {
    out.emit(pick(t, Op.COPY, Op.COPY_REF, Op.COPY_V128), dst, src);
  }

  private static int pick(ValType t, int numeric, int reference, int vector) {
    return t.isReference() ? reference : t == ValType.V128 ? vector : numeric;
  }

  private void emitProducer(int op, int dst) {
    out.emit(op, dst);
    lastDst = out.size() - 1;
  }

  private void emitProducer(int op, int dst, int a) {
    out.emit(op, dst, a);
    lastDst = out.size() - 2;
  }

  private void emitProducer(int op, int dst, int a, int b) {
    out.emit(op, dst, a, b);
    lastDst = out.size() - 3;
  }

  private void emitProducer(int op, int dst, int a, int b, int c) {
    out.emit(op, dst, a, b);
    out.emit(c);
    lastDst = out.size() - 4;
  }

  private void emitPlain(int... words) {
    for (int w : words) {
      out.emit(w);
    }
    lastDst = -1;
  }
}
