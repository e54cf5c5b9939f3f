package dev.patina.wasm.internal.runtime;

import dev.patina.wasm.binary.CodeReader;
import dev.patina.wasm.binary.Opcode;
import dev.patina.wasm.structure.ConstExpr;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Evaluates validated constant expressions (global initializers, segment offsets and element
 * initializers) against a partly built instance. The extended-constant arithmetic of Wasm 3.0 is
 * accepted too since it costs nothing here.
 */
public final class ConstEvaluator {
  private ConstEvaluator() {}

  public static RawValue evaluate(ConstExpr expr, ModuleInstance instance) {
    CodeReader reader = new CodeReader(expr.code(), 0, expr.code().length);
    Deque<RawValue> stack = new ArrayDeque<>();
    while (true) {
      Opcode op = reader.opcode();
      switch (op) {
        case I32_CONST -> stack.push(RawValue.bits(reader.s32()));
        case I64_CONST -> stack.push(RawValue.bits(reader.s64()));
        case F32_CONST -> stack.push(RawValue.bits(reader.f32Bits() & 0xFFFFFFFFL));
        case F64_CONST -> stack.push(RawValue.bits(reader.f64Bits()));
        case V128_CONST -> stack.push(new RawValue(reader.f64Bits(), reader.f64Bits(), null));
        case REF_NULL -> {
          reader.refType();
          stack.push(RawValue.reference(null));
        }
        case REF_FUNC -> stack.push(RawValue.reference(instance.functions[reader.u32()]));
        case GLOBAL_GET -> {
          GlobalInstance g = instance.globals[reader.u32()];
          stack.push(new RawValue(g.value, g.high, g.ref));
        }
        case I32_ADD, I32_SUB, I32_MUL, I64_ADD, I64_SUB, I64_MUL -> {
          long b = stack.pop().low();
          long a = stack.pop().low();
          long v =
              switch (op) {
                case I32_ADD -> (int) a + (int) b;
                case I32_SUB -> (int) a - (int) b;
                case I32_MUL -> (int) a * (int) b;
                case I64_ADD -> a + b;
                case I64_SUB -> a - b;
                default -> a * b;
              };
          stack.push(RawValue.bits(v));
        }
        case END -> {
          return stack.pop();
        }
        default -> throw new IllegalStateException("not a constant instruction: " + op.text());
      }
    }
  }
}
