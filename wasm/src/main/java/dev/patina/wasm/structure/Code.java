package dev.patina.wasm.structure;

import dev.patina.wasm.ValType;

/**
 * A function body: the declared locals (expanded, parameters excluded) and the byte range of its
 * instructions in the module binary, {@code [start, end)}, where the last byte is the final {@code
 * end} (0x0B).
 */
public record Code(ValType[] locals, int start, int end) {}
