package dev.patina.wasm.internal.runtime;

/**
 * A function body translated for the interpreter: the code, a parallel table of the module byte
 * offset each code word came from (for backtraces), and the frame layout: parameters in slots
 * {@code [0, paramSlots)}, declared locals up to {@code localSlots}, then the function's pooled
 * {@code constants} (copied in at every call, so that instructions read constants as they read
 * locals), then the operand stack, in all {@code frameSlots} slots. {@code refLocalSlots} lists the
 * declared locals of reference type, which start as null rather than zero.
 */
public record CompiledFunction(
    int[] code,
    int[] offsets,
    int paramSlots,
    int localSlots,
    long[] constants,
    int frameSlots,
    int resultSlots,
    int[] refLocalSlots) {}
