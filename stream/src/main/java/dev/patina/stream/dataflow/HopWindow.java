package dev.patina.stream.dataflow;

import dev.patina.stream.types.DataType;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;

/**
 * TUMBLE and HOP (RisingWave's {@code HopWindowExecutor}): each row becomes one row per window of
 * {@code size} microseconds, starting every {@code slide} (shifted by {@code offset}), that holds
 * its time column, extended by {@code window_start} and {@code window_end}. A row with a NULL time
 * falls in no hop window; TUMBLE keeps it with NULL bounds, as RisingWave does. Stateless.
 */
final class HopWindow extends Executor {
  private static final LocalDateTime UNIX = LocalDateTime.of(1970, 1, 1, 0, 0);
  private final PlanNode.HopWindow spec;
  private final int width;
  private final DataType boundType;

  HopWindow(ExecContext ctx, PlanNode.HopWindow spec) {
    super(ctx, 1);
    this.spec = spec;
    this.width = spec.types().size() - 2;
    this.boundType = spec.types().get(width);
  }

  @Override
  protected void onChunk(int input, Chunk chunk) {
    Chunk.Builder out = new Chunk.Builder();
    for (int i = 0; i < chunk.size(); i++) {
      expand(chunk.row(i), chunk.op(i).normalized(), out);
    }
    emit(out.build());
  }

  private void expand(Object[] r, Op op, Chunk.Builder out) {
    Object v = r[spec.timeColumn()];
    boolean tumble = spec.slide() == spec.size();
    if (v == null) {
      if (tumble) {
        out.add(op, Arrays.copyOf(r, width + 2));
      }
      return;
    }
    long micros = micros(v);
    long last = micros - Math.floorMod(micros - spec.offset(), spec.slide());
    long first = last;
    while (first - spec.slide() > micros - spec.size()) {
      first -= spec.slide();
    }
    for (long s = first; s <= last; s += spec.slide()) {
      Object[] row = Arrays.copyOf(r, width + 2);
      row[width] = time(s);
      row[width + 1] = time(s + spec.size());
      out.add(op, row);
    }
  }

  private static long micros(Object v) {
    return switch (v) {
      case LocalDateTime d -> ChronoUnit.MICROS.between(UNIX, d);
      case Instant i -> ChronoUnit.MICROS.between(Instant.EPOCH, i);
      case LocalDate d -> d.toEpochDay() * 86_400_000_000L;
      default -> throw new IllegalArgumentException("not a time: " + v);
    };
  }

  private Object time(long micros) {
    Instant i = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
    return boundType == DataType.TIMESTAMPTZ ? i : LocalDateTime.ofInstant(i, ZoneOffset.UTC);
  }
}
