package dev.patina.stream.expr;

import java.util.ArrayList;
import java.util.List;

/**
 * Time window arithmetic shared by the {@code tumble_start} function and the streaming TUMBLE/HOP
 * operators, over microseconds since the epoch (timestamp values as UTC): a window is {@code
 * [start, start + size)} and starts are aligned to {@code offset} modulo the slide.
 */
public final class TimeWindows {
  private TimeWindows() {}

  /** The start of the tumbling window of {@code size} holding {@code t}. */
  public static long tumbleStart(long t, long size, long offset) {
    return t - Math.floorMod(t - offset, size);
  }

  /**
   * The starts of every hopping window of {@code size} every {@code slide} that holds {@code t},
   * earliest first ({@code size / slide} windows when size is a multiple of slide).
   *
   * @throws dev.patina.stream.pgwire.SqlException 22023 when slide or size is not positive
   */
  public static List<Long> hopStarts(long t, long slide, long size, long offset) {
    if (slide <= 0 || size <= 0) {
      throw Errors.invalidParameter("window size and slide must be positive");
    }
    long last = tumbleStart(t, slide, offset);
    List<Long> out = new ArrayList<>();
    for (long s = last; s > t - size; s -= slide) {
      out.add(0, s);
    }
    return out;
  }
}
