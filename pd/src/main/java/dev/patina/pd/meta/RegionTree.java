package dev.patina.pd.meta;

import com.google.protobuf.ByteString;
import dev.patina.pd.PdException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Regions sorted by start key (for routing a key to its region) and indexed by id. Ranges in the
 * tree never overlap; putting a region removes whatever it overlaps. Not thread-safe: {@link
 * Cluster} guards it.
 */
final class RegionTree {
  private final TreeMap<ByteString, RegionInfo> byStart = new TreeMap<>(KeyOrder.ORDER);
  private final Map<Long, RegionInfo> byId = new HashMap<>();

  int size() {
    return byId.size();
  }

  RegionInfo byId(long id) {
    return byId.get(id);
  }

  /** The region whose range holds {@code key}, or null. */
  RegionInfo search(ByteString key) {
    Map.Entry<ByteString, RegionInfo> e = byStart.floorEntry(key);
    if (e == null || !e.getValue().contains(key)) {
      return null;
    }
    return e.getValue();
  }

  /**
   * The region right before the one holding {@code key}, if the two are adjacent (its end is the
   * other's start); else null.
   */
  RegionInfo searchPrev(ByteString key) {
    RegionInfo current = search(key);
    if (current == null) {
      return null;
    }
    Map.Entry<ByteString, RegionInfo> e = byStart.lowerEntry(current.startKey());
    if (e == null || !e.getValue().endKey().equals(current.startKey())) {
      return null;
    }
    return e.getValue();
  }

  /**
   * Regions from the one holding {@code start} (or the first after it) whose start is below {@code
   * end} (empty: no bound), at most {@code limit} of them ({@code limit <= 0}: no limit).
   */
  List<RegionInfo> scan(ByteString start, ByteString end, int limit) {
    List<RegionInfo> out = new ArrayList<>();
    RegionInfo first = search(start);
    ByteString from = first != null ? first.startKey() : start;
    for (RegionInfo r : byStart.tailMap(from, true).values()) {
      if (!end.isEmpty() && KeyOrder.compare(r.startKey(), end) >= 0) {
        break;
      }
      if (limit > 0 && out.size() >= limit) {
        break;
      }
      out.add(r);
    }
    return out;
  }

  /** Regions in the tree whose range intersects {@code r}'s (possibly including its older self). */
  List<RegionInfo> overlaps(RegionInfo r) {
    List<RegionInfo> out = new ArrayList<>();
    Map.Entry<ByteString, RegionInfo> floor = byStart.floorEntry(r.startKey());
    if (floor != null && KeyOrder.endAfter(floor.getValue().endKey(), r.startKey())) {
      out.add(floor.getValue());
    }
    NavigableMap<ByteString, RegionInfo> after = byStart.tailMap(r.startKey(), false);
    for (RegionInfo o : after.values()) {
      if (!r.endKey().isEmpty() && KeyOrder.compare(o.startKey(), r.endKey()) >= 0) {
        break;
      }
      out.add(o);
    }
    return out;
  }

  /**
   * Refuses {@code r} if it is older than what the tree holds, with PD's rules: a region it
   * overlaps has a newer version (it split or merged since), or the region with the same id has a
   * newer version, conf version or Raft term.
   */
  void checkNotStale(RegionInfo r) {
    for (RegionInfo o : overlaps(r)) {
      if (r.version() < o.version()) {
        throw stale(r, o);
      }
    }
    RegionInfo origin = byId.get(r.id());
    if (origin != null) {
      boolean termBehind = r.term() > 0 && r.term() < origin.term();
      if (termBehind || r.version() < origin.version() || r.confVer() < origin.confVer()) {
        throw stale(r, origin);
      }
    }
  }

  private static PdException stale(RegionInfo r, RegionInfo current) {
    return PdException.invalid(
        "region is stale: region "
            + Describe.region(r.meta())
            + " is older than "
            + Describe.region(current.meta()));
  }

  /**
   * Regions that putting {@code r} will remove (other than {@code r}'s own older record): those it
   * overlaps.
   */
  List<RegionInfo> displacedBy(RegionInfo r) {
    List<RegionInfo> out = new ArrayList<>();
    for (RegionInfo o : overlaps(r)) {
      if (o.id() != r.id()) {
        out.add(o);
      }
    }
    return out;
  }

  /** Inserts or replaces {@code r}, removing its older record and every region it overlaps. */
  void put(RegionInfo r) {
    remove(byId.get(r.id()));
    for (RegionInfo o : overlaps(r)) {
      remove(o);
    }
    byStart.put(r.startKey(), r);
    byId.put(r.id(), r);
  }

  /** Replaces the record of a region already in the tree with the same range (statistics). */
  void replaceSameRange(RegionInfo r) {
    byStart.put(r.startKey(), r);
    byId.put(r.id(), r);
  }

  private void remove(RegionInfo r) {
    if (r == null) {
      return;
    }
    byId.remove(r.id());
    RegionInfo atStart = byStart.get(r.startKey());
    if (atStart != null && atStart.id() == r.id()) {
      byStart.remove(r.startKey());
    }
  }

  List<RegionInfo> all() {
    return new ArrayList<>(byStart.values());
  }
}
