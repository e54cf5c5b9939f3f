package dev.patina.wasm.compiler.internal;

import static org.objectweb.asm.Opcodes.ALOAD;
import static org.objectweb.asm.Opcodes.ARETURN;
import static org.objectweb.asm.Opcodes.ASTORE;
import static org.objectweb.asm.Opcodes.DLOAD;
import static org.objectweb.asm.Opcodes.DOUBLE;
import static org.objectweb.asm.Opcodes.DRETURN;
import static org.objectweb.asm.Opcodes.DSTORE;
import static org.objectweb.asm.Opcodes.FLOAD;
import static org.objectweb.asm.Opcodes.FLOAT;
import static org.objectweb.asm.Opcodes.FRETURN;
import static org.objectweb.asm.Opcodes.FSTORE;
import static org.objectweb.asm.Opcodes.ILOAD;
import static org.objectweb.asm.Opcodes.INTEGER;
import static org.objectweb.asm.Opcodes.IRETURN;
import static org.objectweb.asm.Opcodes.ISTORE;
import static org.objectweb.asm.Opcodes.LLOAD;
import static org.objectweb.asm.Opcodes.LONG;
import static org.objectweb.asm.Opcodes.LRETURN;
import static org.objectweb.asm.Opcodes.LSTORE;
import static org.objectweb.asm.Opcodes.POP;
import static org.objectweb.asm.Opcodes.POP2;

import dev.patina.wasm.FuncType;
import dev.patina.wasm.ValType;
import dev.patina.wasm.internal.runtime.CallStack;
import dev.patina.wasm.internal.runtime.GlobalInstance;
import dev.patina.wasm.internal.runtime.MemoryInstance;
import dev.patina.wasm.internal.runtime.ModuleInstance;
import dev.patina.wasm.internal.runtime.StoreState;
import java.util.List;
import org.objectweb.asm.Type;

/** How Wasm values are represented on the JVM: descriptors, frame types, load/store opcodes. */
final class JvmTypes {
  static final String V128 = Type.getInternalName(V128.class);
  static final String OBJECT = "java/lang/Object";
  static final String INSTANCE = Type.getInternalName(ModuleInstance.class);
  static final String STACK = Type.getInternalName(CallStack.class);
  static final String MEMORY = Type.getInternalName(MemoryInstance.class);
  static final String GLOBAL = Type.getInternalName(GlobalInstance.class);
  static final String STORE = Type.getInternalName(StoreState.class);
  static final String BYTES = "[B";
  static final String THROWABLE = "java/lang/Throwable";

  static final String INSTANCE_D = "L" + INSTANCE + ";";
  static final String STACK_D = "L" + STACK + ";";
  static final String MEMORY_D = "L" + MEMORY + ";";
  static final String GLOBAL_D = "L" + GLOBAL + ";";
  static final String STORE_D = "L" + STORE + ";";
  static final String V128_D = "L" + V128 + ";";

  /** The JVM's limit on the slots of a method's parameters. */
  static final int MAX_PARAMETER_SLOTS = 255;

  private JvmTypes() {}

  static String descriptor(ValType t) {
    return switch (t) {
      case I32 -> "I";
      case I64 -> "J";
      case F32 -> "F";
      case F64 -> "D";
      case V128 -> V128_D;
      case FUNCREF, EXTERNREF -> "Ljava/lang/Object;";
    };
  }

  /** The letter of the helper overloads for a type: I, J, F, D, V (v128) or R (reference). */
  static String letter(ValType t) {
    return switch (t) {
      case I32 -> "I";
      case I64 -> "J";
      case F32 -> "F";
      case F64 -> "D";
      case V128 -> "V";
      case FUNCREF, EXTERNREF -> "R";
    };
  }

  /** The type in a stack map frame. */
  static Object frameType(ValType t) {
    return switch (t) {
      case I32 -> INTEGER;
      case I64 -> LONG;
      case F32 -> FLOAT;
      case F64 -> DOUBLE;
      case V128 -> V128;
      case FUNCREF, EXTERNREF -> OBJECT;
    };
  }

  /** JVM local variable slots of a value. */
  static int size(ValType t) {
    return t == ValType.I64 || t == ValType.F64 ? 2 : 1;
  }

  static int size(List<ValType> types) {
    int n = 0;
    for (ValType t : types) {
      n += size(t);
    }
    return n;
  }

  static int load(ValType t) {
    return switch (t) {
      case I32 -> ILOAD;
      case I64 -> LLOAD;
      case F32 -> FLOAD;
      case F64 -> DLOAD;
      default -> ALOAD;
    };
  }

  static int store(ValType t) {
    return switch (t) {
      case I32 -> ISTORE;
      case I64 -> LSTORE;
      case F32 -> FSTORE;
      case F64 -> DSTORE;
      default -> ASTORE;
    };
  }

  static int returnOp(ValType t) {
    return switch (t) {
      case I32 -> IRETURN;
      case I64 -> LRETURN;
      case F32 -> FRETURN;
      case F64 -> DRETURN;
      default -> ARETURN;
    };
  }

  static int pop(ValType t) {
    return size(t) == 2 ? POP2 : POP;
  }

  /** The JVM return type of a function: void, its one result, or void with results in slots. */
  static String returnDescriptor(FuncType type) {
    return type.results().size() == 1 ? descriptor(type.results().get(0)) : "V";
  }

  /** Whether a function's parameters fit the JVM's limit with room for the context arguments. */
  static boolean fitsParameters(FuncType type) {
    return size(type.params()) + 5 <= MAX_PARAMETER_SLOTS;
  }

  /**
   * The descriptor of a generated function: its parameters, then the instance, the call stack and
   * the number of calls still allowed (see {@link Calls#enter}). Functions with too many parameters
   * for the JVM take them from the call stack's slots instead.
   */
  static String functionDescriptor(FuncType type) {
    StringBuilder d = new StringBuilder("(");
    if (fitsParameters(type)) {
      for (ValType t : type.params()) {
        d.append(descriptor(t));
      }
    }
    d.append(INSTANCE_D).append(STACK_D).append('I').append(')').append(returnDescriptor(type));
    return d.toString();
  }
}
