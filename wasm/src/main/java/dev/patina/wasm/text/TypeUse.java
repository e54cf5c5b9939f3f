package dev.patina.wasm.text;

import dev.patina.wasm.FuncType;
import dev.patina.wasm.ValType;
import java.util.ArrayList;
import java.util.List;

/**
 * A parsed type use: an optional {@code (type x)} and inline {@code (param ...)}/{@code (result
 * ...)} declarations, as written on functions, imports, {@code call_indirect} and blocks.
 *
 * @param explicitIndex the index named by {@code (type x)} (meaningful if typeToken >= 0)
 * @param typeToken the token of the {@code (type x)} clause, for errors; -1 if absent
 * @param paramIdTokens per parameter, the token of its {@code $id}, or -1
 * @param inline whether any parameter or result is declared inline
 */
record TypeUse(
    int explicitIndex,
    int typeToken,
    List<ValType> params,
    int[] paramIdTokens,
    List<ValType> results,
    boolean inline) {

  FuncType inlineType() {
    return new FuncType(params, results);
  }

  /**
   * Parses a type use at the cursor. Parameter identifiers are allowed only where {@code allowIds}
   * (function definitions and imports), not in block types or {@code call_indirect}.
   */
  static TypeUse parse(Cursor c, TypeTable types, boolean allowIds) {
    int explicit = -1;
    int typeToken = -1;
    if (c.atList("type")) {
      typeToken = c.pos();
      c.pos(c.pos() + 2);
      explicit = types.space().resolve(c);
      c.expectRpar();
    }
    List<ValType> params = new ArrayList<>();
    List<Integer> idTokens = new ArrayList<>();
    while (c.atList("param")) {
      c.pos(c.pos() + 2);
      if (c.is(Tokens.Kind.ID)) {
        if (!allowIds) {
          throw c.unexpected();
        }
        idTokens.add(c.pos());
        c.advance();
        params.add(c.valType());
      } else {
        while (!c.is(Tokens.Kind.RPAR)) {
          params.add(c.valType());
          idTokens.add(-1);
        }
      }
      c.expectRpar();
    }
    List<ValType> results = new ArrayList<>();
    while (c.atList("result")) {
      c.pos(c.pos() + 2);
      while (!c.is(Tokens.Kind.RPAR)) {
        results.add(c.valType());
      }
      c.expectRpar();
    }
    if (c.atList("param") || c.atList("type")) {
      // Out of order: (type) comes first, then params, then results.
      throw c.unexpected(c.pos() + 1);
    }
    int[] ids = idTokens.stream().mapToInt(Integer::intValue).toArray();
    // Empty clauses declare nothing: "(type $t) (param)" does not contradict $t.
    boolean inline = !params.isEmpty() || !results.isEmpty();
    return new TypeUse(explicit, typeToken, params, ids, results, inline);
  }

  /**
   * The type index this use denotes. With {@code (type x)} and inline declarations both written,
   * they must agree; with inline declarations only, the matching type is found or added.
   */
  int resolve(Cursor c, TypeTable types) {
    if (typeToken < 0) {
      return types.implicit(inlineType());
    }
    if (inline) {
      FuncType declared = types.get(explicitIndex);
      if (declared == null) {
        throw c.tokens().error(typeToken, "unknown type");
      }
      if (!declared.equals(inlineType())) {
        throw c.tokens().error(typeToken, "inline function type does not match explicit type");
      }
    }
    return explicitIndex;
  }
}
