package dev.patina.wasm.validate;

import dev.patina.wasm.GlobalType;
import dev.patina.wasm.InvalidException;
import dev.patina.wasm.ValType;
import dev.patina.wasm.binary.CodeReader;
import dev.patina.wasm.binary.Opcode;
import dev.patina.wasm.structure.ConstExpr;

/**
 * Validates constant expressions (global initializers, segment offsets and element initializers):
 * only constant instructions, and a result of the expected type. In 2.0, {@code global.get} may
 * only read imported, immutable globals.
 */
final class ConstExprValidator {
  private final ModuleContext context;

  ConstExprValidator(ModuleContext context) {
    this.context = context;
  }

  void validate(ConstExpr expr, ValType expected, String where) {
    byte[] code = expr.code();
    CodeReader r = new CodeReader(code, 0, code.length);
    // Every instruction pushes one value, so the stack never outgrows the expression.
    byte[] stack = new byte[code.length];
    int size = 0;
    while (true) {
      Opcode op = r.opcode();
      byte pushed;
      switch (op) {
        case END -> {
          if (size != 1 || stack[0] != StackType.code(expected)) {
            throw new InvalidException(
                "type mismatch: constant expression requires ["
                    + expected.text()
                    + "] but has "
                    + StackType.names(java.util.Arrays.copyOf(stack, size)),
                where);
          }
          return;
        }
        case I32_CONST, I64_CONST, F32_CONST, F64_CONST, V128_CONST -> {
          r.skipImmediates(op);
          pushed = StackType.code(op.results().get(0));
        }
        case REF_NULL -> pushed = StackType.code(r.refType());
        case REF_FUNC -> {
          int f = r.u32();
          if (!ModuleContext.inRange(f, context.functionTypes.length)) {
            throw ModuleContext.unknown("function", f, where);
          }
          pushed = StackType.FUNCREF;
        }
        case GLOBAL_GET -> {
          int g = r.u32();
          if (!ModuleContext.inRange(g, context.importedGlobals)) {
            throw ModuleContext.unknown("global", g, where);
          }
          GlobalType type = context.globals.get(g);
          if (type.mutable()) {
            throw new InvalidException("constant expression required", where);
          }
          pushed = StackType.code(type.valType());
        }
        default -> throw new InvalidException("constant expression required", where);
      }
      stack[size++] = pushed;
    }
  }
}
