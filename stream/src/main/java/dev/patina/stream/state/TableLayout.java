package dev.patina.stream.state;

import dev.patina.stream.types.DataType;
import java.util.List;

/**
 * How a state table lays out its rows: the table id that prefixes its keys, the types of a row's
 * columns, and which columns (in which order and direction) form the primary key.
 */
public record TableLayout(
    int tableId, List<DataType> columnTypes, List<Integer> pk, List<OrderType> pkOrders) {
  public TableLayout {
    columnTypes = List.copyOf(columnTypes);
    pk = List.copyOf(pk);
    pkOrders = List.copyOf(pkOrders);
    if (pk.size() != pkOrders.size()) {
      throw new IllegalArgumentException("one order per key column");
    }
    if (tableId == TableKeys.META_TABLE_ID) {
      throw new IllegalArgumentException("table id 0 is reserved");
    }
  }

  /** A layout whose key columns are all ascending. */
  public static TableLayout of(int tableId, List<DataType> columnTypes, List<Integer> pk) {
    return new TableLayout(tableId, columnTypes, pk, pk.stream().map(i -> OrderType.ASC).toList());
  }

  /** The types of the key columns, in key order. */
  public List<DataType> pkTypes() {
    return pk.stream().map(columnTypes::get).toList();
  }
}
