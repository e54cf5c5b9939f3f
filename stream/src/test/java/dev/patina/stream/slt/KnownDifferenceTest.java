package dev.patina.stream.slt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class KnownDifferenceTest {
  @Test
  void bundledListParsesAndNamesItsRecords() {
    List<KnownDifference> all = KnownDifference.risingWaveScripts();
    assertFalse(all.isEmpty());
    for (KnownDifference d : all) {
      assertTrue(d.location().matches(".+\\.slt:\\d+"), d.location());
      assertFalse(d.rows().isEmpty(), d.location());
      assertFalse(d.reason().isBlank(), d.location());
    }
  }

  /**
   * The percentile script expects 2983.5779489474152 for 2001.0 + 982.5779489474152. That text
   * reads back as the sum, but the shortest-digits formatters (ryu in RisingWave, Java's
   * Double.toString) choose the closer 17-digit text, so no double prints the expected text.
   */
  @Test
  void thePercentileSumPrintsAsDocumented() {
    double sum = 2001.0 + 982.5779489474152;
    assertEquals("2983.5779489474153", Double.toString(sum));
    assertEquals(sum, Double.parseDouble("2983.5779489474152"));
    BigDecimal exact = new BigDecimal(sum);
    BigDecimal expected = new BigDecimal("2983.5779489474152");
    BigDecimal ours = new BigDecimal("2983.5779489474153");
    assertTrue(
        exact.subtract(ours).abs().compareTo(exact.subtract(expected).abs()) < 0,
        "ours is the closer 17-digit text");
    assertEquals("2983.577948947415", Double.toString(Math.nextDown(sum)));
    assertEquals("2983.5779489474157", Double.toString(Math.nextUp(sum)));
  }

  @Test
  void matchesRelativeAndDeeperPaths() {
    KnownDifference d = new KnownDifference("aggregate/x.slt:43", List.of("1"), "why");
    assertTrue(d.isAbout(new SltRecord.Location("aggregate/x.slt", 43)));
    assertTrue(d.isAbout(new SltRecord.Location("x.slt", 43)));
    assertTrue(d.isAbout(new SltRecord.Location("stream-slt/aggregate/x.slt", 43)));
    assertFalse(d.isAbout(new SltRecord.Location("aggregate/x.slt", 44)));
    assertFalse(d.isAbout(new SltRecord.Location("other/x.slt", 43)));
  }

  @Test
  void malformedListsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> KnownDifference.parse("a.slt:1\n\n"));
  }
}
