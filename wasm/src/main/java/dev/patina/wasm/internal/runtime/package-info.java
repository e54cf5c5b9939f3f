/**
 * Runtime objects of instantiated modules: memories, tables, globals, functions, module instances,
 * compiled code and the call stack the interpreter runs on. Internal: no compatibility promise.
 */
package dev.patina.wasm.internal.runtime;
