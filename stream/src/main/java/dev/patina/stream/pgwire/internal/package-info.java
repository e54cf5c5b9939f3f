/**
 * The wire protocol's machinery: framing and parsing of frontend messages, encoding of backend
 * messages, the per-connection protocol state machine, and SCRAM. No compatibility promise.
 */
package dev.patina.stream.pgwire.internal;
