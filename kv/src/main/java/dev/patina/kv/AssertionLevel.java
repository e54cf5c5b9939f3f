package dev.patina.kv;

/** kvrpcpb.AssertionLevel: how assertions are checked. */
public enum AssertionLevel {
  OFF,
  /** Checked when the previous write is loaded anyway. */
  FAST,
  /** Always checked. */
  STRICT
}
