/**
 * The WebAssembly text format: {@link dev.patina.wasm.text.Wat#toBinary(String)} parses a module
 * and returns its binary encoding.
 *
 * <p>The pieces, in the order text flows through them: {@link dev.patina.wasm.text.Lexer} turns
 * UTF-8 into {@link dev.patina.wasm.text.Tokens}; the module parser binds every identifier in a
 * first pass and encodes each field in a second, with instructions parsed by an iterative code
 * parser (no recursion, so nesting depth is unbounded) and literals computed exactly (floats are
 * rounded once, to nearest-even, at the target width). Errors are {@link
 * dev.patina.wasm.MalformedException}s located at {@code line:column}, worded as the reference
 * interpreter words them so that {@code assert_malformed} messages match.
 *
 * <p>{@link dev.patina.wasm.text.Tokens}, {@link dev.patina.wasm.text.Cursor} and {@link
 * dev.patina.wasm.text.V128Literal} are public for the script parser in {@code
 * dev.patina.wasm.wast}, which keeps a script's tokens and encodes its modules on demand.
 */
package dev.patina.wasm.text;
