package dev.patina.stream.slt;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A record of an oracle script whose expected answer Patina deliberately does not give, with the
 * answer it gives instead and why. The runner still runs the record: it counts as "differs as
 * documented" only when the answer is exactly {@code rows}; any other answer is a failure.
 *
 * @param location {@code path/of/script.slt:line}, relative to the scripts' directory
 * @param rows the rows Patina answers, as the runner formats them (values joined by spaces)
 * @param reason why the script's expectation cannot or should not be met
 */
public record KnownDifference(String location, List<String> rows, String reason) {
  public KnownDifference {
    rows = List.copyOf(rows);
  }

  /** Whether this difference is about the record at {@code file:line}. */
  public boolean isAbout(SltRecord.Location at) {
    String file = at.file().replace('\\', '/');
    String here = file + ":" + at.line();
    return location.equals(here) || location.endsWith("/" + here) || here.endsWith("/" + location);
  }

  /**
   * The differences from RisingWave's streaming scripts that docs/stream.md explains, bundled as
   * {@code known-differences.txt} beside this class.
   */
  public static List<KnownDifference> risingWaveScripts() {
    try (InputStream in = KnownDifference.class.getResourceAsStream("known-differences.txt")) {
      if (in == null) {
        throw new IllegalStateException("known-differences.txt is missing from the classpath");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Blocks separated by blank lines: {@code file:line}, then {@code reason: ...} lines, then {@code
   * ----} and the rows. Lines starting with {@code #} are comments.
   */
  static List<KnownDifference> parse(String text) {
    List<KnownDifference> out = new ArrayList<>();
    String location = null;
    StringBuilder reason = new StringBuilder();
    List<String> rows = null;
    for (String line : (text + "\n\n").split("\n", -1)) {
      if (line.startsWith("#")) {
        continue;
      }
      if (line.isBlank()) {
        if (location != null) {
          if (rows == null || reason.isEmpty()) {
            throw new IllegalArgumentException(
                "known difference " + location + " needs a reason and rows after ----");
          }
          out.add(new KnownDifference(location, rows, reason.toString().strip()));
        }
        location = null;
        reason.setLength(0);
        rows = null;
      } else if (location == null) {
        location = line.strip();
      } else if (rows != null) {
        rows.add(line.strip());
      } else if (line.strip().equals("----")) {
        rows = new ArrayList<>();
      } else {
        reason.append(line.strip().replaceFirst("^reason:\\s*", "")).append(' ');
      }
    }
    return List.copyOf(out);
  }
}
