package dev.patina.stream.plan;

/** Sorting by input column {@code column}; PostgreSQL puts NULLs last ascending. */
public record SortKey(int column, boolean descending, boolean nullsFirst) {}
