package dev.patina.stream.state;

/** One entry of a store scan. */
public record KeyValue(byte[] key, byte[] value) {}
