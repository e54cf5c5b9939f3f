package dev.patina.stream.expr.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.patina.stream.pgwire.SqlException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowCallTest {
  static final List<Object[]> ROWS =
      List.of(
          new Object[] {0, 1, 10},
          new Object[] {1, 1, 20},
          new Object[] {2, 2, null},
          new Object[] {3, 4, 40},
          new Object[] {4, null, 50});

  static List<Object> eval(String spec) {
    return WindowDifferentialTest.bind(spec).evaluate(ROWS);
  }

  @Test
  void rankingAndOffsets() {
    assertEquals(List.of(1L, 2L, 3L, 4L, 5L), eval("row_number() over (order by k, id)"));
    assertEquals(List.of(1L, 1L, 3L, 4L, 5L), eval("rank() over (order by k)"));
    assertEquals(List.of(1L, 1L, 2L, 3L, 4L), eval("dense_rank() over (order by k)"));
    assertEquals(Arrays.asList(null, 10, 20, null, 40), eval("lag(v) over (order by k, id)"));
  }

  @Test
  void framesAndSessions() {
    assertEquals(List.of(30L, 30L, 30L, 70L, 120L), eval("sum(v) over (order by k)"));
    assertEquals(
        List.of(30L, 30L, 30L, 40L, 50L),
        eval("sum(v) over (order by k range between 1 preceding and 1 following)"));
    assertEquals(
        List.of(30L, 30L, 30L, 40L, 50L), eval("sum(v) over (order by k session with gap 1)"));
    assertEquals(
        "22013",
        assertThrows(SqlException.class, () -> eval("sum(v) over (order by k rows -1 preceding)"))
            .sqlState());
  }
}
