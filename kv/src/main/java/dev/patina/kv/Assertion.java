package dev.patina.kv;

/** kvrpcpb.Assertion: what a prewrite asserts about a key's existence. */
public enum Assertion {
  NONE,
  EXIST,
  NOT_EXIST
}
