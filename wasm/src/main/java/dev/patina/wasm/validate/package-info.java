/**
 * Validation of decoded modules, as the specification's "Validation" chapter and its appendix
 * algorithm define it. {@link dev.patina.wasm.validate.ModuleValidator} is the entry point; it
 * throws {@link dev.patina.wasm.InvalidException} with the reference interpreter's messages.
 */
package dev.patina.wasm.validate;
