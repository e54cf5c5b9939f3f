package dev.patina.wasm.compiler.internal;

import static org.objectweb.asm.Opcodes.*;

import dev.patina.wasm.FuncType;
import dev.patina.wasm.ValType;
import dev.patina.wasm.internal.runtime.FunctionInstance;
import dev.patina.wasm.internal.runtime.JvmFunction;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Label;
import org.objectweb.asm.MethodVisitor;
import org.objectweb.asm.Type;

/**
 * The generated code around the functions: stubs that call imports, the typed dispatchers of {@code
 * call_indirect} (a switch over the module's own functions of the type, direct static calls; any
 * other function through its slot-convention entry), and the {@link Invoker}s through which
 * everything outside generated code calls in.
 */
final class DispatchCodegen {
  private static final String CALLS = Type.getInternalName(Calls.class);
  private static final String TABLES = Type.getInternalName(TableAccess.class);
  private static final String FUNCTION = Type.getInternalName(FunctionInstance.class);
  private static final String JVM_FUNCTION = Type.getInternalName(JvmFunction.class);
  private static final String INVOKER = Type.getInternalName(Invoker.class);

  /** Cases of one switch method: keeps dispatchers compilable by the JIT (8000 bytes). */
  private static final int CASES_PER_METHOD = 300;

  /** Functions per invoker class. */
  static final int FUNCTIONS_PER_INVOKER = 300;

  private final ModuleLayout layout;

  DispatchCodegen(ModuleLayout layout) {
    this.layout = layout;
  }

  static ClassWriter classWriter() {
    return new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
      @Override
      protected String getCommonSuperClass(String type1, String type2) {
        return "java/lang/Object";
      }
    };
  }

  /** The dispatch class: import stubs and indirect-call dispatchers. */
  byte[] dispatchClass() {
    ClassWriter cw = classWriter();
    cw.visit(
        V21,
        ACC_PUBLIC | ACC_FINAL | ACC_SUPER,
        ModuleLayout.DISPATCH,
        null,
        "java/lang/Object",
        null);
    for (int f = 0; f < layout.importedFunctions; f++) {
      importStub(cw, f);
    }
    Map<Integer, List<Integer>> byType = new LinkedHashMap<>();
    for (int t = 0; t < layout.types.size(); t++) {
      if (layout.canonicalType[t] == t) {
        byType.put(t, new ArrayList<>());
      }
    }
    int[] functionTypeIndex = layout.module.functions();
    for (int i = 0; i < functionTypeIndex.length; i++) {
      byType.get(layout.canonicalType[functionTypeIndex[i]]).add(layout.importedFunctions + i);
    }
    byType.forEach((t, functions) -> indirect(cw, t, functions));
    cw.visitEnd();
    return cw.toByteArray();
  }

  private void importStub(ClassWriter cw, int function) {
    FuncType type = layout.functionTypes[function];
    MethodVisitor mv =
        cw.visitMethod(
            ACC_PUBLIC | ACC_STATIC,
            ModuleLayout.importMethod(function),
            JvmTypes.functionDescriptor(type),
            null,
            null);
    mv.visitCode();
    Context c = new Context(type, 0);
    storeArguments(mv, type, c);
    mv.visitVarInsn(ALOAD, c.instance);
    mv.visitFieldInsn(GETFIELD, JvmTypes.INSTANCE, "functions", "[L" + FUNCTION + ";");
    pushInt(mv, function);
    mv.visitInsn(AALOAD);
    callGeneric(mv, type, c);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  /** Locals of a dispatcher: the arguments, extra ints, then instance, stack and calls allowed. */
  private static final class Context {
    final int instance;
    final int stack;
    final int calls;
    final int firstFree;
    final int extra;

    Context(FuncType type, int extraInts) {
      int slot = JvmTypes.fitsParameters(type) ? JvmTypes.size(type.params()) : 0;
      extra = slot;
      slot += extraInts;
      instance = slot++;
      stack = slot++;
      calls = slot++;
      firstFree = slot;
    }
  }

  /** Moves the arguments (in locals from 0) to the call stack's slots, unless already there. */
  private static void storeArguments(MethodVisitor mv, FuncType type, Context c) {
    if (!JvmTypes.fitsParameters(type)) {
      return;
    }
    int slots = 0;
    for (ValType t : type.params()) {
      slots += t.slots();
    }
    mv.visitVarInsn(ALOAD, c.stack);
    pushInt(mv, slots);
    mv.visitMethodInsn(INVOKESTATIC, CALLS, "reserve", "(" + JvmTypes.STACK_D + "I)V", false);
    int local = 0;
    int slot = 0;
    for (ValType t : type.params()) {
      mv.visitVarInsn(JvmTypes.load(t), local);
      mv.visitVarInsn(ALOAD, c.stack);
      pushInt(mv, slot);
      mv.visitMethodInsn(
          INVOKESTATIC,
          CALLS,
          "put" + JvmTypes.letter(t),
          "(" + JvmTypes.descriptor(t) + JvmTypes.STACK_D + "I)V",
          false);
      local += JvmTypes.size(t);
      slot += t.slots();
    }
  }

  /** With the callee on the stack: calls it through the slots and returns its results. */
  private static void callGeneric(MethodVisitor mv, FuncType type, Context c) {
    mv.visitVarInsn(ALOAD, c.instance);
    mv.visitVarInsn(ALOAD, c.stack);
    mv.visitVarInsn(ILOAD, c.calls);
    mv.visitMethodInsn(
        INVOKESTATIC,
        CALLS,
        "call",
        "(L" + FUNCTION + ";" + JvmTypes.INSTANCE_D + JvmTypes.STACK_D + "I)V",
        false);
    if (type.results().size() == 1) {
      ValType t = type.results().get(0);
      mv.visitVarInsn(ALOAD, c.stack);
      mv.visitInsn(ICONST_0);
      mv.visitMethodInsn(
          INVOKESTATIC,
          CALLS,
          "get" + JvmTypes.letter(t),
          "(" + JvmTypes.STACK_D + "I)" + JvmTypes.descriptor(t),
          false);
      mv.visitInsn(JvmTypes.returnOp(t));
    } else {
      // No result, or several: they stay in the slots, where the caller reads them.
      mv.visitInsn(RETURN);
    }
  }

  /** Loads the arguments and context and calls the generated function {@code function}. */
  private void callDirect(MethodVisitor mv, FuncType type, Context c, int function) {
    int local = 0;
    if (JvmTypes.fitsParameters(type)) {
      for (ValType t : type.params()) {
        mv.visitVarInsn(JvmTypes.load(t), local);
        local += JvmTypes.size(t);
      }
    }
    mv.visitVarInsn(ALOAD, c.instance);
    mv.visitVarInsn(ALOAD, c.stack);
    mv.visitVarInsn(ILOAD, c.calls);
    mv.visitMethodInsn(
        INVOKESTATIC,
        layout.owner(function),
        ModuleLayout.functionMethod(function),
        JvmTypes.functionDescriptor(type),
        false);
    mv.visitInsn(type.results().size() == 1 ? JvmTypes.returnOp(type.results().get(0)) : RETURN);
  }

  /**
   * {@code indirect<T>(args..., index, table, instance, stack, calls)}: looks the callee up (with
   * the interpreter's traps) and calls it.
   */
  private void indirect(ClassWriter cw, int typeIndex, List<Integer> functions) {
    FuncType type = layout.types.get(typeIndex);
    MethodVisitor mv =
        cw.visitMethod(
            ACC_PUBLIC | ACC_STATIC,
            ModuleLayout.indirectMethod(typeIndex),
            ModuleLayout.indirectDescriptor(type),
            null,
            null);
    mv.visitCode();
    Context c = new Context(type, 2);
    int index = c.extra;
    int table = c.extra + 1;
    int callee = c.firstFree;
    int own = c.firstFree + 1;
    mv.visitVarInsn(ILOAD, index);
    mv.visitVarInsn(ILOAD, table);
    pushInt(mv, typeIndex);
    mv.visitVarInsn(ALOAD, c.instance);
    mv.visitMethodInsn(
        INVOKESTATIC,
        TABLES,
        "callee",
        "(III" + JvmTypes.INSTANCE_D + ")L" + FUNCTION + ";",
        false);
    mv.visitVarInsn(ASTORE, callee);
    Label generic = new Label();
    if (!functions.isEmpty()) {
      mv.visitVarInsn(ALOAD, callee);
      mv.visitTypeInsn(INSTANCEOF, JVM_FUNCTION);
      mv.visitJumpInsn(IFEQ, generic);
      mv.visitVarInsn(ALOAD, callee);
      mv.visitTypeInsn(CHECKCAST, JVM_FUNCTION);
      mv.visitMethodInsn(
          INVOKEVIRTUAL, JVM_FUNCTION, "instance", "()" + JvmTypes.INSTANCE_D, false);
      mv.visitVarInsn(ALOAD, c.instance);
      mv.visitJumpInsn(IF_ACMPNE, generic);
      mv.visitVarInsn(ALOAD, callee);
      mv.visitTypeInsn(CHECKCAST, JVM_FUNCTION);
      mv.visitMethodInsn(INVOKEVIRTUAL, JVM_FUNCTION, "index", "()I", false);
      mv.visitVarInsn(ISTORE, own);
      if (functions.size() <= CASES_PER_METHOD) {
        switchOver(mv, type, c, own, functions, generic);
      } else {
        for (int start = 0; start < functions.size(); start += CASES_PER_METHOD) {
          List<Integer> chunk =
              functions.subList(start, Math.min(functions.size(), start + CASES_PER_METHOD));
          String name = ModuleLayout.indirectMethod(typeIndex) + "_" + (start / CASES_PER_METHOD);
          String descriptor = indirectChunk(cw, name, typeIndex, chunk);
          Label next = new Label();
          mv.visitVarInsn(ILOAD, own);
          pushInt(mv, chunk.get(chunk.size() - 1));
          mv.visitJumpInsn(IF_ICMPGT, next);
          loadArguments(mv, type);
          mv.visitVarInsn(ILOAD, own);
          mv.visitVarInsn(ALOAD, c.instance);
          mv.visitVarInsn(ALOAD, c.stack);
          mv.visitVarInsn(ILOAD, c.calls);
          mv.visitMethodInsn(INVOKESTATIC, ModuleLayout.DISPATCH, name, descriptor, false);
          mv.visitInsn(
              type.results().size() == 1 ? JvmTypes.returnOp(type.results().get(0)) : RETURN);
          mv.visitLabel(next);
        }
        mv.visitJumpInsn(GOTO, generic);
      }
    }
    mv.visitLabel(generic);
    storeArguments(mv, type, c);
    mv.visitVarInsn(ALOAD, callee);
    callGeneric(mv, type, c);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
  }

  private static void loadArguments(MethodVisitor mv, FuncType type) {
    if (!JvmTypes.fitsParameters(type)) {
      return;
    }
    int local = 0;
    for (ValType t : type.params()) {
      mv.visitVarInsn(JvmTypes.load(t), local);
      local += JvmTypes.size(t);
    }
  }

  private void switchOver(
      MethodVisitor mv, FuncType type, Context c, int own, List<Integer> functions, Label other) {
    int[] keys = new int[functions.size()];
    Label[] labels = new Label[keys.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = functions.get(i);
      labels[i] = new Label();
    }
    mv.visitVarInsn(ILOAD, own);
    mv.visitLookupSwitchInsn(other, keys, labels);
    for (int i = 0; i < keys.length; i++) {
      mv.visitLabel(labels[i]);
      callDirect(mv, type, c, keys[i]);
    }
  }

  /**
   * A dispatcher for one chunk of a type's functions: {@code (args..., own, instance, stack,
   * calls)}.
   */
  private String indirectChunk(ClassWriter cw, String name, int typeIndex, List<Integer> chunk) {
    FuncType type = layout.types.get(typeIndex);
    StringBuilder d = new StringBuilder("(");
    if (JvmTypes.fitsParameters(type)) {
      for (ValType t : type.params()) {
        d.append(JvmTypes.descriptor(t));
      }
    }
    d.append('I').append(JvmTypes.INSTANCE_D).append(JvmTypes.STACK_D).append("I)");
    d.append(JvmTypes.returnDescriptor(type));
    MethodVisitor mv = cw.visitMethod(ACC_PUBLIC | ACC_STATIC, name, d.toString(), null, null);
    mv.visitCode();
    Context c = new Context(type, 1);
    Label bad = new Label();
    switchOver(mv, type, c, c.extra, chunk, bad);
    mv.visitLabel(bad);
    mv.visitTypeInsn(NEW, "java/lang/IllegalStateException");
    mv.visitInsn(DUP);
    mv.visitMethodInsn(INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "()V", false);
    mv.visitInsn(ATHROW);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    return d.toString();
  }

  // ---------------------------------------------------------------- invokers

  static String invokerClass(int chunk) {
    return ModuleLayout.PACKAGE + "Invoker" + chunk;
  }

  int invokerCount() {
    return (layout.definedFunctions() + FUNCTIONS_PER_INVOKER - 1) / FUNCTIONS_PER_INVOKER;
  }

  /** Invoker class {@code chunk}: a switch over its functions, in the slot convention. */
  byte[] invokerClass(int chunk, int first, int end) {
    ClassWriter cw = classWriter();
    String name = invokerClass(chunk);
    cw.visit(
        V21,
        ACC_PUBLIC | ACC_FINAL | ACC_SUPER,
        name,
        null,
        "java/lang/Object",
        new String[] {INVOKER});
    MethodVisitor init = cw.visitMethod(ACC_PUBLIC, "<init>", "()V", null, null);
    init.visitCode();
    init.visitVarInsn(ALOAD, 0);
    init.visitMethodInsn(INVOKESPECIAL, "java/lang/Object", "<init>", "()V", false);
    init.visitInsn(RETURN);
    init.visitMaxs(0, 0);
    init.visitEnd();

    MethodVisitor mv =
        cw.visitMethod(
            ACC_PUBLIC,
            "invoke",
            "(I" + JvmTypes.INSTANCE_D + JvmTypes.STACK_D + "II)V",
            null,
            null);
    mv.visitCode();
    int fn = 1;
    int instance = 2;
    int stack = 3;
    int base = 4;
    int calls = 5;
    int[] keys = new int[end - first];
    Label[] labels = new Label[keys.length];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = first + i;
      labels[i] = new Label();
    }
    Label bad = new Label();
    mv.visitVarInsn(ILOAD, fn);
    mv.visitLookupSwitchInsn(bad, keys, labels);
    for (int i = 0; i < keys.length; i++) {
      int function = keys[i];
      FuncType type = layout.functionTypes[function];
      mv.visitLabel(labels[i]);
      int slot = 0;
      if (JvmTypes.fitsParameters(type)) {
        for (ValType t : type.params()) {
          mv.visitVarInsn(ALOAD, stack);
          mv.visitVarInsn(ILOAD, base);
          if (slot != 0) {
            pushInt(mv, slot);
            mv.visitInsn(IADD);
          }
          mv.visitMethodInsn(
              INVOKESTATIC,
              CALLS,
              "arg" + JvmTypes.letter(t),
              "(" + JvmTypes.STACK_D + "I)" + JvmTypes.descriptor(t),
              false);
          slot += t.slots();
        }
      } else {
        mv.visitVarInsn(ALOAD, stack);
        mv.visitVarInsn(ILOAD, base);
        pushInt(mv, slots(type.params()));
        mv.visitMethodInsn(
            INVOKESTATIC, CALLS, "moveArguments", "(" + JvmTypes.STACK_D + "II)V", false);
      }
      mv.visitVarInsn(ALOAD, instance);
      mv.visitVarInsn(ALOAD, stack);
      mv.visitVarInsn(ILOAD, calls);
      mv.visitMethodInsn(
          INVOKESTATIC,
          layout.owner(function),
          ModuleLayout.functionMethod(function),
          JvmTypes.functionDescriptor(type),
          false);
      if (type.results().size() == 1) {
        ValType t = type.results().get(0);
        mv.visitVarInsn(ALOAD, stack);
        mv.visitVarInsn(ILOAD, base);
        mv.visitMethodInsn(
            INVOKESTATIC,
            CALLS,
            "result" + JvmTypes.letter(t),
            "(" + JvmTypes.descriptor(t) + JvmTypes.STACK_D + "I)V",
            false);
      } else if (type.results().size() > 1) {
        mv.visitVarInsn(ALOAD, stack);
        mv.visitVarInsn(ILOAD, base);
        pushInt(mv, slots(type.results()));
        mv.visitMethodInsn(
            INVOKESTATIC, CALLS, "moveResults", "(" + JvmTypes.STACK_D + "II)V", false);
      }
      mv.visitInsn(RETURN);
    }
    mv.visitLabel(bad);
    mv.visitTypeInsn(NEW, "java/lang/IllegalStateException");
    mv.visitInsn(DUP);
    mv.visitMethodInsn(INVOKESPECIAL, "java/lang/IllegalStateException", "<init>", "()V", false);
    mv.visitInsn(ATHROW);
    mv.visitMaxs(0, 0);
    mv.visitEnd();
    cw.visitEnd();
    return cw.toByteArray();
  }

  private static int slots(List<ValType> types) {
    int n = 0;
    for (ValType t : types) {
      n += t.slots();
    }
    return n;
  }

  static void pushInt(MethodVisitor mv, int v) {
    if (v >= -1 && v <= 5) {
      mv.visitInsn(ICONST_0 + v);
    } else if (v >= Byte.MIN_VALUE && v <= Byte.MAX_VALUE) {
      mv.visitIntInsn(BIPUSH, v);
    } else if (v >= Short.MIN_VALUE && v <= Short.MAX_VALUE) {
      mv.visitIntInsn(SIPUSH, v);
    } else {
      mv.visitLdcInsn(v);
    }
  }
}
