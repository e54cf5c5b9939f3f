package dev.patina.stream.plan;

import dev.patina.stream.types.DataType;

/** One output column of a plan: its name, type, and whether {@code SELECT *} leaves it out. */
public record Field(String name, DataType type, boolean hidden) {
  public Field(String name, DataType type) {
    this(name, type, false);
  }
}
