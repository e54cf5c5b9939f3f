package dev.patina.http;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Fuzz inputs made from a valid byte sequence, for the parser and protocol fuzz properties. */
public final class Mutations {
  private Mutations() {}

  /** {@code valid} with one to six bytes at random positions overwritten by random values. */
  public static Arbitrary<byte[]> overwritten(byte[] valid) {
    return Arbitraries.integers()
        .between(0, valid.length - 1)
        .list()
        .ofMinSize(1)
        .ofMaxSize(6)
        .flatMap(
            positions ->
                Arbitraries.bytes()
                    .array(byte[].class)
                    .ofSize(positions.size())
                    .map(
                        values -> {
                          byte[] copy = valid.clone();
                          for (int i = 0; i < values.length; i++) {
                            copy[positions.get(i)] = values[i];
                          }
                          return copy;
                        }));
  }
}
