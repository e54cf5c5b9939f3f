package dev.patina.stream.dataflow;

import dev.patina.stream.types.DataType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Every join kind, with and without a non-equi condition, against nested loops in Java. */
class HashJoinTest {
  @Provide
  Arbitrary<List<Harness.Action>> changes() {
    return Gen.actions(2, false);
  }

  @Provide
  Arbitrary<List<Harness.Action>> changesWithRestarts() {
    return Gen.actions(2, true);
  }

  @Provide
  Arbitrary<JoinType> kinds() {
    return Arbitraries.of(JoinType.class);
  }

  /** {@code l.v < r.v} over the joined row (left columns 0..3, right 4..7). */
  static final ScalarExpr LESS =
      new ScalarExpr(
          DataType.BOOLEAN,
          r -> r[2] == null || r[6] == null ? null : (Integer) r[2] < (Integer) r[6]);

  static boolean match(Object[] l, Object[] r, boolean cond) {
    if (l[1] == null || !Objects.equals(l[1], r[1])) {
      return false;
    }
    return !cond || (l[2] != null && r[2] != null && (Integer) l[2] < (Integer) r[2]);
  }

  static Harness.Reference reference(JoinType type, boolean cond) {
    return t -> {
      List<Object[]> left = t.get(0);
      List<Object[]> right = t.get(1);
      List<Object[]> out = new ArrayList<>();
      for (Object[] l : left) {
        long n = right.stream().filter(r -> match(l, r, cond)).count();
        switch (type) {
          case LEFT_SEMI -> {
            if (n > 0) {
              out.add(l);
            }
          }
          case LEFT_ANTI -> {
            if (n == 0) {
              out.add(l);
            }
          }
          case RIGHT_SEMI, RIGHT_ANTI -> {}
          default -> {
            for (Object[] r : right) {
              if (match(l, r, cond)) {
                out.add(Rows.concat(l, r));
              }
            }
            if (n == 0 && (type == JoinType.LEFT_OUTER || type == JoinType.FULL_OUTER)) {
              out.add(Rows.concat(l, new Object[4]));
            }
          }
        }
      }
      for (Object[] r : right) {
        long n = left.stream().filter(l -> match(l, r, cond)).count();
        switch (type) {
          case RIGHT_SEMI -> {
            if (n > 0) {
              out.add(r);
            }
          }
          case RIGHT_ANTI -> {
            if (n == 0) {
              out.add(r);
            }
          }
          case RIGHT_OUTER, FULL_OUTER -> {
            if (n == 0) {
              out.add(Rows.concat(new Object[4], r));
            }
          }
          default -> {}
        }
      }
      return out;
    };
  }

  static Harness.Plan plan(JoinType type, boolean cond) {
    return (b, in) ->
        b.hashJoin(type, in.get(0), in.get(1), new int[] {1}, new int[] {1}, cond ? LESS : null);
  }

  @Property(tries = 80)
  void everyKind(
      @ForAll("kinds") JoinType type,
      @ForAll boolean cond,
      @ForAll("changes") List<Harness.Action> actions) {
    try (Harness h = new Harness(2, plan(type, cond), reference(type, cond), false)) {
      h.run(actions);
    }
  }

  @Property(tries = 20)
  void recoversFromRocks(
      @ForAll("kinds") JoinType type, @ForAll("changesWithRestarts") List<Harness.Action> actions) {
    try (Harness h = new Harness(2, plan(type, true), reference(type, true), true)) {
      h.run(actions);
    }
  }

  @Property(tries = 30)
  void selfJoinOfOneTable(
      @ForAll("kinds") JoinType type, @ForAll("changes") List<Harness.Action> actions) {
    // Both inputs read the same table: changes reach the two sides one after the other.
    Harness.Plan plan =
        (b, in) -> {
          Node other = b.table(Harness.tableId(0), Harness.TYPES);
          return b.hashJoin(type, in.get(0), other, new int[] {1}, new int[] {1}, LESS);
        };
    Harness.Reference ref = t -> reference(type, true).apply(List.of(t.get(0), t.get(0)));
    List<Harness.Action> oneTable =
        actions.stream()
            .map(
                a ->
                    switch (a) {
                      case Harness.Action.Insert i ->
                          (Harness.Action) new Harness.Action.Insert(0, i.g(), i.v(), i.s());
                      case Harness.Action.Update u ->
                          new Harness.Action.Update(0, u.pick(), u.g(), u.v(), u.s());
                      case Harness.Action.Delete d -> new Harness.Action.Delete(0, d.pick());
                      default -> a;
                    })
            .toList();
    try (Harness h = new Harness(1, plan, ref, false)) {
      h.run(oneTable);
    }
  }
}
