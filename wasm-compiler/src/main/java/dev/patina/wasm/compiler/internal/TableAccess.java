package dev.patina.wasm.compiler.internal;

import dev.patina.wasm.TrapException;
import dev.patina.wasm.internal.runtime.FunctionInstance;
import dev.patina.wasm.internal.runtime.ModuleInstance;
import dev.patina.wasm.internal.runtime.TableInstance;
import java.util.Arrays;

/** Tables, element segments and indirect calls for generated code, with the interpreter's traps. */
public final class TableAccess {
  private static final Object[] NO_ELEMENTS = new Object[0];

  private TableAccess() {}

  /**
   * The function {@code call_indirect} calls: element {@code index} of table {@code table}, which
   * must be a function of the type with index {@code type}.
   */
  public static FunctionInstance callee(int index, int table, int type, ModuleInstance instance) {
    Object[] elements = instance.tables[table].elements;
    if (index < 0 || index >= elements.length) {
      throw new TrapException("undefined element");
    }
    Object element = elements[index];
    if (element == null) {
      throw new TrapException("uninitialized element");
    }
    FunctionInstance callee = (FunctionInstance) element;
    if (callee.typeId() != instance.typeIds[type]) {
      throw new TrapException("indirect call type mismatch");
    }
    return callee;
  }

  public static Object function(int function, ModuleInstance instance) {
    return instance.functions[function];
  }

  public static FunctionInstance imported(int function, ModuleInstance instance) {
    return instance.functions[function];
  }

  public static Object get(int index, int table, ModuleInstance instance) {
    Object[] elements = instance.tables[table].elements;
    return elements[checkIndex(index, elements.length)];
  }

  public static void set(int index, Object value, int table, ModuleInstance instance) {
    Object[] elements = instance.tables[table].elements;
    elements[checkIndex(index, elements.length)] = value;
  }

  public static int size(int table, ModuleInstance instance) {
    return instance.tables[table].size();
  }

  public static int grow(Object init, int delta, int table, ModuleInstance instance) {
    return instance.tables[table].grow(delta, init);
  }

  public static void fill(int start, Object value, int count, int table, ModuleInstance instance) {
    TableInstance t = instance.tables[table];
    long from = start & 0xFFFFFFFFL;
    long n = count & 0xFFFFFFFFL;
    if (from + n > t.size()) {
      throw new TrapException("out of bounds table access");
    }
    Arrays.fill(t.elements, (int) from, (int) (from + n), value);
  }

  public static void copy(
      int dst, int src, int count, int dstTable, int srcTable, ModuleInstance instance) {
    copyElements(
        instance.tables[srcTable].elements, src, instance.tables[dstTable].elements, dst, count);
  }

  public static void init(
      int dst, int src, int count, int segment, int table, ModuleInstance instance) {
    copyElements(instance.elements[segment], src, instance.tables[table].elements, dst, count);
  }

  public static void elemDrop(int segment, ModuleInstance instance) {
    instance.elements[segment] = NO_ELEMENTS;
  }

  private static int checkIndex(int index, int size) {
    if (index < 0 || index >= size) {
      throw new TrapException("out of bounds table access");
    }
    return index;
  }

  private static void copyElements(
      Object[] src, int srcIndex, Object[] dst, int dstIndex, int count) {
    long from = srcIndex & 0xFFFFFFFFL;
    long to = dstIndex & 0xFFFFFFFFL;
    long n = count & 0xFFFFFFFFL;
    if (from + n > src.length || to + n > dst.length) {
      throw new TrapException("out of bounds table access");
    }
    System.arraycopy(src, (int) from, dst, (int) to, (int) n);
  }
}
