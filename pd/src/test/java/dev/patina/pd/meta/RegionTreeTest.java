package dev.patina.pd.meta;

import static dev.patina.pd.meta.Regions.key;
import static dev.patina.pd.meta.Regions.peer;
import static dev.patina.pd.meta.Regions.region;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.protobuf.ByteString;
import dev.patina.pd.PdException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.UniqueElements;
import org.junit.jupiter.api.Test;

class RegionTreeTest {

  private static RegionInfo info(long id, String start, String end, long version) {
    return RegionInfo.of(region(id, start, end, 1, version, peer(id * 10, 1)), peer(id * 10, 1));
  }

  /** ["", b) [b, d) [d, "") */
  private static RegionTree three() {
    RegionTree t = new RegionTree();
    t.put(info(1, "", "b", 2));
    t.put(info(2, "b", "d", 2));
    t.put(info(3, "d", "", 2));
    return t;
  }

  @Test
  void keyLookupWithEmptyStartAndEndKeys() {
    RegionTree t = three();
    assertEquals(1, t.search(ByteString.EMPTY).id());
    assertEquals(1, t.search(key("a")).id());
    assertEquals(2, t.search(key("b")).id(), "start keys are inclusive");
    assertEquals(2, t.search(key("c\u00ff")).id());
    assertEquals(3, t.search(key("d")).id(), "end keys are exclusive");
    assertEquals(3, t.search(key("zzzz")).id(), "an empty end key is +infinity");
    assertEquals(
        3, t.search(ByteString.copyFrom(new byte[] {(byte) 0xff, (byte) 0xff})).id(), "unsigned");
  }

  @Test
  void keysCompareUnsigned() {
    RegionTree t = new RegionTree();
    t.put(info(1, "", "\u007f", 1));
    t.put(RegionInfo.of(region(2, "\u007f", "", 1, 1, peer(20, 1)), peer(20, 1)));
    assertEquals(2, t.search(ByteString.copyFrom(new byte[] {(byte) 0x80})).id());
    assertEquals(1, t.search(ByteString.copyFrom(new byte[] {0x10})).id());
  }

  @Test
  void holesAreNotFound() {
    RegionTree t = new RegionTree();
    t.put(info(1, "a", "c", 1));
    assertNull(t.search(key("0")));
    assertNull(t.search(key("c")));
    assertEquals(1, t.search(key("a")).id());
  }

  @Test
  void previousRegionMustBeAdjacent() {
    RegionTree t = three();
    assertEquals(2, t.searchPrev(key("e")).id());
    assertEquals(1, t.searchPrev(key("c")).id());
    assertNull(t.searchPrev(key("a")), "the first region has none");
    RegionTree gap = new RegionTree();
    gap.put(info(1, "", "b", 1));
    gap.put(info(2, "c", "", 1));
    assertNull(gap.searchPrev(key("x")), "not adjacent");
  }

  @Test
  void scanFromTheRegionHoldingTheStartKey() {
    RegionTree t = three();
    assertEquals(List.of(2L, 3L), ids(t.scan(key("c"), ByteString.EMPTY, 0)));
    assertEquals(List.of(1L, 2L), ids(t.scan(ByteString.EMPTY, key("d"), 0)), "end exclusive");
    assertEquals(List.of(1L, 2L, 3L), ids(t.scan(ByteString.EMPTY, key("d\0"), 0)));
    assertEquals(List.of(1L), ids(t.scan(ByteString.EMPTY, ByteString.EMPTY, 1)), "limit");
    RegionTree gap = new RegionTree();
    gap.put(info(1, "", "b", 1));
    gap.put(info(2, "c", "", 1));
    assertEquals(List.of(2L), ids(gap.scan(key("bb"), ByteString.EMPTY, 0)), "from a hole");
  }

  private static List<Long> ids(List<RegionInfo> regions) {
    return regions.stream().map(RegionInfo::id).toList();
  }

  @Test
  void aNewerRegionReplacesWhatItOverlaps() {
    RegionTree t = three();
    // Regions 2 and 3 merged into 3 (version grows).
    t.put(info(3, "b", "", 3));
    assertEquals(2, t.size());
    assertNull(t.byId(2));
    assertEquals(3, t.search(key("c")).id());
  }

  @Test
  void staleRegionsAreRefused() {
    RegionTree t = three();
    // An old heartbeat from before a split: region 2 covering [b, "") with an older version.
    assertThrows(PdException.class, () -> t.checkNotStale(info(2, "b", "", 1)));
    // Overlapping a region with a newer version.
    assertThrows(PdException.class, () -> t.checkNotStale(info(9, "a", "c", 1)));
    // Same id, conf version went back.
    RegionInfo confBack = RegionInfo.of(region(2, "b", "d", 0, 2, peer(20, 1)), peer(20, 1));
    assertThrows(PdException.class, () -> t.checkNotStale(confBack));
    t.checkNotStale(info(2, "b", "d", 2));
    t.checkNotStale(info(2, "b", "c", 3));
  }

  @Property(tries = 100)
  void splittingKeepsTheKeySpaceCoveredExactlyOnce(
      @ForAll @Size(min = 1, max = 30) @UniqueElements
          List<@net.jqwik.api.constraints.IntRange(min = 1, max = 5000) Integer> cuts,
      @ForAll @Size(max = 20)
          List<@net.jqwik.api.constraints.IntRange(min = 0, max = 6000) Integer> probes) {
    RegionTree t = new RegionTree();
    t.put(info(1, "", "", 1));
    long nextId = 2;
    for (int cut : cuts) {
      ByteString k = ByteString.copyFromUtf8(String.format("%05d", cut));
      RegionInfo parent = t.search(k);
      if (parent.startKey().equals(k)) {
        continue;
      }
      // Right-derived split: the new region takes the left part.
      RegionInfo left =
          RegionInfo.of(
              parent.meta().toBuilder()
                  .setId(nextId)
                  .setEndKey(k)
                  .setRegionEpoch(
                      parent.meta().getRegionEpoch().toBuilder().setVersion(parent.version() + 1))
                  .build(),
              peer(nextId * 10, 1));
      RegionInfo right =
          RegionInfo.of(
              parent.meta().toBuilder()
                  .setStartKey(k)
                  .setRegionEpoch(
                      parent.meta().getRegionEpoch().toBuilder().setVersion(parent.version() + 1))
                  .build(),
              parent.leader());
      nextId++;
      t.checkNotStale(left);
      t.checkNotStale(right);
      t.put(right);
      t.put(left);
    }
    List<RegionInfo> all = t.all();
    assertEquals(ByteString.EMPTY, all.getFirst().startKey());
    assertEquals(ByteString.EMPTY, all.getLast().endKey());
    for (int i = 0; i + 1 < all.size(); i++) {
      assertEquals(all.get(i).endKey(), all.get(i + 1).startKey(), "contiguous");
    }
    for (int p : probes) {
      ByteString k = ByteString.copyFromUtf8(String.format("%05d", p));
      RegionInfo r = t.search(k);
      assertEquals(true, r.contains(k));
    }
  }
}
