package dev.patina.wasm.binary;

import java.util.Arrays;

/**
 * Walks one expression (a function body or a constant expression) from its first instruction to its
 * final {@code end}, checking that it is well formed: known opcodes, well-encoded immediates, and
 * properly nested {@code block}/{@code loop}/{@code if}...{@code else}...{@code end}. Nothing is
 * resolved or typed here; that is the validator's job.
 *
 * <p>This mirrors the reference interpreter, which decodes a whole module before validating it: a
 * module whose bodies are malformed is malformed, whatever else is wrong with it. One scanner is
 * reused for every expression of a module, so the nesting stack is allocated once.
 */
final class ExpressionScanner {
  /** An open {@code block} or {@code loop}, or an {@code if} whose {@code else} was seen. */
  private static final byte PLAIN = 0;

  /** An open {@code if} that may still take an {@code else}. */
  private static final byte IF = 1;

  private byte[] frames = new byte[16];

  /**
   * Reads instructions from the reader's position through the final {@code end}, leaving the reader
   * just after it. Returns whether the expression uses a data index ({@code memory.init}, {@code
   * data.drop}), which needs the data count section.
   */
  boolean scan(CodeReader reader) {
    boolean usesDataIndex = false;
    int depth = 0;
    while (true) {
      int start = reader.position();
      Opcode op = reader.opcode();
      switch (op) {
        case BLOCK, LOOP, IF -> {
          reader.skipImmediates(op);
          if (depth == frames.length) {
            frames = Arrays.copyOf(frames, depth * 2);
          }
          frames[depth++] = op == Opcode.IF ? IF : PLAIN;
        }
        case ELSE -> {
          // Only an if awaiting its else may take one; the reference decoder ends the block here
          // and then wants the block's end.
          if (depth == 0 || frames[depth - 1] != IF) {
            throw BinaryReader.error("END opcode expected", start);
          }
          frames[depth - 1] = PLAIN;
        }
        case END -> {
          if (depth == 0) {
            return usesDataIndex;
          }
          depth--;
        }
        case MEMORY_INIT, DATA_DROP -> {
          usesDataIndex = true;
          reader.skipImmediates(op);
        }
        default -> reader.skipImmediates(op);
      }
    }
  }
}
