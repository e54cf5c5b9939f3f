package dev.patina.stream.expr;

/** Registers every built-in scalar function and operator, by area. */
final class Builtins {
  private Builtins() {}

  static void registerAll(Registry r) {
    ArithFunctions.register(r);
    StringFunctions.register(r);
    MathFunctions.register(r);
    TimeFunctions.register(r);
    JsonFunctions.register(r);
    ArrayFunctions.register(r);
    ByteaFunctions.register(r);
    VariantFunctions.register(r);
  }
}
