/**
 * The abstract syntax of a module, as the specification's "Structure" chapter defines it: what the
 * binary decoder produces and what the validator and the runtime consume. Function bodies and
 * constant expressions stay in their binary encoding (byte ranges), which the validator and the
 * compiler each read once.
 */
package dev.patina.wasm.structure;
