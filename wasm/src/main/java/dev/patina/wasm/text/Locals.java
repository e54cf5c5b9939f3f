package dev.patina.wasm.text;

import dev.patina.wasm.ValType;
import dev.patina.wasm.text.Tokens.Kind;
import java.util.ArrayList;
import java.util.List;

/**
 * The locals of one function: parameters first, then declared locals, with their identifiers.
 *
 * <p>When a function names its type only by an index that does not exist ({@code (type 7)} in a
 * module with fewer types), its parameter count is unknown; that is fine for a numeric local index
 * (the validator rejects the module later) but makes every symbolic local unresolvable, which the
 * reference interpreter reports as "unknown type".
 */
final class Locals {
  private final Space space = new Space("local");
  private final List<ValType> declared = new ArrayList<>();
  private int unknownTypeToken = -1;

  /** Marks the parameters as unknown because type use {@code typeToken} names no type. */
  void unknownParameters(int typeToken) {
    unknownTypeToken = typeToken;
  }

  void param(Tokens tokens, int idToken) {
    space.bind(tokens, checkKnown(tokens, idToken));
  }

  void local(Tokens tokens, int idToken, ValType type) {
    space.bind(tokens, checkKnown(tokens, idToken));
    declared.add(type);
  }

  private int checkKnown(Tokens tokens, int idToken) {
    if (idToken >= 0 && unknownTypeToken >= 0) {
      throw tokens.error(unknownTypeToken, "unknown type");
    }
    return idToken;
  }

  int resolve(Cursor c) {
    if (c.is(Kind.ID) && unknownTypeToken >= 0) {
      throw c.tokens().error(unknownTypeToken, "unknown type");
    }
    return space.resolve(c);
  }

  /** The declared (non-parameter) local types, in order. */
  List<ValType> declared() {
    return declared;
  }

  Space space() {
    return space;
  }
}
