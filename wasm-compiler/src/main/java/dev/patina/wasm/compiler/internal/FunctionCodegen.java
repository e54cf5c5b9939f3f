package dev.patina.wasm.compiler.internal;

import static org.objectweb.asm.Opcodes.*;

import dev.patina.wasm.FuncType;
import dev.patina.wasm.ValType;
import dev.patina.wasm.binary.CodeReader;
import dev.patina.wasm.binary.MemArg;
import dev.patina.wasm.binary.Opcode;
import dev.patina.wasm.structure.Code;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import org.objectweb.asm.Label;
import org.objectweb.asm.tree.AbstractInsnNode;
import org.objectweb.asm.tree.FrameNode;
import org.objectweb.asm.tree.LabelNode;
import org.objectweb.asm.tree.LdcInsnNode;
import org.objectweb.asm.tree.LineNumberNode;

/**
 * Translates one validated Wasm function body into the bytecode of one JVM method.
 *
 * <p>Wasm locals are JVM locals and the Wasm operand stack is the JVM operand stack, so HotSpot
 * sees ordinary code. Structured control becomes jumps; where a branch leaves values below the ones
 * it carries, they are dropped through temporaries. Comparisons that feed {@code if} or {@code
 * br_if} become one conditional jump. Every instruction that can trap sits in its own exception
 * range whose handler records the function and the instruction's byte offset (see {@link Unwind}),
 * so a trap costs nothing until it happens. Stack map frames are written here, from the Wasm types,
 * not computed by ASM.
 */
final class FunctionCodegen {
  private static final int BLOCK = 0;
  private static final int LOOP = 1;
  private static final int IF = 2;
  private static final int FUNCTION = 3;

  private static final String NUMERICS = "dev/patina/wasm/internal/interp/Numerics";
  private static final String SCALARS = "dev/patina/wasm/compiler/internal/Scalars";
  private static final String MEMORY = "dev/patina/wasm/compiler/internal/MemoryAccess";
  private static final String TABLES = "dev/patina/wasm/compiler/internal/TableAccess";
  private static final String CALLS = "dev/patina/wasm/compiler/internal/Calls";
  private static final String UNWIND = "dev/patina/wasm/compiler/internal/Unwind";
  private static final String FRAMES = "dev/patina/wasm/compiler/internal/Frames";

  private final ModuleLayout layout;
  private final int function;
  private final FuncType type;
  private final CodeReader reader;
  private final boolean metered;
  final SizedMethodNode method;

  // Splitting: the plan (null for a function in one method), the part this method is (null for
  // the function's own method), the parts it calls, and the first pass's trace.
  private final SplitPlan plan;
  private final SplitPlan.Part part;
  private final List<SplitPlan.Part> children;
  final Trace trace;
  private final BitSet ownUsed;
  private final BitSet ownWritten;

  // JVM locals: parameters, instance, call stack, declared locals, context, then temporaries.
  private final ValType[] localTypes;
  private final int[] localSlots;
  private int instanceSlot;
  private int stackSlot;

  /** The calls still allowed below this function (see {@link Calls#enter}). */
  private int callsSlot;

  private int frameSlot = -1;
  private int refsSlot = -1;
  private int memoryInstanceSlot = -1;
  private int memorySlot = -1;
  private int storeSlot = -1;
  private final int[] globalSlots;
  private final List<Object> frameLocals = new ArrayList<>();
  private int firstTemp;
  private int nextTemp;

  // Where each local lives in the shared arrays of a split function.
  private int[] frameIndex;
  private int frameLongs;
  private int frameRefs;

  // The operand stack, as types, and the lowest height the current instruction reached.
  private ValType[] stack = new ValType[16];
  private int sp;
  private int lowWater;

  // Control frames. In a part, the first ones are copies of its caller's (external).
  private Ctrl[] ctrls = new Ctrl[16];
  private int csp;
  private int deadNesting;

  /** A comparison whose operands are on the JVM stack and whose i32 result is not made yet. */
  private Opcode pendingComparison;

  // Metering: the count constant of the current basic block's meter call, and blocks started.
  private LdcInsnNode meterCount;
  private int meterInstructions;
  private int blockIndex;
  private int[] meterCounts = new int[16];

  private final List<LabelNode> handlers = new ArrayList<>();
  private final List<Integer> handlerOffsets = new ArrayList<>();
  private int reservedBytes;

  private static final class Ctrl {
    int kind;
    List<ValType> params;
    List<ValType> results;
    int stackBase;
    Label label;
    Label elseLabel;
    boolean unreachable;
    boolean external;

    List<ValType> labelTypes() {
      return kind == LOOP ? params : results;
    }
  }

  /** The control stack where a part starts: kinds and label types, outermost first. */
  record ControlSnapshot(int[] kinds, List<List<ValType>> params, List<List<ValType>> results) {}

  /** The first (or only) code generation of a function: one method, with a trace. */
  FunctionCodegen(ModuleLayout layout, int function, Code body) {
    this(layout, function, body, null, null);
  }

  /**
   * Code generation of a split function: its own method ({@code part} null) or one of its parts.
   */
  FunctionCodegen(
      ModuleLayout layout, int function, Code body, SplitPlan plan, SplitPlan.Part part) {
    this.layout = layout;
    this.function = function;
    this.type = layout.functionTypes[function];
    this.metered = layout.metered;
    this.plan = plan;
    this.part = part;
    byte[] binary = layout.module.binary();
    int start = part == null ? body.start() : part.start;
    int end = part == null ? body.end() : part.end;
    this.reader = new CodeReader(binary, start, end);
    this.trace = plan == null ? new Trace() : null;
    int params = type.params().size();
    int count = params + body.locals().length;
    localTypes = new ValType[count];
    for (int i = 0; i < count; i++) {
      localTypes[i] = i < params ? type.params().get(i) : body.locals()[i - params];
    }
    localSlots = new int[count];
    Arrays.fill(localSlots, -1);
    if (plan == null) {
      children = List.of();
      ownUsed = new BitSet();
      ownWritten = new BitSet();
      scanLocals(binary, start, end, ownUsed, ownWritten);
    } else if (part == null) {
      children = plan.topLevel;
      ownUsed = (BitSet) plan.ownUsed.clone();
      ownWritten = (BitSet) plan.ownWritten.clone();
    } else {
      children = part.children;
      ownUsed = part.ownUsed;
      ownWritten = part.ownWritten;
    }
    if (plan != null) {
      meterCounts = plan.meterCounts;
      frameIndex = new int[count];
      for (int i = 0; i < count; i++) {
        if (localTypes[i].isReference()) {
          frameIndex[i] = frameRefs++;
        } else {
          frameIndex[i] = frameLongs;
          frameLongs += localTypes[i] == ValType.V128 ? 2 : 1;
        }
      }
    }
    String name;
    String descriptor;
    if (part == null) {
      name = ModuleLayout.functionMethod(function);
      descriptor = JvmTypes.functionDescriptor(type);
    } else {
      name = partMethod(function, part);
      descriptor = partDescriptor(part);
    }
    this.method = new SizedMethodNode(ACC_PUBLIC | ACC_STATIC, name, descriptor);
    int slot = 0;
    if (part != null) {
      frameSlot = slot++;
      refsSlot = slot++;
      instanceSlot = slot++;
      stackSlot = slot++;
      callsSlot = slot++;
      frameLocals.add("[J");
      frameLocals.add("[Ljava/lang/Object;");
      frameLocals.add(JvmTypes.INSTANCE);
      frameLocals.add(JvmTypes.STACK);
      frameLocals.add(INTEGER);
      for (int i = 0; i < count; i++) {
        if (ownUsed.get(i)) {
          slot = addLocal(i, slot);
        }
      }
    } else {
      boolean wide = !JvmTypes.fitsParameters(type);
      // Wide functions receive only the context: parameters become ordinary locals after it.
      if (wide) {
        instanceSlot = slot++;
        stackSlot = slot++;
        callsSlot = slot++;
        frameLocals.add(JvmTypes.INSTANCE);
        frameLocals.add(JvmTypes.STACK);
        frameLocals.add(INTEGER);
      }
      for (int i = 0; i < params; i++) {
        slot = addLocal(i, slot);
      }
      if (!wide) {
        instanceSlot = slot++;
        stackSlot = slot++;
        callsSlot = slot++;
        frameLocals.add(JvmTypes.INSTANCE);
        frameLocals.add(JvmTypes.STACK);
        frameLocals.add(INTEGER);
      }
      if (plan != null) {
        frameSlot = slot++;
        refsSlot = slot++;
        frameLocals.add("[J");
        frameLocals.add("[Ljava/lang/Object;");
        // The function's own method holds the parameters: they count as written by it.
        for (int i = 0; i < params; i++) {
          ownUsed.set(i);
          ownWritten.set(i);
        }
      }
      for (int i = params; i < count; i++) {
        if (ownUsed.get(i)) {
          slot = addLocal(i, slot);
        }
      }
    }
    globalSlots = new int[layout.globals.length];
    Arrays.fill(globalSlots, -1);
    firstTemp = slot;
  }

  private int addLocal(int local, int slot) {
    localSlots[local] = slot;
    frameLocals.add(JvmTypes.frameType(localTypes[local]));
    return slot + JvmTypes.size(localTypes[local]);
  }

  static String partMethod(int function, SplitPlan.Part part) {
    return ModuleLayout.functionMethod(function) + "$" + part.id;
  }

  static String partDescriptor(SplitPlan.Part part) {
    return "([J[Ljava/lang/Object;"
        + JvmTypes.INSTANCE_D
        + JvmTypes.STACK_D
        + "I)"
        + (part.exits.isEmpty() ? "V" : "I");
  }

  /** The locals read and written in {@code [start, end)}. */
  private static void scanLocals(byte[] binary, int start, int end, BitSet used, BitSet written) {
    CodeReader r = new CodeReader(binary, start, end);
    while (r.position() < end) {
      Opcode op = r.opcode();
      switch (op) {
        case LOCAL_GET -> used.set(r.u32());
        case LOCAL_SET, LOCAL_TEE -> {
          int l = r.u32();
          used.set(l);
          written.set(l);
        }
        default -> r.skipImmediates(op);
      }
    }
  }

  /** Generates the method. */
  SizedMethodNode generate() {
    scanContext();
    if (part == null) {
      prologue();
      Ctrl fn = pushCtrl(FUNCTION, List.of(), type.results());
      fn.label = new Label();
      startBasicBlock(0);
    } else {
      partPrologue();
    }
    while (part == null ? csp > 0 : reader.position() < part.end) {
      int offset = reader.position();
      if (!children.isEmpty() && !ctrls[csp - 1].unreachable) {
        SplitPlan.Part child = plan.partAt(offset, children);
        if (child != null) {
          callPart(child);
          continue;
        }
      }
      Opcode op = reader.opcode();
      if (ctrls[csp - 1].unreachable && skipDead(op)) {
        continue;
      }
      int entry = -1;
      if (trace != null) {
        entry = trace.add(offset, csp, sp, method.bytes + reservedBytes, blockIndex, op);
      }
      meterInstructions++;
      nextTemp = firstTemp;
      lowWater = sp;
      compile(op, offset);
      if (entry >= 0) {
        trace.low[entry] = lowWater;
        trace.deadAfter[entry] = csp > 0 && ctrls[csp - 1].unreachable;
      }
    }
    closeBasicBlock();
    if (part != null && !ctrls[csp - 1].unreachable) {
      exit(-1);
    }
    if (trace != null) {
      trace.totalBytes = method.bytes + reservedBytes;
      trace.endPosition = reader.position();
      trace.meterCounts = Arrays.copyOf(meterCounts, blockIndex);
    }
    if (part != null) {
      emitExitEpilogue();
    }
    emitHandlers();
    method.maxLocals = Math.max(method.maxLocals, firstTemp);
    return method;
  }

  // ---------------------------------------------------------------- prologue and context

  /** Finds the globals and whether memory is used, to load them into locals once at entry. */
  private void scanContext() {
    CodeReader scan = new CodeReader(reader.bytes(), reader.position(), reader.limit());
    boolean usesMemory = false;
    while (scan.position() < scan.limit()) {
      Opcode op = scan.opcode();
      switch (op) {
        case GLOBAL_GET, GLOBAL_SET -> {
          int g = scan.u32();
          if (globalSlots[g] < 0) {
            globalSlots[g] = 0;
          }
        }
        case MEMORY_SIZE, MEMORY_GROW, MEMORY_FILL, MEMORY_COPY, MEMORY_INIT -> {
          usesMemory = true;
          scan.skipImmediates(op);
        }
        default -> {
          if (op.hasMemarg()) {
            usesMemory = true;
          }
          scan.skipImmediates(op);
        }
      }
    }
    if (usesMemory) {
      memoryInstanceSlot = firstTemp++;
      frameLocals.add(JvmTypes.MEMORY);
      memorySlot = firstTemp++;
      frameLocals.add(JvmTypes.BYTES);
    }
    if (metered) {
      storeSlot = firstTemp++;
      frameLocals.add(JvmTypes.STORE);
    }
    for (int g = 0; g < globalSlots.length; g++) {
      if (globalSlots[g] == 0) {
        globalSlots[g] = firstTemp++;
        frameLocals.add(JvmTypes.GLOBAL);
      }
    }
  }

  private void prologue() {
    method.visitVarInsn(ILOAD, callsSlot);
    method.visitMethodInsn(INVOKESTATIC, CALLS, "enter", "(I)I", false);
    method.visitVarInsn(ISTORE, callsSlot);
    if (!JvmTypes.fitsParameters(type)) {
      int slot = 0;
      for (int i = 0; i < type.params().size(); i++) {
        ValType t = localTypes[i];
        method.visitVarInsn(ALOAD, stackSlot);
        pushInt(slot);
        method.visitMethodInsn(
            INVOKESTATIC,
            CALLS,
            "get" + JvmTypes.letter(t),
            "(" + JvmTypes.STACK_D + "I)" + JvmTypes.descriptor(t),
            false);
        method.visitVarInsn(JvmTypes.store(t), localSlots[i]);
        slot += t.slots();
      }
    }
    for (int i = type.params().size(); i < localTypes.length; i++) {
      if (localSlots[i] >= 0) {
        pushZero(localTypes[i]);
        method.visitVarInsn(JvmTypes.store(localTypes[i]), localSlots[i]);
      }
    }
    if (frameSlot >= 0) {
      pushInt(Math.max(1, frameLongs));
      method.visitIntInsn(NEWARRAY, T_LONG);
      method.visitVarInsn(ASTORE, frameSlot);
      if (frameRefs > 0) {
        pushInt(frameRefs);
        method.visitTypeInsn(ANEWARRAY, "java/lang/Object");
      } else {
        method.visitInsn(ACONST_NULL);
      }
      method.visitVarInsn(ASTORE, refsSlot);
    }
    loadContext();
  }

  /** A part starts with the locals it uses, from the shared arrays. */
  private void partPrologue() {
    SplitPlan.Part p = part;
    ControlSnapshot context = p.context;
    for (int i = 0; i < context.kinds().length; i++) {
      Ctrl c = pushCtrl(context.kinds()[i], context.params().get(i), context.results().get(i));
      c.external = true;
      c.stackBase = 0;
    }
    sp = 0;
    reloadLocals(ownUsed);
    blockIndex = p.blockAtStart;
    loadContext();
  }

  /** Loads the locals in {@code set} (that this method keeps) from the shared arrays. */
  private void reloadLocals(BitSet set) {
    for (int l = set.nextSetBit(0); l >= 0; l = set.nextSetBit(l + 1)) {
      if (localSlots[l] < 0) {
        continue;
      }
      ValType t = localTypes[l];
      if (t.isReference()) {
        method.visitVarInsn(ALOAD, refsSlot);
        pushInt(frameIndex[l]);
        method.visitInsn(AALOAD);
      } else {
        method.visitVarInsn(ALOAD, frameSlot);
        pushInt(frameIndex[l]);
        method.visitMethodInsn(
            INVOKESTATIC,
            FRAMES,
            "get" + JvmTypes.letter(t),
            "([JI)" + JvmTypes.descriptor(t),
            false);
      }
      method.visitVarInsn(JvmTypes.store(t), localSlots[l]);
    }
  }

  /** Stores the locals in {@code set} (that this method keeps) to the shared arrays. */
  private void storeLocals(BitSet set) {
    for (int l = set.nextSetBit(0); l >= 0; l = set.nextSetBit(l + 1)) {
      if (localSlots[l] < 0) {
        continue;
      }
      ValType t = localTypes[l];
      if (t.isReference()) {
        method.visitVarInsn(ALOAD, refsSlot);
        pushInt(frameIndex[l]);
        method.visitVarInsn(ALOAD, localSlots[l]);
        method.visitInsn(AASTORE);
      } else {
        method.visitVarInsn(ALOAD, frameSlot);
        pushInt(frameIndex[l]);
        method.visitVarInsn(JvmTypes.load(t), localSlots[l]);
        method.visitMethodInsn(
            INVOKESTATIC,
            FRAMES,
            "set" + JvmTypes.letter(t),
            "([JI" + JvmTypes.descriptor(t) + ")V",
            false);
      }
    }
  }

  private void loadContext() {
    if (memorySlot >= 0) {
      method.visitVarInsn(ALOAD, instanceSlot);
      method.visitFieldInsn(GETFIELD, JvmTypes.INSTANCE, "memory", JvmTypes.MEMORY_D);
      method.visitVarInsn(ASTORE, memoryInstanceSlot);
      reloadMemory();
    }
    if (storeSlot >= 0) {
      method.visitVarInsn(ALOAD, instanceSlot);
      method.visitFieldInsn(GETFIELD, JvmTypes.INSTANCE, "store", JvmTypes.STORE_D);
      method.visitVarInsn(ASTORE, storeSlot);
    }
    for (int g = 0; g < globalSlots.length; g++) {
      if (globalSlots[g] >= 0) {
        method.visitVarInsn(ALOAD, instanceSlot);
        method.visitFieldInsn(GETFIELD, JvmTypes.INSTANCE, "globals", "[" + JvmTypes.GLOBAL_D);
        pushInt(g);
        method.visitInsn(AALOAD);
        method.visitVarInsn(ASTORE, globalSlots[g]);
      }
    }
  }

  private void reloadMemory() {
    if (memorySlot < 0) {
      return;
    }
    method.visitVarInsn(ALOAD, memoryInstanceSlot);
    method.visitFieldInsn(GETFIELD, JvmTypes.MEMORY, "bytes", "[B");
    method.visitVarInsn(ASTORE, memorySlot);
  }

  private void pushZero(ValType t) {
    switch (t) {
      case I32 -> method.visitInsn(ICONST_0);
      case I64 -> method.visitInsn(LCONST_0);
      case F32 -> method.visitInsn(FCONST_0);
      case F64 -> method.visitInsn(DCONST_0);
      case V128 -> method.visitFieldInsn(GETSTATIC, JvmTypes.V128, "ZERO", JvmTypes.V128_D);
      case FUNCREF, EXTERNREF -> method.visitInsn(ACONST_NULL);
    }
  }

  // ---------------------------------------------------------------- metering

  /**
   * In metered code, starts a basic block: charges its instructions (counted as they are compiled,
   * exactly where the interpreter's compiler counts them) and serves interrupts. {@code offset} is
   * where a trap here is reported.
   */
  private void startBasicBlock(int offset) {
    if (!metered) {
      return;
    }
    closeBasicBlock();
    method.visitVarInsn(ALOAD, storeSlot);
    // The first generation counts the block's instructions as it goes and fills the count in when
    // the block ends; a split function's methods take the counts from that generation.
    LdcInsnNode count = new LdcInsnNode(plan == null ? 0 : meterCounts[blockIndex]);
    if (plan == null) {
      meterCount = count;
    }
    blockIndex++;
    trapSite(
        offset,
        () -> {
          method.instructions.add(count);
          method.bytes += 3;
          method.visitMethodInsn(
              INVOKESTATIC, CALLS, "meter", "(" + JvmTypes.STORE_D + "I)V", false);
        });
    meterInstructions = 0;
  }

  private void closeBasicBlock() {
    if (meterCount != null) {
      meterCount.cst = meterInstructions;
      if (blockIndex > meterCounts.length) {
        meterCounts = Arrays.copyOf(meterCounts, blockIndex * 2);
      }
      meterCounts[blockIndex - 1] = meterInstructions;
      meterCount = null;
    }
  }

  // ---------------------------------------------------------------- traps

  /** Emits code that may trap, in an exception range whose handler records {@code offset}. */
  private void trapSite(int offset, Runnable code) {
    Label start = new Label();
    Label end = new Label();
    Label handler = new Label();
    method.visitTryCatchBlock(start, end, handler, JvmTypes.THROWABLE);
    method.visitLabel(start);
    code.run();
    method.visitLabel(end);
    reservedBytes += 6;
    // MethodNode keeps the label node of an ASM label in its info field.
    handlers.add((LabelNode) handler.info);
    handlerOffsets.add(offset);
  }

  private void emitHandlers() {
    if (handlers.isEmpty()) {
      return;
    }
    Object[] locals = new Object[instanceSlot + 1];
    Arrays.fill(locals, TOP);
    locals[instanceSlot] = JvmTypes.INSTANCE;
    Label common = new Label();
    for (int i = 0; i < handlers.size(); i++) {
      method.instructions.add(handlers.get(i));
      method.visitFrame(F_NEW, locals.length, locals, 1, new Object[] {JvmTypes.THROWABLE});
      pushInt(handlerOffsets.get(i));
      method.visitJumpInsn(GOTO, common);
    }
    method.visitLabel(common);
    method.visitFrame(F_NEW, locals.length, locals, 2, new Object[] {JvmTypes.THROWABLE, INTEGER});
    pushInt(function);
    method.visitVarInsn(ALOAD, instanceSlot);
    method.visitMethodInsn(
        INVOKESTATIC,
        UNWIND,
        "unwind",
        "(Ljava/lang/Throwable;II" + JvmTypes.INSTANCE_D + ")Ljava/lang/RuntimeException;",
        false);
    method.visitInsn(ATHROW);
  }

  // ---------------------------------------------------------------- frames

  /** Writes the stack map frame of the current state at the current position. */
  private void frame() {
    if (lastIsFrame()) {
      return;
    }
    Object[] stackTypes = new Object[sp];
    for (int i = 0; i < sp; i++) {
      stackTypes[i] = JvmTypes.frameType(stack[i]);
    }
    method.visitFrame(F_NEW, frameLocals.size(), frameLocals.toArray(), sp, stackTypes);
  }

  /** Whether a frame was already written here (with no instruction since). */
  private boolean lastIsFrame() {
    for (AbstractInsnNode n = method.instructions.getLast(); n != null; n = n.getPrevious()) {
      if (n instanceof FrameNode) {
        return true;
      }
      if (!(n instanceof LabelNode) && !(n instanceof LineNumberNode)) {
        return false;
      }
    }
    return false;
  }

  /** Places a label whose code is reached by jumps: the label, then the current frame. */
  private void place(Label label) {
    method.visitLabel(label);
    frame();
  }

  // ---------------------------------------------------------------- dead code

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

  private void markDead() {
    ctrls[csp - 1].unreachable = true;
    deadNesting = 0;
  }

  // ---------------------------------------------------------------- the operand stack

  private void push(ValType t) {
    if (sp == stack.length) {
      stack = Arrays.copyOf(stack, sp * 2);
    }
    stack[sp++] = t;
  }

  private void push(List<ValType> types) {
    for (ValType t : types) {
      push(t);
    }
  }

  private ValType pop() {
    ValType t = stack[--sp];
    lowWater = Math.min(lowWater, sp);
    return t;
  }

  private void pop(int n) {
    sp -= n;
    lowWater = Math.min(lowWater, sp);
  }

  private ValType top() {
    return stack[sp - 1];
  }

  private int temp(ValType t) {
    int slot = nextTemp;
    nextTemp += JvmTypes.size(t);
    method.maxLocals = Math.max(method.maxLocals, nextTemp);
    return slot;
  }

  // ---------------------------------------------------------------- instructions

  private void compile(Opcode op, int offset) {
    if (op != Opcode.IF && op != Opcode.BR_IF) {
      flushComparison();
    }
    switch (op) {
      case UNREACHABLE -> {
        trapSite(
            offset,
            () -> {
              method.visitMethodInsn(
                  INVOKESTATIC, SCALARS, "unreachable", "()Ljava/lang/RuntimeException;", false);
              method.visitInsn(ATHROW);
            });
        markDead();
      }
      case NOP -> {}
      case BLOCK, LOOP -> {
        long bt = reader.blockType();
        List<ValType> params = blockParams(bt);
        Ctrl c = pushCtrl(op == Opcode.BLOCK ? BLOCK : LOOP, params, blockResults(bt));
        c.label = new Label();
        if (op == Opcode.LOOP) {
          place(c.label);
          startBasicBlock(offset);
        }
      }
      case IF -> {
        long bt = reader.blockType();
        Label elseLabel = new Label();
        jumpIf(false, elseLabel);
        List<ValType> params = blockParams(bt);
        Ctrl c = pushCtrl(IF, params, blockResults(bt));
        c.label = new Label();
        c.elseLabel = elseLabel;
        startBasicBlock(offset);
      }
      case ELSE -> {
        Ctrl c = ctrls[csp - 1];
        if (!c.unreachable) {
          method.visitJumpInsn(GOTO, c.label);
        }
        sp = c.stackBase;
        lowWater = Math.min(lowWater, sp);
        push(c.params);
        place(c.elseLabel);
        c.elseLabel = null;
        c.unreachable = false;
        deadNesting = 0;
        startBasicBlock(offset);
      }
      case END -> compileEnd(offset);
      case BR -> {
        branch(reader.u32());
        markDead();
      }
      case BR_IF -> compileBrIf(reader.u32(), offset);
      case BR_TABLE -> compileBrTable();
      case RETURN -> {
        emitReturn();
        markDead();
      }
      case CALL -> compileCall(reader.u32(), offset);
      case CALL_INDIRECT -> compileCallIndirect(reader.u32(), reader.u32(), offset);
      case DROP -> method.visitInsn(JvmTypes.pop(pop()));
      case SELECT -> compileSelect(stack[sp - 2]);
      case SELECT_T -> {
        int n = reader.u32();
        ValType t = null;
        for (int i = 0; i < n; i++) {
          t = reader.valType();
        }
        compileSelect(t);
      }
      case LOCAL_GET -> {
        int l = reader.u32();
        method.visitVarInsn(JvmTypes.load(localTypes[l]), localSlots[l]);
        push(localTypes[l]);
      }
      case LOCAL_SET -> {
        int l = reader.u32();
        method.visitVarInsn(JvmTypes.store(localTypes[l]), localSlots[l]);
        pop();
      }
      case LOCAL_TEE -> {
        int l = reader.u32();
        method.visitInsn(JvmTypes.size(localTypes[l]) == 2 ? DUP2 : DUP);
        method.visitVarInsn(JvmTypes.store(localTypes[l]), localSlots[l]);
      }
      case GLOBAL_GET -> {
        int g = reader.u32();
        ValType t = layout.globals[g].valType();
        method.visitVarInsn(ALOAD, globalSlots[g]);
        scalars("get" + JvmTypes.letter(t), "(" + JvmTypes.GLOBAL_D + ")" + JvmTypes.descriptor(t));
        push(t);
      }
      case GLOBAL_SET -> {
        int g = reader.u32();
        ValType t = pop();
        method.visitVarInsn(ALOAD, globalSlots[g]);
        scalars(
            "set" + JvmTypes.letter(t), "(" + JvmTypes.descriptor(t) + JvmTypes.GLOBAL_D + ")V");
      }
      case TABLE_GET -> {
        int t = reader.u32();
        pushInt(t);
        method.visitVarInsn(ALOAD, instanceSlot);
        trapSite(offset, () -> tables("get", "(II" + JvmTypes.INSTANCE_D + ")Ljava/lang/Object;"));
        pop();
        push(layout.tables[t].elementType());
      }
      case TABLE_SET -> {
        int t = reader.u32();
        pushInt(t);
        method.visitVarInsn(ALOAD, instanceSlot);
        trapSite(offset, () -> tables("set", "(ILjava/lang/Object;I" + JvmTypes.INSTANCE_D + ")V"));
        pop(2);
      }
      case TABLE_SIZE -> {
        pushInt(reader.u32());
        method.visitVarInsn(ALOAD, instanceSlot);
        tables("size", "(I" + JvmTypes.INSTANCE_D + ")I");
        push(ValType.I32);
      }
      case TABLE_GROW -> {
        pushInt(reader.u32());
        method.visitVarInsn(ALOAD, instanceSlot);
        tables("grow", "(Ljava/lang/Object;II" + JvmTypes.INSTANCE_D + ")I");
        pop(2);
        push(ValType.I32);
      }
      case TABLE_FILL -> {
        pushInt(reader.u32());
        method.visitVarInsn(ALOAD, instanceSlot);
        trapSite(
            offset, () -> tables("fill", "(ILjava/lang/Object;II" + JvmTypes.INSTANCE_D + ")V"));
        pop(3);
      }
      case TABLE_COPY -> {
        pushInt(reader.u32());
        pushInt(reader.u32());
        method.visitVarInsn(ALOAD, instanceSlot);
        trapSite(offset, () -> tables("copy", "(IIIII" + JvmTypes.INSTANCE_D + ")V"));
        pop(3);
      }
      case TABLE_INIT -> {
        pushInt(reader.u32());
        pushInt(reader.u32());
        method.visitVarInsn(ALOAD, instanceSlot);
        trapSite(offset, () -> tables("init", "(IIIII" + JvmTypes.INSTANCE_D + ")V"));
        pop(3);
      }
      case ELEM_DROP -> {
        pushInt(reader.u32());
        method.visitVarInsn(ALOAD, instanceSlot);
        tables("elemDrop", "(I" + JvmTypes.INSTANCE_D + ")V");
      }
      case MEMORY_SIZE -> {
        reader.zeroByte();
        method.visitVarInsn(ALOAD, memoryInstanceSlot);
        memory("size", "(" + JvmTypes.MEMORY_D + ")I");
        push(ValType.I32);
      }
      case MEMORY_GROW -> {
        reader.zeroByte();
        method.visitVarInsn(ALOAD, memoryInstanceSlot);
        memory("grow", "(I" + JvmTypes.MEMORY_D + ")I");
        reloadMemory();
      }
      case MEMORY_FILL -> {
        reader.zeroByte();
        method.visitVarInsn(ALOAD, memoryInstanceSlot);
        trapSite(offset, () -> memory("fill", "(III" + JvmTypes.MEMORY_D + ")V"));
        pop(3);
      }
      case MEMORY_COPY -> {
        reader.zeroByte();
        reader.zeroByte();
        method.visitVarInsn(ALOAD, memoryInstanceSlot);
        trapSite(offset, () -> memory("copy", "(III" + JvmTypes.MEMORY_D + ")V"));
        pop(3);
      }
      case MEMORY_INIT -> {
        pushInt(reader.u32());
        reader.zeroByte();
        method.visitVarInsn(ALOAD, memoryInstanceSlot);
        method.visitVarInsn(ALOAD, instanceSlot);
        trapSite(
            offset, () -> memory("init", "(IIII" + JvmTypes.MEMORY_D + JvmTypes.INSTANCE_D + ")V"));
        pop(3);
      }
      case DATA_DROP -> {
        pushInt(reader.u32());
        method.visitVarInsn(ALOAD, instanceSlot);
        memory("dataDrop", "(I" + JvmTypes.INSTANCE_D + ")V");
      }
      case I32_CONST -> {
        pushInt(reader.s32());
        push(ValType.I32);
      }
      case I64_CONST -> {
        pushLong(reader.s64());
        push(ValType.I64);
      }
      case F32_CONST -> {
        pushFloat(reader.f32Bits());
        push(ValType.F32);
      }
      case F64_CONST -> {
        pushDouble(reader.f64Bits());
        push(ValType.F64);
      }
      case REF_NULL -> {
        ValType t = reader.refType();
        method.visitInsn(ACONST_NULL);
        push(t);
      }
      case REF_IS_NULL -> {
        scalars("isNull", "(Ljava/lang/Object;)I");
        pop();
        push(ValType.I32);
      }
      case REF_FUNC -> {
        pushInt(reader.u32());
        method.visitVarInsn(ALOAD, instanceSlot);
        tables("function", "(I" + JvmTypes.INSTANCE_D + ")Ljava/lang/Object;");
        push(ValType.FUNCREF);
      }
      default -> {
        if (op.prefix() == 0xFD) {
          compileSimd(op, offset);
        } else if (op.immediate() == Opcode.Immediate.MEMARG) {
          compileMemoryAccess(op, reader.memArg(), offset);
        } else {
          compileNumeric(op, offset);
        }
      }
    }
  }

  private void scalars(String name, String descriptor) {
    method.visitMethodInsn(INVOKESTATIC, SCALARS, name, descriptor, false);
  }

  private void tables(String name, String descriptor) {
    method.visitMethodInsn(INVOKESTATIC, TABLES, name, descriptor, false);
  }

  private void memory(String name, String descriptor) {
    method.visitMethodInsn(INVOKESTATIC, MEMORY, name, descriptor, false);
  }

  private void compileSelect(ValType t) {
    String d = JvmTypes.descriptor(t);
    scalars("select", "(" + d + d + "I)" + d);
    pop(3);
    push(t);
  }

  // ---------------------------------------------------------------- constants

  private void pushInt(int v) {
    if (v >= -1 && v <= 5) {
      method.visitInsn(ICONST_0 + v);
    } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
      method.visitIntInsn(BIPUSH, v);
    } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
      method.visitIntInsn(SIPUSH, v);
    } else {
      method.visitLdcInsn(v);
    }
  }

  private void pushLong(long v) {
    if (v == 0 || v == 1) {
      method.visitInsn(LCONST_0 + (int) v);
    } else {
      method.visitLdcInsn(v);
    }
  }

  private void pushFloat(int bits) {
    String field =
        switch (bits) {
          case 0 -> "fPlusZero";
          case 0x80000000 -> "fMinusZero";
          case 0x3F800000 -> "fPlusOne";
          case 0xBF800000 -> "fMinusOne";
          default -> null;
        };
    if (field != null) {
      method.visitFieldInsn(GETSTATIC, SCALARS, field, "F");
    } else {
      method.visitLdcInsn(Float.intBitsToFloat(bits));
    }
  }

  private void pushDouble(long bits) {
    String field = null;
    if (bits == 0) {
      field = "dPlusZero";
    } else if (bits == 0x8000000000000000L) {
      field = "dMinusZero";
    } else if (bits == 0x3FF0000000000000L) {
      field = "dPlusOne";
    } else if (bits == 0xBFF0000000000000L) {
      field = "dMinusOne";
    }
    if (field != null) {
      method.visitFieldInsn(GETSTATIC, SCALARS, field, "D");
    } else {
      method.visitLdcInsn(Double.longBitsToDouble(bits));
    }
  }

  // ---------------------------------------------------------------- comparisons and conditions

  private static boolean isComparison(Opcode op) {
    return switch (op) {
      case I32_EQZ,
          I32_EQ,
          I32_NE,
          I32_LT_S,
          I32_LT_U,
          I32_GT_S,
          I32_GT_U,
          I32_LE_S,
          I32_LE_U,
          I32_GE_S,
          I32_GE_U ->
          true;
      case I64_EQZ,
          I64_EQ,
          I64_NE,
          I64_LT_S,
          I64_LT_U,
          I64_GT_S,
          I64_GT_U,
          I64_LE_S,
          I64_LE_U,
          I64_GE_S,
          I64_GE_U ->
          true;
      case F32_EQ, F32_NE, F32_LT, F32_GT, F32_LE, F32_GE -> true;
      case F64_EQ, F64_NE, F64_LT, F64_GT, F64_LE, F64_GE -> true;
      default -> false;
    };
  }

  /** Materializes a pending comparison as an i32 on the stack. */
  private void flushComparison() {
    Opcode op = pendingComparison;
    if (op == null) {
      return;
    }
    pendingComparison = null;
    String name =
        switch (op) {
          case I32_EQZ, I64_EQZ -> "eqz";
          case I32_EQ, I64_EQ, F32_EQ, F64_EQ -> "eq";
          case I32_NE, I64_NE, F32_NE, F64_NE -> "ne";
          case I32_LT_S, I64_LT_S -> "ltS";
          case I32_LT_U, I64_LT_U -> "ltU";
          case I32_GT_S, I64_GT_S -> "gtS";
          case I32_GT_U, I64_GT_U -> "gtU";
          case I32_LE_S, I64_LE_S -> "leS";
          case I32_LE_U, I64_LE_U -> "leU";
          case I32_GE_S, I64_GE_S -> "geS";
          case I32_GE_U, I64_GE_U -> "geU";
          case F32_LT, F64_LT -> "lt";
          case F32_GT, F64_GT -> "gt";
          case F32_LE, F64_LE -> "le";
          case F32_GE, F64_GE -> "ge";
          default -> throw new IllegalStateException(op.text());
        };
    String operand = JvmTypes.descriptor(op.params().get(0));
    String d = op.params().size() == 1 ? "(" + operand + ")I" : "(" + operand + operand + ")I";
    scalars(name, d);
  }

  /**
   * Pops the i32 condition (or the pending comparison) and jumps to {@code target} when it is
   * {@code when}.
   */
  private void jumpIf(boolean when, Label target) {
    pop();
    Opcode op = pendingComparison;
    pendingComparison = null;
    if (op == null) {
      method.visitJumpInsn(when ? IFNE : IFEQ, target);
      return;
    }
    // Each comparison: how to compare, and the jump taken when the condition is true / false.
    int compare;
    int ifTrue;
    int ifFalse;
    switch (op) {
      case I32_EQZ -> {
        compare = -1;
        ifTrue = IFEQ;
        ifFalse = IFNE;
      }
      case I32_EQ -> {
        compare = -1;
        ifTrue = IF_ICMPEQ;
        ifFalse = IF_ICMPNE;
      }
      case I32_NE -> {
        compare = -1;
        ifTrue = IF_ICMPNE;
        ifFalse = IF_ICMPEQ;
      }
      case I32_LT_S -> {
        compare = -1;
        ifTrue = IF_ICMPLT;
        ifFalse = IF_ICMPGE;
      }
      case I32_GT_S -> {
        compare = -1;
        ifTrue = IF_ICMPGT;
        ifFalse = IF_ICMPLE;
      }
      case I32_LE_S -> {
        compare = -1;
        ifTrue = IF_ICMPLE;
        ifFalse = IF_ICMPGT;
      }
      case I32_GE_S -> {
        compare = -1;
        ifTrue = IF_ICMPGE;
        ifFalse = IF_ICMPLT;
      }
      case I32_LT_U, I32_GT_U, I32_LE_U, I32_GE_U -> {
        method.visitMethodInsn(
            INVOKESTATIC, "java/lang/Integer", "compareUnsigned", "(II)I", false);
        compare = -1;
        ifTrue = signOf(op);
        ifFalse = negate(ifTrue);
      }
      case I64_EQZ -> {
        method.visitInsn(LCONST_0);
        compare = LCMP;
        ifTrue = IFEQ;
        ifFalse = IFNE;
      }
      case I64_EQ, I64_NE, I64_LT_S, I64_GT_S, I64_LE_S, I64_GE_S -> {
        compare = LCMP;
        ifTrue = signOf(op);
        ifFalse = negate(ifTrue);
      }
      case I64_LT_U, I64_GT_U, I64_LE_U, I64_GE_U -> {
        method.visitMethodInsn(INVOKESTATIC, "java/lang/Long", "compareUnsigned", "(JJ)I", false);
        compare = -1;
        ifTrue = signOf(op);
        ifFalse = negate(ifTrue);
      }
      case F32_EQ, F32_NE, F32_GT, F32_GE -> {
        compare = FCMPL;
        ifTrue = signOf(op);
        ifFalse = negate(ifTrue);
      }
      case F32_LT, F32_LE -> {
        compare = FCMPG;
        ifTrue = signOf(op);
        ifFalse = negate(ifTrue);
      }
      case F64_EQ, F64_NE, F64_GT, F64_GE -> {
        compare = DCMPL;
        ifTrue = signOf(op);
        ifFalse = negate(ifTrue);
      }
      case F64_LT, F64_LE -> {
        compare = DCMPG;
        ifTrue = signOf(op);
        ifFalse = negate(ifTrue);
      }
      default -> throw new IllegalStateException(op.text());
    }
    if (compare >= 0) {
      method.visitInsn(compare);
    }
    method.visitJumpInsn(when ? ifTrue : ifFalse, target);
  }

  /** The IFxx jump (comparing an int with zero) that is taken when {@code op} holds. */
  private static int signOf(Opcode op) {
    String name = op.text();
    String rel = name.substring(name.indexOf('.') + 1);
    return switch (rel) {
      case "eq" -> IFEQ;
      case "ne" -> IFNE;
      case "lt", "lt_s", "lt_u" -> IFLT;
      case "gt", "gt_s", "gt_u" -> IFGT;
      case "le", "le_s", "le_u" -> IFLE;
      case "ge", "ge_s", "ge_u" -> IFGE;
      default -> throw new IllegalStateException(name);
    };
  }

  private static int negate(int jump) {
    return switch (jump) {
      case IFEQ -> IFNE;
      case IFNE -> IFEQ;
      case IFLT -> IFGE;
      case IFGE -> IFLT;
      case IFGT -> IFLE;
      case IFLE -> IFGT;
      default -> throw new IllegalStateException();
    };
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
    c.stackBase = sp - params.size();
    lowWater = Math.min(lowWater, c.stackBase);
    c.label = null;
    c.elseLabel = null;
    c.unreachable = false;
    c.external = false;
    deadNesting = 0;
    return c;
  }

  private void compileEnd(int offset) {
    Ctrl c = ctrls[csp - 1];
    if (c.kind == FUNCTION) {
      if (!c.unreachable) {
        emitReturn();
      }
      csp--;
      return;
    }
    sp = c.stackBase;
    lowWater = Math.min(lowWater, sp);
    push(c.results);
    if (c.elseLabel != null) {
      method.visitLabel(c.elseLabel);
    }
    if (c.kind != LOOP) {
      method.visitLabel(c.label);
    }
    frame();
    csp--;
    deadNesting = 0;
    startBasicBlock(offset);
  }

  /** Emits an unconditional branch to label {@code depth} (a return for the function's label). */
  private void branch(int depth) {
    Ctrl target = ctrls[csp - 1 - depth];
    if (target.external) {
      exit(csp - 1 - depth);
      return;
    }
    if (target.kind == FUNCTION) {
      emitReturn();
      return;
    }
    dropBelow(target);
    method.visitJumpInsn(GOTO, target.label);
  }

  /** Whether branching to {@code target} must first drop values below the ones it carries. */
  private boolean needsDrop(Ctrl target) {
    return sp - target.labelTypes().size() != target.stackBase;
  }

  /**
   * Drops the values between the target's stack base and the values its label carries, leaving the
   * carried values on top. The type stack is left as it was (the caller jumps away).
   */
  private void dropBelow(Ctrl target) {
    List<ValType> carried = target.labelTypes();
    int n = carried.size();
    int extra = sp - n - target.stackBase;
    if (extra == 0) {
      return;
    }
    int[] temps = new int[n];
    for (int i = n - 1; i >= 0; i--) {
      temps[i] = temp(stack[sp - n + i]);
      method.visitVarInsn(JvmTypes.store(stack[sp - n + i]), temps[i]);
    }
    for (int i = sp - n - 1; i >= target.stackBase; i--) {
      method.visitInsn(JvmTypes.pop(stack[i]));
    }
    for (int i = 0; i < n; i++) {
      method.visitVarInsn(JvmTypes.load(stack[sp - n + i]), temps[i]);
    }
  }

  private void compileBrIf(int depth, int offset) {
    Ctrl target = ctrls[csp - 1 - depth];
    if (target.kind != FUNCTION && !target.external && !needsDropAfterCondition(target)) {
      jumpIf(true, target.label);
    } else {
      Label skip = new Label();
      jumpIf(false, skip);
      branch(depth);
      place(skip);
    }
    startBasicBlock(offset);
  }

  /** {@link #needsDrop} with the condition still on the type stack. */
  private boolean needsDropAfterCondition(Ctrl target) {
    return sp - 1 - target.labelTypes().size() != target.stackBase;
  }

  private void compileBrTable() {
    int n = reader.u32AsInt("br_table length");
    int[] depths = new int[n + 1];
    for (int i = 0; i <= n; i++) {
      depths[i] = reader.u32();
    }
    pop();
    Label[] labels = new Label[n + 1];
    Label[] stubs = new Label[n + 1];
    for (int i = 0; i <= n; i++) {
      Ctrl target = ctrls[csp - 1 - depths[i]];
      if (target.kind != FUNCTION && !target.external && !needsDrop(target)) {
        labels[i] = target.label;
      } else {
        // One stub per distinct depth that drops values (or returns), then jumps.
        for (int j = 0; j < i; j++) {
          if (depths[j] == depths[i] && stubs[j] != null) {
            stubs[i] = stubs[j];
            break;
          }
        }
        if (stubs[i] == null) {
          stubs[i] = new Label();
        }
        labels[i] = stubs[i];
      }
    }
    if (n == 0) {
      method.visitInsn(POP);
      method.visitJumpInsn(GOTO, labels[0]);
    } else {
      method.visitTableSwitchInsn(0, n - 1, labels[n], Arrays.copyOf(labels, n));
    }
    for (int i = 0; i <= n; i++) {
      if (stubs[i] != null && !isPlaced(stubs, i)) {
        place(stubs[i]);
        nextTemp = firstTemp;
        branch(depths[i]);
      }
    }
    markDead();
  }

  /** Whether stub {@code i} is the same label as an earlier stub (already placed). */
  private static boolean isPlaced(Label[] stubs, int i) {
    for (int j = 0; j < i; j++) {
      if (stubs[j] == stubs[i]) {
        return true;
      }
    }
    return false;
  }

  /** Returns the function's results, which are on top of the stack. */
  private void emitReturn() {
    if (part != null) {
      exit(0);
      return;
    }
    List<ValType> results = type.results();
    if (results.isEmpty()) {
      method.visitInsn(RETURN);
    } else if (results.size() == 1) {
      method.visitInsn(JvmTypes.returnOp(results.get(0)));
    } else {
      spillResults(results);
      method.visitInsn(RETURN);
    }
  }

  /**
   * Leaves a part: to the control frame at depth {@code target} (0 is the function's: a return),
   * with the values its label carries (on top of the stack) moved to the call stack's slots; or,
   * with -1, falling through to the instruction after the part.
   */
  private void exit(int target) {
    int carriedCount = 0;
    if (target >= 0) {
      List<ValType> carried = target == 0 ? type.results() : ctrls[target].labelTypes();
      if (!carried.isEmpty()) {
        spillResults(carried);
      }
      carriedCount = carried.size();
    }
    // Every exit shares one epilogue that writes the locals back (a part of a function with many
    // locals and many branches out would otherwise repeat that code at each one): the JVM stack
    // is emptied here, so that all exits reach it with the same frame.
    for (int i = sp - carriedCount - 1; i >= 0; i--) {
      method.visitInsn(JvmTypes.pop(stack[i]));
    }
    if (exitEpilogue == null) {
      exitEpilogue = new Label();
    }
    if (!part.exits.isEmpty()) {
      pushInt(target + 1);
    }
    method.visitJumpInsn(GOTO, exitEpilogue);
  }

  /** The shared end of a part's exits (see {@link #exit}), or null before the first exit. */
  private Label exitEpilogue;

  /** Writes the part's changed locals back and returns the exit code on the stack, if any. */
  private void emitExitEpilogue() {
    if (exitEpilogue == null) {
      return;
    }
    method.visitLabel(exitEpilogue);
    boolean code = !part.exits.isEmpty();
    method.visitFrame(
        F_NEW,
        frameLocals.size(),
        frameLocals.toArray(),
        code ? 1 : 0,
        code ? new Object[] {INTEGER} : new Object[0]);
    storeLocals(ownWritten);
    method.visitInsn(code ? IRETURN : RETURN);
  }

  /** Calls a part at its place in this method, then branches where it exited. */
  private void callPart(SplitPlan.Part child) {
    int[] kinds = new int[csp];
    List<List<ValType>> params = new ArrayList<>();
    List<List<ValType>> results = new ArrayList<>();
    for (int i = 0; i < csp; i++) {
      kinds[i] = ctrls[i].kind;
      params.add(ctrls[i].params);
      results.add(ctrls[i].results);
    }
    child.context = new ControlSnapshot(kinds, params, results);
    BitSet flush = (BitSet) ownWritten.clone();
    flush.and(child.used);
    storeLocals(flush);
    method.visitVarInsn(ALOAD, frameSlot);
    method.visitVarInsn(ALOAD, refsSlot);
    method.visitVarInsn(ALOAD, instanceSlot);
    method.visitVarInsn(ALOAD, stackSlot);
    method.visitVarInsn(ILOAD, callsSlot);
    method.visitMethodInsn(
        INVOKESTATIC,
        ModuleLayout.PENDING_OWNER,
        partMethod(function, child),
        partDescriptor(child),
        false);
    BitSet reload = (BitSet) ownUsed.clone();
    reload.and(child.written);
    reloadLocals(reload);
    reloadMemory();
    Label cont = new Label();
    if (!child.exits.isEmpty()) {
      int n = child.exits.cardinality();
      int[] keys = new int[n + 1];
      Label[] labels = new Label[n + 1];
      keys[0] = 0;
      labels[0] = cont;
      int k = 1;
      for (int d = child.exits.nextSetBit(0); d >= 0; d = child.exits.nextSetBit(d + 1)) {
        keys[k] = d + 1;
        labels[k] = new Label();
        k++;
      }
      method.visitLookupSwitchInsn(cont, keys, labels);
      int savedSp = sp;
      k = 1;
      for (int d = child.exits.nextSetBit(0); d >= 0; d = child.exits.nextSetBit(d + 1)) {
        place(labels[k++]);
        nextTemp = firstTemp;
        List<ValType> carried = d == 0 ? type.results() : ctrls[d].labelTypes();
        unspillResults(carried);
        push(carried);
        branch(csp - 1 - d);
        sp = savedSp;
      }
      place(cont);
    }
    if (!child.fallsThrough) {
      method.visitMethodInsn(
          INVOKESTATIC, SCALARS, "unreachable", "()Ljava/lang/RuntimeException;", false);
      method.visitInsn(ATHROW);
      markDead();
    }
    reader.position(child.end);
    blockIndex = child.blockAtEnd;
  }

  /** Moves values from the top of the JVM stack to the call stack's slots from its top on. */
  private void spillResults(List<ValType> types) {
    int slots = 0;
    for (ValType t : types) {
      slots += t.slots();
    }
    method.visitVarInsn(ALOAD, stackSlot);
    pushInt(slots);
    method.visitMethodInsn(INVOKESTATIC, CALLS, "reserve", "(" + JvmTypes.STACK_D + "I)V", false);
    for (int i = types.size() - 1; i >= 0; i--) {
      ValType t = types.get(i);
      slots -= t.slots();
      method.visitVarInsn(ALOAD, stackSlot);
      pushInt(slots);
      method.visitMethodInsn(
          INVOKESTATIC,
          CALLS,
          "put" + JvmTypes.letter(t),
          "(" + JvmTypes.descriptor(t) + JvmTypes.STACK_D + "I)V",
          false);
    }
  }

  /** Pushes values from the call stack's slots (from its top on) onto the JVM stack. */
  private void unspillResults(List<ValType> types) {
    int slot = 0;
    for (ValType t : types) {
      method.visitVarInsn(ALOAD, stackSlot);
      pushInt(slot);
      method.visitMethodInsn(
          INVOKESTATIC,
          CALLS,
          "get" + JvmTypes.letter(t),
          "(" + JvmTypes.STACK_D + "I)" + JvmTypes.descriptor(t),
          false);
      slot += t.slots();
    }
  }

  private List<ValType> blockParams(long blockType) {
    return blockType >= 0 ? layout.types.get((int) blockType).params() : List.of();
  }

  private List<ValType> blockResults(long blockType) {
    if (blockType >= 0) {
      return layout.types.get((int) blockType).results();
    }
    ValType t = CodeReader.blockValueType(blockType);
    return t == null ? List.of() : List.of(t);
  }

  // ---------------------------------------------------------------- calls

  private void compileCall(int callee, int offset) {
    FuncType ft = layout.functionTypes[callee];
    if (!JvmTypes.fitsParameters(ft)) {
      spillResults(ft.params());
    }
    method.visitVarInsn(ALOAD, instanceSlot);
    method.visitVarInsn(ALOAD, stackSlot);
    method.visitVarInsn(ILOAD, callsSlot);
    String owner = layout.isImported(callee) ? ModuleLayout.DISPATCH : ModuleLayout.PENDING_OWNER;
    String name =
        layout.isImported(callee)
            ? ModuleLayout.importMethod(callee)
            : ModuleLayout.functionMethod(callee);
    trapSite(
        offset,
        () ->
            method.visitMethodInsn(
                INVOKESTATIC, owner, name, JvmTypes.functionDescriptor(ft), false));
    finishCall(ft);
  }

  private void compileCallIndirect(int typeIndex, int table, int offset) {
    FuncType ft = layout.types.get(typeIndex);
    int canonical = layout.canonicalType[typeIndex];
    if (!JvmTypes.fitsParameters(ft)) {
      // The index is on top of the arguments: keep it aside while they move to the slots.
      int index = temp(ValType.I32);
      method.visitVarInsn(ISTORE, index);
      spillResults(ft.params());
      method.visitVarInsn(ILOAD, index);
    }
    pushInt(table);
    method.visitVarInsn(ALOAD, instanceSlot);
    method.visitVarInsn(ALOAD, stackSlot);
    method.visitVarInsn(ILOAD, callsSlot);
    trapSite(
        offset,
        () ->
            method.visitMethodInsn(
                INVOKESTATIC,
                ModuleLayout.DISPATCH,
                ModuleLayout.indirectMethod(canonical),
                ModuleLayout.indirectDescriptor(ft),
                false));
    pop();
    finishCall(ft);
  }

  private void finishCall(FuncType ft) {
    pop(ft.params().size());
    if (ft.results().size() > 1) {
      unspillResults(ft.results());
    }
    push(ft.results());
    reloadMemory();
  }

  // ---------------------------------------------------------------- memory

  private void compileMemoryAccess(Opcode op, MemArg memArg, int offset) {
    int staticOffset = (int) memArg.offset();
    String name;
    String value;
    switch (op) {
      case I32_LOAD -> {
        name = "i32";
        value = "I";
      }
      case I64_LOAD -> {
        name = "i64";
        value = "J";
      }
      case F32_LOAD -> {
        name = "f32";
        value = "F";
      }
      case F64_LOAD -> {
        name = "f64";
        value = "D";
      }
      case I32_LOAD8_S -> {
        name = "s8";
        value = "I";
      }
      case I32_LOAD8_U -> {
        name = "u8";
        value = "I";
      }
      case I32_LOAD16_S -> {
        name = "s16";
        value = "I";
      }
      case I32_LOAD16_U -> {
        name = "u16";
        value = "I";
      }
      case I64_LOAD8_S -> {
        name = "s8";
        value = "I";
      }
      case I64_LOAD8_U -> {
        name = "u8";
        value = "I";
      }
      case I64_LOAD16_S -> {
        name = "s16";
        value = "I";
      }
      case I64_LOAD16_U -> {
        name = "u16";
        value = "I";
      }
      case I64_LOAD32_S -> {
        name = "i32";
        value = "I";
      }
      case I64_LOAD32_U -> {
        name = "u32";
        value = "J";
      }
      case I32_STORE, I32_STORE8, I32_STORE16 -> {
        name = op == Opcode.I32_STORE ? "storeI32" : op == Opcode.I32_STORE8 ? "store8" : "store16";
        value = "I";
      }
      case I64_STORE, I64_STORE8, I64_STORE16, I64_STORE32 -> {
        name =
            switch (op) {
              case I64_STORE -> "storeI64";
              case I64_STORE8 -> "store8";
              case I64_STORE16 -> "store16";
              default -> "store32";
            };
        value = "J";
      }
      case F32_STORE -> {
        name = "storeF32";
        value = "F";
      }
      case F64_STORE -> {
        name = "storeF64";
        value = "D";
      }
      default -> throw new IllegalStateException(op.text());
    }
    boolean store = op.results().isEmpty();
    String offsetParam = staticOffset == 0 ? "" : "I";
    if (staticOffset != 0) {
      pushInt(staticOffset);
    }
    method.visitVarInsn(ALOAD, memorySlot);
    String descriptor =
        store ? "(I" + value + offsetParam + "[B)V" : "(I" + offsetParam + "[B)" + value;
    trapSite(offset, () -> memory(name, descriptor));
    if (store) {
      pop(2);
    } else {
      pop();
      ValType result = op.results().get(0);
      if (result == ValType.I64 && value.equals("I")) {
        method.visitInsn(I2L);
      }
      push(result);
    }
  }

  // ---------------------------------------------------------------- numeric

  private void compileNumeric(Opcode op, int offset) {
    if (isComparison(op)) {
      pop(op.params().size());
      push(ValType.I32);
      pendingComparison = op;
      return;
    }
    if (!Numeric.emit(op, method, offset, this::trapSite)) {
      throw new IllegalStateException("no code for " + op.text());
    }
    pop(op.params().size());
    push(op.results());
  }

  // ---------------------------------------------------------------- SIMD

  private void compileSimd(Opcode op, int offset) {
    Vectors.Emitter emitter =
        new Vectors.Emitter(
            method,
            () -> method.visitVarInsn(ALOAD, memorySlot),
            this::pushInt,
            this::pushLong,
            (code) -> trapSite(offset, code));
    emitter.emit(op, reader);
    pop(op.params().size());
    push(op.results());
  }

  /** Callback for emitting trapping code, used by the instruction tables. */
  @FunctionalInterface
  interface TrapSites {
    void at(int offset, Runnable code);
  }
}
