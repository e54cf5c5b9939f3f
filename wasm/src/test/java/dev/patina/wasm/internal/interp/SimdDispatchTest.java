package dev.patina.wasm.internal.interp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.patina.wasm.binary.Opcode;
import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.CodeAttribute;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher's contract: which sub-opcodes it takes, and that its code stays JIT-compilable.
 */
class SimdDispatchTest {
  @Test
  void coversExactlyTheNonMemorySimdInstructions() {
    assertEquals(214, SimdHarness.instructions().size());
    long[] s = new long[64];
    int[] code = new int[32];
    Arrays.fill(code, 4);
    for (Opcode op : Opcode.values()) {
      if (op.prefix() == 0xFD && op.hasMemarg()) {
        assertThrows(IllegalArgumentException.class, () -> Simd.execute(op.code(), s, 0, code, 0));
      }
    }
    for (int unused : new int[] {0x9A, 0xA2, 0xA5, 0xAF, 0xB0, 0xBB, 0xC2, 0xE2, 0xEE, 0x100}) {
      assertThrows(IllegalArgumentException.class, () -> Simd.execute(unused, s, 0, code, 0));
    }
  }

  /** HotSpot does not compile methods over 8000 bytes of bytecode (DontCompileHugeMethods). */
  @Test
  void everyMethodIsSmallEnoughToCompile() throws IOException {
    List<Class<?>> classes =
        List.of(
            Simd.class,
            Swar.class,
            SimdBits.class,
            SimdLanes.class,
            SimdInt8.class,
            SimdInt16.class,
            SimdInt32.class,
            SimdInt64.class,
            SimdFloat32.class,
            SimdFloat64.class,
            SimdConvert.class,
            Numerics.class);
    for (Class<?> c : classes) {
      for (MethodModel m : model(c).methods()) {
        int length = m.findAttribute(Attributes.code()).map(CodeAttribute::codeLength).orElse(0);
        assertTrue(length < 8000, c.getSimpleName() + "." + m.methodName() + ": " + length);
        if (c != Simd.class) {
          // Small enough for HotSpot to inline hot calls (FreqInlineSize is 325 bytes).
          assertTrue(length <= 325, c.getSimpleName() + "." + m.methodName() + ": " + length);
        }
      }
    }
  }

  private static ClassModel model(Class<?> c) throws IOException {
    try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
      return ClassFile.of().parse(in.readAllBytes());
    }
  }
}
