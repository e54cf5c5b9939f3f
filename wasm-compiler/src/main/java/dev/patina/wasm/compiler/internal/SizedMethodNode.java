package dev.patina.wasm.compiler.internal;

import org.objectweb.asm.Handle;
import org.objectweb.asm.Label;
import org.objectweb.asm.Opcodes;
import org.objectweb.asm.tree.MethodNode;

/**
 * A method tree that also estimates the size of its bytecode as instructions are added (exact for
 * most instructions; switches and wide local indices are estimated), so that code generation knows
 * which parts of a function make a method too large.
 */
final class SizedMethodNode extends MethodNode {
  int bytes;

  SizedMethodNode(int access, String name, String descriptor) {
    super(Opcodes.ASM9, access, name, descriptor, null, null);
  }

  @Override
  public void visitInsn(int opcode) {
    bytes += 1;
    super.visitInsn(opcode);
  }

  @Override
  public void visitIntInsn(int opcode, int operand) {
    bytes += opcode == Opcodes.SIPUSH ? 3 : 2;
    super.visitIntInsn(opcode, operand);
  }

  @Override
  public void visitVarInsn(int opcode, int varIndex) {
    bytes += varIndex <= 3 ? 1 : varIndex <= 255 ? 2 : 4;
    super.visitVarInsn(opcode, varIndex);
  }

  @Override
  public void visitTypeInsn(int opcode, String type) {
    bytes += 3;
    super.visitTypeInsn(opcode, type);
  }

  @Override
  public void visitFieldInsn(int opcode, String owner, String name, String descriptor) {
    bytes += 3;
    super.visitFieldInsn(opcode, owner, name, descriptor);
  }

  @Override
  public void visitMethodInsn(
      int opcode, String owner, String name, String descriptor, boolean isInterface) {
    bytes += opcode == Opcodes.INVOKEINTERFACE ? 5 : 3;
    super.visitMethodInsn(opcode, owner, name, descriptor, isInterface);
  }

  @Override
  public void visitInvokeDynamicInsn(
      String name, String descriptor, Handle bootstrapMethodHandle, Object... arguments) {
    bytes += 5;
    super.visitInvokeDynamicInsn(name, descriptor, bootstrapMethodHandle, arguments);
  }

  @Override
  public void visitJumpInsn(int opcode, Label label) {
    bytes += 3;
    super.visitJumpInsn(opcode, label);
  }

  @Override
  public void visitLdcInsn(Object value) {
    bytes += value instanceof Long || value instanceof Double ? 3 : 3;
    super.visitLdcInsn(value);
  }

  @Override
  public void visitIincInsn(int varIndex, int increment) {
    bytes += varIndex <= 255 ? 3 : 6;
    super.visitIincInsn(varIndex, increment);
  }

  @Override
  public void visitTableSwitchInsn(int min, int max, Label dflt, Label... labels) {
    bytes += 16 + 4 * labels.length;
    super.visitTableSwitchInsn(min, max, dflt, labels);
  }

  @Override
  public void visitLookupSwitchInsn(Label dflt, int[] keys, Label[] labels) {
    bytes += 12 + 8 * keys.length;
    super.visitLookupSwitchInsn(dflt, keys, labels);
  }
}
