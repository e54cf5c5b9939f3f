package dev.patina.wasm;

import java.util.List;
import java.util.stream.Collectors;

/** A function type: parameter types to result types. */
public record FuncType(List<ValType> params, List<ValType> results) implements ExternType {
  public FuncType {
    params = List.copyOf(params);
    results = List.copyOf(results);
  }

  public static FuncType of(List<ValType> params, List<ValType> results) {
    return new FuncType(params, results);
  }

  @Override
  public String toString() {
    return "["
        + params.stream().map(ValType::text).collect(Collectors.joining(" "))
        + "] -> ["
        + results.stream().map(ValType::text).collect(Collectors.joining(" "))
        + "]";
  }
}
